import { createLogger } from '../../common/logger';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import {
  AddWritePermOfBrokerRequestHeader,
  AddWritePermOfBrokerResponseHeader,
  WipeWritePermOfBrokerRequestHeader,
  WipeWritePermOfBrokerResponseHeader,
} from '../../protocol/headers/namesrv-write-perm';
import type { RequestHandler } from '../../remoting/processor-table';
import { createResponse } from '../../remoting/remoting-command';
import type { NamesrvContext } from '../namesrv-context';

const log = createLogger('namesrv');

/**
 * WIPE_WRITE_PERM_OF_BROKER (clear the write bit of every topic's queue data of a broker, so producers stop sending
 * to it before maintenance) and ADD_WRITE_PERM_OF_BROKER (set READ|WRITE back). The broker's next registration with
 * a changed data version overwrites these permissions, as upstream.
 */
export function writePermProcessors(ctx: NamesrvContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [
      RequestCode.WIPE_WRITE_PERM_OF_BROKER,
      (request, connection) => {
        const { brokerName } = WipeWritePermOfBrokerRequestHeader.decode(request.extFields);
        const wipeTopicCount = ctx.routes.changeWritePerm(brokerName, 'wipe');
        log.info(`wipe write perm of broker ${brokerName} by ${connection.remoteAddress}: ${wipeTopicCount} topic(s)`);
        return createResponse(request, ResponseCode.SUCCESS, {
          extFields: WipeWritePermOfBrokerResponseHeader.encode({ wipeTopicCount }),
        });
      },
    ],
    [
      RequestCode.ADD_WRITE_PERM_OF_BROKER,
      (request, connection) => {
        const { brokerName } = AddWritePermOfBrokerRequestHeader.decode(request.extFields);
        const addTopicCount = ctx.routes.changeWritePerm(brokerName, 'add');
        log.info(`add write perm of broker ${brokerName} by ${connection.remoteAddress}: ${addTopicCount} topic(s)`);
        return createResponse(request, ResponseCode.SUCCESS, {
          extFields: AddWritePermOfBrokerResponseHeader.encode({ addTopicCount }),
        });
      },
    ],
  ]);
}
