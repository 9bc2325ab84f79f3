import { createLogger } from '../../common/logger';
import { isRetryTopic, MessageConst, SystemTopic } from '../../common/message/message-const';
import { isReadable } from '../../protocol/bodies/topic-config';
import { encodeOffsetMovedEvent } from '../../protocol/bodies/offset-moved-event';
import { PullMessageRequestHeader, PullMessageResponseHeader, PullSysFlag } from '../../protocol/headers/pull-message';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { Connection } from '../../remoting/connection';
import type { RequestHandler } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import type { BrokerContext } from '../broker-context';
import { createPullFilter } from '../filter/expression-message-filter';
import { joinRecords, pullResponseCode } from './pull-response';
import { resolvePullSubscription } from './pull-subscription';

const log = createLogger('pull-message');

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361) (spec/message-format.md §9, semantics.md §7, Java
 * `PullMessageProcessor`). Checks in upstream's order, one store read, then by answer code:
 *   SUCCESS            body = the records; GROUP_GET stats
 *   PULL_NOT_FOUND     with SUSPEND (first attempt only): parked until a matching message arrives or the hold time
 *                      ends, then run once more without suspend and answered on the same connection
 *   PULL_OFFSET_MOVED  an OffsetMovedEvent is written to OFFSET_MOVED_EVENT (masters, or slaves with
 *                      offsetCheckInSlave); other slaves answer PULL_RETRY_IMMEDIATELY at the requested offset
 * The commit offset the pull carries is stored on the first attempt on masters.
 */
async function processPull(ctx: BrokerContext, request: RemotingCommand, connection: Connection, allowSuspend: boolean): Promise<RemotingCommand | null> {
  const { config } = ctx;
  const header = PullMessageRequestHeader.decode(request.extFields);
  if (!isReadable(config.brokerPermission)) {
    throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `the broker[${config.brokerIP1}] pulling message is forbidden`);
  }
  const groupConfig = ctx.groups.findSubscriptionGroupConfig(header.consumerGroup);
  if (!groupConfig) throw new ResponseCodeError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group [${header.consumerGroup}] does not exist`);
  if (!groupConfig.consumeEnable) throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `subscription group no permission, ${header.consumerGroup}`);
  const suspend = (header.sysFlag & PullSysFlag.SUSPEND) !== 0;
  const commitOffset = (header.sysFlag & PullSysFlag.COMMIT_OFFSET) !== 0;
  const topicConfig = ctx.topics.selectTopicConfig(header.topic);
  if (!topicConfig) throw new ResponseCodeError(ResponseCode.TOPIC_NOT_EXIST, `topic[${header.topic}] not exist, apply first please!`);
  if (!isReadable(topicConfig.perm)) throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `the topic[${header.topic}] pulling message is forbidden`);
  if (header.queueId < 0 || header.queueId >= topicConfig.readQueueNums) {
    throw new ResponseCodeError(
      ResponseCode.SYSTEM_ERROR,
      `queueId[${header.queueId}] is illegal, topic:[${header.topic}] topicConfig.readQueueNums:[${topicConfig.readQueueNums}] consumer:[${connection.remoteAddress}]`,
    );
  }
  const subscription = resolvePullSubscription(ctx, header, groupConfig);
  if (subscription.data.expressionType !== 'TAG' && !config.enablePropertyFilter) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `The broker does not support consumer to filter message by ${subscription.data.expressionType}`);
  }
  const filter = createPullFilter({
    subscription: subscription.data,
    compiledSql: subscription.compiledSql,
    retryTopicPassThrough: isRetryTopic(header.topic) && !config.filterSupportRetry,
  });

  // Stored before the first await: requests of one connection are handled in arrival order only up to their first
  // await, and an UPDATE_CONSUMER_OFFSET sent after this pull (an orderly hand-over) must not be overwritten by it.
  const slave = config.brokerRole === 'SLAVE';
  if (allowSuspend && commitOffset && !slave) {
    ctx.offsets.commitOffset(header.consumerGroup, header.topic, header.queueId, header.commitOffset);
  }
  const result = await ctx.store.getMessage(header.consumerGroup, header.topic, header.queueId, header.queueOffset, header.maxMsgNums, filter);
  let code = pullResponseCode(result, header.queueOffset);
  let nextBeginOffset = result.nextBeginOffset;
  const suggestWhichBrokerId = config.slaveReadEnable ? (result.suggestPullingFromSlave ? groupConfig.whichBrokerWhenConsumeSlowly : groupConfig.brokerId) : 0;

  if (code === ResponseCode.PULL_NOT_FOUND && allowSuspend && suspend) {
    const holdMs = config.longPollingEnable ? header.suspendTimeoutMillis : config.shortPollingTimeMills;
    const reason = await ctx.pullHold.hold(header.topic, header.queueId, header.queueOffset, filter, connection, holdMs);
    if (reason === 'closed' || reason === 'shutdown') return null;
    return processPull(ctx, request, connection, false);
  }

  if (code === ResponseCode.PULL_OFFSET_MOVED) {
    if (!slave || config.offsetCheckInSlave) {
      await writeOffsetMovedEvent(ctx, header.consumerGroup, header.topic, header.queueId, header.queueOffset, nextBeginOffset);
    } else {
      code = ResponseCode.PULL_RETRY_IMMEDIATELY;
      nextBeginOffset = header.queueOffset;
    }
  }

  let body: Buffer | undefined;
  if (code === ResponseCode.SUCCESS) {
    const count = result.messages.length;
    ctx.stats.incGroupGetNums(header.consumerGroup, header.topic, count);
    ctx.stats.incGroupGetSize(header.consumerGroup, header.topic, result.bufferTotalSize);
    ctx.stats.incBrokerGetNums(count);
    body = joinRecords(result.messages);
  }
  return createResponse(request, code, {
    remark: result.status,
    body,
    extFields: PullMessageResponseHeader.encode({
      suggestWhichBrokerId,
      nextBeginOffset,
      minOffset: result.minOffset,
      maxOffset: result.maxOffset,
    }),
  });
}

/** The OFFSET_MOVED_EVENT message: tags and keys are the group, body the event JSON (Java `generateOffsetMovedEvent`). */
async function writeOffsetMovedEvent(ctx: BrokerContext, group: string, topic: string, queueId: number, offsetRequest: number, offsetNew: number): Promise<void> {
  const body = encodeOffsetMovedEvent({
    consumerGroup: group,
    messageQueue: { topic, brokerName: ctx.config.brokerName, queueId },
    offsetRequest,
    offsetNew,
  });
  const result = await ctx.store.putMessage({
    topic: SystemTopic.OFFSET_MOVED_EVENT,
    queueId: 0,
    flag: 0,
    body,
    properties: new Map([
      [MessageConst.TAGS, group],
      [MessageConst.KEYS, group],
    ]),
    sysFlag: 0,
    bornTimestamp: Date.now(),
    bornHost: ctx.brokerAddr,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
  });
  if (result.status !== 'PUT_OK') log.warn(`writing the offset moved event of ${topic}@${group} failed: ${result.status} ${result.remark ?? ''}`);
  log.info(`PULL_OFFSET_MOVED: group=${group} topic=${topic} queueId=${queueId} requestOffset=${offsetRequest} newOffset=${offsetNew}`);
}

export function pullMessageProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  const handler: RequestHandler = (request, connection) => processPull(ctx, request, connection, true);
  return new Map<number, RequestHandler>([
    [RequestCode.PULL_MESSAGE, handler],
    [RequestCode.LITE_PULL_MESSAGE, handler],
  ]);
}
