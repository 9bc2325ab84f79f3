import { createLogger } from '../../common/logger';
import { NotifyConsumerIdsChangedRequestHeader } from '../../protocol/headers/client-manage';
import { RequestCode } from '../../protocol/request-code';
import type { Connection } from '../../remoting/connection';
import { createRequest, type RemotingCommand } from '../../remoting/remoting-command';
import type { ClientChannelInfo } from './client-channel-info';

const log = createLogger('broker2client');

/**
 * Requests the broker sends to its clients (Java `Broker2Client`), on the client's own connection with opaques
 * from the process-wide counter.
 */
export function notifyConsumerIdsChanged(group: string, members: ClientChannelInfo[]): void {
  const extFields = NotifyConsumerIdsChangedRequestHeader.encode({ consumerGroup: group });
  for (const member of members) {
    if (member.connection.closed) continue;
    try {
      member.connection.invokeOneway(createRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, { extFields }));
    } catch (error) {
      log.warn(`notifyConsumerIdsChanged to ${member.connection.remoteAddress} failed: ${(error as Error).message}`);
    }
  }
}

/** Sends a oneway request, logging (not throwing) a failure: the client may have just gone. */
export function sendOneway(connection: Connection, request: RemotingCommand): boolean {
  try {
    connection.invokeOneway(request);
    return true;
  } catch (error) {
    log.warn(`oneway ${request.code} to ${connection.remoteAddress} failed: ${(error as Error).message}`);
    return false;
  }
}
