import { DLQ_GROUP_TOPIC_PREFIX, RETRY_GROUP_TOPIC_PREFIX } from '../../common/message/message-const';
import { MessageSysFlag } from '../../common/message/message-sysflag';
import { Versions } from '../../protocol/mq-version';
import { isWriteable, PERM_READ, PERM_WRITE, TopicSysFlag, type TopicConfig } from '../../protocol/bodies/topic-config';
import type { SendMessageRequestHeader } from '../../protocol/headers/send-message';
import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import type { BrokerContext } from '../broker-context';
import { isNotAllowedSendTopic, topicNameProblem } from '../topic/topic-validator';

/**
 * The checks before a send reaches the store, in upstream's order (spec/remoting.md §11.1,
 * Java `AbstractSendMessageProcessor#msgCheck`), each failure thrown as a ResponseCodeError:
 *
 *   1. broker not writable and the topic is ordered     NO_PERMISSION
 *   2. invalid topic name                               SYSTEM_ERROR (4.x)
 *   3. a topic clients may not send to                  NO_PERMISSION
 *   4. unknown topic: auto-create from defaultTopic     else TOPIC_NOT_EXIST
 *   5. queueId >= max(read, write)                      SYSTEM_ERROR
 */
export const DLQ_NUMS_PER_GROUP = 1;

export function checkSend(ctx: BrokerContext, header: SendMessageRequestHeader, producerAddress: string): TopicConfig {
  const { config, topics } = ctx;
  if (!isWriteable(config.brokerPermission) && topics.isOrderTopic(header.topic)) {
    throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `the broker[${config.brokerIP1}] sending message is forbidden`);
  }
  const problem = topicNameProblem(header.topic);
  if (problem) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, problem);
  if (isNotAllowedSendTopic(header.topic)) {
    throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `Sending message to topic[${header.topic}] is forbidden.`);
  }
  let topicConfig = topics.selectTopicConfig(header.topic);
  if (!topicConfig) {
    const retry = header.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
    let topicSysFlag = 0;
    if (header.unitMode) topicSysFlag = retry ? TopicSysFlag.UNIT_SUB : TopicSysFlag.UNIT;
    topicConfig = topics.createTopicInSendMessageMethod(header.topic, header.defaultTopic, producerAddress, header.defaultTopicQueueNums, topicSysFlag);
    if (!topicConfig && retry) topicConfig = topics.createTopicInSendMessageBackMethod(header.topic, 1, PERM_READ | PERM_WRITE, topicSysFlag);
    if (!topicConfig) throw new ResponseCodeError(ResponseCode.TOPIC_NOT_EXIST, `topic[${header.topic}] not exist, apply first please!`);
  }
  const queueLimit = Math.max(topicConfig.writeQueueNums, topicConfig.readQueueNums);
  if (header.queueId >= queueLimit) {
    throw new ResponseCodeError(
      ResponseCode.SYSTEM_ERROR,
      `request queueId[${header.queueId}] is illegal, ${JSON.stringify(topicConfig)} Producer: ${producerAddress}`,
    );
  }
  return topicConfig;
}

export interface SendTarget {
  topic: string;
  queueId: number;
  topicConfig: TopicConfig;
  /** The message goes to the DLQ: drop its delay level. */
  toDeadLetterQueue: boolean;
}

/**
 * A direct send to %RETRY%<group> whose reconsumeTimes reached the limit goes to %DLQ%<group> instead
 * (Java `SendMessageProcessor#handleRetryAndDLQ`); the limit is the header's maxReconsumeTimes for clients >= 3.4.9,
 * else the group's retryMaxTimes.
 */
export function retryOrDeadLetterTarget(ctx: BrokerContext, header: SendMessageRequestHeader, requestVersion: number, target: SendTarget): SendTarget {
  if (!target.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) return target;
  const group = target.topic.slice(RETRY_GROUP_TOPIC_PREFIX.length);
  const groupConfig = ctx.groups.findSubscriptionGroupConfig(group);
  if (!groupConfig) throw new ResponseCodeError(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group not exist, ${group}`);
  let maxReconsumeTimes = groupConfig.retryMaxTimes;
  if (requestVersion >= Versions.V3_4_9 && header.maxReconsumeTimes !== undefined) maxReconsumeTimes = header.maxReconsumeTimes;
  if ((header.reconsumeTimes ?? 0) < maxReconsumeTimes) return target;
  const dlqTopic = DLQ_GROUP_TOPIC_PREFIX + group;
  const topicConfig = ctx.topics.createTopicInSendMessageBackMethod(dlqTopic, DLQ_NUMS_PER_GROUP, PERM_READ | PERM_WRITE, 0);
  return { topic: dlqTopic, queueId: Math.floor(Math.random() * 99_999_999) % DLQ_NUMS_PER_GROUP, topicConfig, toDeadLetterQueue: true };
}

/** The sysflag to store: the producer's, plus MULTI_TAGS for MULTI_TAG topics. */
export function storedSysFlag(sysFlag: number, topicConfig: TopicConfig): number {
  return topicConfig.topicFilterType === 'MULTI_TAG' ? sysFlag | MessageSysFlag.MULTI_TAGS_FLAG : sysFlag;
}
