import { DLQ_GROUP_TOPIC_PREFIX, MessageConst, RETRY_GROUP_TOPIC_PREFIX } from '../../common/message/message-const';
import { isWriteable, PERM_READ, PERM_WRITE, TopicSysFlag } from '../../protocol/bodies/topic-config';
import { ConsumerSendMsgBackRequestHeader } from '../../protocol/headers/consumer-send-msg-back';
import { Versions } from '../../protocol/mq-version';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { RequestHandler } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import type { BrokerContext } from '../broker-context';
import { DLQ_NUMS_PER_GROUP } from './send-message-check';

/**
 * CONSUMER_SEND_MSG_BACK (36): a consumer hands back a message it failed to consume (spec/remoting.md §11.1,
 * semantics.md §5, Java `SendMessageProcessor#asyncConsumerSendMsgBack`). The stored message is copied to
 * %RETRY%<group> with delay level `delayLevel` (0 = 3 + reconsumeTimes, so it passes through SCHEDULE_TOPIC_XXXX),
 * or to %DLQ%<group> when it was retried maxReconsumeTimes times or delayLevel < 0. The copy keeps body, flag,
 * sysflag, born data and properties, gets RETRY_TOPIC (once), ORIGIN_MESSAGE_ID, WAIT=false and reconsumeTimes + 1.
 */
function random(bound: number): number {
  return Math.floor(Math.random() * 99_999_999) % Math.max(1, bound);
}

async function consumerSendMsgBack(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = ConsumerSendMsgBackRequestHeader.decode(request.extFields);
  const groupConfig = ctx.groups.findSubscriptionGroupConfig(header.group);
  if (!groupConfig) throw new ResponseCodeError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group not exist, ${header.group}`);
  if (!isWriteable(ctx.config.brokerPermission)) {
    throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `the broker[${ctx.config.brokerIP1}] sending message is forbidden`);
  }
  if (groupConfig.retryQueueNums <= 0) return createResponse(request, ResponseCode.SUCCESS);

  let topic = RETRY_GROUP_TOPIC_PREFIX + header.group;
  let queueId = random(groupConfig.retryQueueNums);
  const retryConfig = ctx.topics.createTopicInSendMessageBackMethod(topic, groupConfig.retryQueueNums, PERM_READ | PERM_WRITE, header.unitMode ? TopicSysFlag.UNIT_SUB : 0);
  if (!isWriteable(retryConfig.perm)) throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `the topic[${topic}] sending message is forbidden`);

  const found = await ctx.store.lookMessageByOffset(header.offset);
  if (!found) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `look message by offset failed, ${header.offset}`);
  const original = found.message;
  const properties = new Map(original.properties);
  if (!properties.has(MessageConst.RETRY_TOPIC)) properties.set(MessageConst.RETRY_TOPIC, original.topic);
  properties.set(MessageConst.WAIT_STORE_MSG_OK, 'false');

  let maxReconsumeTimes = groupConfig.retryMaxTimes;
  if (request.version >= Versions.V3_4_9 && header.maxReconsumeTimes !== undefined) maxReconsumeTimes = header.maxReconsumeTimes;
  if (original.reconsumeTimes >= maxReconsumeTimes || header.delayLevel < 0) {
    topic = DLQ_GROUP_TOPIC_PREFIX + header.group;
    queueId = random(DLQ_NUMS_PER_GROUP);
    ctx.topics.createTopicInSendMessageBackMethod(topic, DLQ_NUMS_PER_GROUP, PERM_READ | PERM_WRITE, 0);
    properties.delete(MessageConst.DELAY_TIME_LEVEL);
  } else {
    properties.set(MessageConst.DELAY_TIME_LEVEL, String(header.delayLevel === 0 ? 3 + original.reconsumeTimes : header.delayLevel));
  }
  if (!properties.get(MessageConst.ORIGIN_MESSAGE_ID)) properties.set(MessageConst.ORIGIN_MESSAGE_ID, original.msgId);

  const result = await ctx.store.putMessage({
    topic,
    queueId,
    flag: original.flag,
    body: original.body,
    properties,
    sysFlag: original.sysFlag,
    bornTimestamp: original.bornTimestamp,
    bornHost: original.bornHost,
    reconsumeTimes: original.reconsumeTimes + 1,
    preparedTransactionOffset: 0,
  });
  if (result.status !== 'PUT_OK') throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, result.status);
  ctx.stats.incSendBackNums(header.group, original.properties.get(MessageConst.RETRY_TOPIC) ?? original.topic);
  return createResponse(request, ResponseCode.SUCCESS);
}

export function sendMessageBackProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([[RequestCode.CONSUMER_SEND_MSG_BACK, (request) => consumerSendMsgBack(ctx, request)]]);
}
