import { createLogger } from '../../common/logger';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import { encodeConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result';
import { ConsumerRunningInfoProperty, encodeConsumerRunningInfo } from '../../protocol/bodies/consumer-running-info';
import { encodeGetConsumerStatusBody } from '../../protocol/bodies/get-consumer-status-body';
import { decodeResetOffsetBody } from '../../protocol/bodies/reset-offset-body';
import { ConsumeMessageDirectlyResultRequestHeader, GetConsumerRunningInfoRequestHeader } from '../../protocol/headers/admin-group';
import { NotifyConsumerIdsChangedRequestHeader } from '../../protocol/headers/client-manage';
import { GetConsumerStatusRequestHeader, ResetOffsetRequestHeader } from '../../protocol/headers/reset-offset';
import { CURRENT_VERSION, versionDescription } from '../../protocol/mq-version';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { registerCheckTransactionState } from './check-transaction-state';
import type { ClientInstance, ConsumerAdminHooks } from './client-instance';

const log = createLogger('client');

/**
 * Requests brokers send to clients (spec/remoting.md §10 "C" codes; Java `ClientRemotingProcessor`), dispatched to
 * the consumer of the group named in the header:
 *
 *   NOTIFY_CONSUMER_IDS_CHANGED (40)       rebalance now (oneway)
 *   RESET_CONSUMER_CLIENT_OFFSET (220)     restart a topic's queues from the offsets in the body (oneway)
 *   GET_CONSUMER_STATUS_FROM_CLIENT (221)  the consumer's offsets of a topic
 *   GET_CONSUMER_RUNNING_INFO (307)        ConsumerRunningInfo (+ client version, nameservers, consume type)
 *   CONSUME_MESSAGE_DIRECTLY (309)         run the listener on the stored message in the body
 *   CHECK_TRANSACTION_STATE (39)           to the transactional producer of the group (check-transaction-state.ts)
 */
export function registerClientRequestProcessors(instance: ClientInstance): void {
  const hooksOf = (group: string): ConsumerAdminHooks => {
    const hooks = instance.consumer(group)?.adminHooks;
    if (!hooks) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `The Consumer Group <${group}> not exist in this consumer`);
    return hooks;
  };
  const processors = instance.remoting.processors;
  registerCheckTransactionState(instance);

  processors.register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (request) => {
    const { consumerGroup } = NotifyConsumerIdsChangedRequestHeader.decode(request.extFields);
    log.info(`the broker says the consumers of ${consumerGroup} changed; rebalancing`);
    instance.rebalanceImmediately();
    return null;
  });

  processors.register(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, async (request) => {
    const header = ResetOffsetRequestHeader.decode(request.extFields);
    const body = request.body && request.body.length > 0 ? decodeResetOffsetBody(request.body) : { offsetTable: [] };
    const hooks = instance.consumer(header.group)?.adminHooks;
    if (hooks) await hooks.resetOffset(header.topic, body.offsetTable);
    return null;
  });

  processors.register(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, (request) => {
    const header = GetConsumerStatusRequestHeader.decode(request.extFields);
    const offsets = hooksOf(header.group).offsetsOf(header.topic);
    return ok(request, encodeGetConsumerStatusBody({ messageQueueTable: offsets, consumerTable: {} }));
  });

  processors.register(RequestCode.GET_CONSUMER_RUNNING_INFO, (request) => {
    const header = GetConsumerRunningInfoRequestHeader.decode(request.extFields);
    const info = hooksOf(header.consumerGroup).runningInfo();
    info.properties[ConsumerRunningInfoProperty.NAMESERVER_ADDR] = instance.config.namesrvAddrs.join(';');
    info.properties[ConsumerRunningInfoProperty.CLIENT_VERSION] = versionDescription(CURRENT_VERSION);
    if (header.jstackEnable) info.jstack = processReport();
    return ok(request, encodeConsumerRunningInfo(info));
  });

  processors.register(RequestCode.CONSUME_MESSAGE_DIRECTLY, async (request) => {
    const header = ConsumeMessageDirectlyResultRequestHeader.decode(request.extFields);
    if (!request.body || request.body.length === 0) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'no message in the request body');
    const message = decodeStoredMessage(request.body, 0, { decompressBody: true });
    const brokerName = header.brokerName ?? request.extFields?.brokerName;
    const result = await hooksOf(header.consumerGroup).consumeMessageDirectly(message, brokerName);
    return ok(request, encodeConsumeMessageDirectlyResult(result));
  });
}

function ok(request: RemotingCommand, body: Buffer): RemotingCommand {
  return createResponse(request, ResponseCode.SUCCESS, { body });
}

/** What Java puts in `jstack` (thread dumps) has no Node equivalent; report the process instead. */
function processReport(): string {
  const memory = process.memoryUsage();
  return `node ${process.version} pid ${process.pid} uptime ${Math.round(process.uptime())}s rss ${memory.rss} heapUsed ${memory.heapUsed}`;
}
