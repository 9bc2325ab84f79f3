import { defineHeader, type HeaderOf } from './define-header';

/**
 * Consumer/producer group administration requests sent to a broker (spec/remoting.md §11.4).
 * UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200) has no header: its body is a SubscriptionGroupConfig.
 */

/** DELETE_SUBSCRIPTIONGROUP (207): 4.x asks `removeOffset`, 5.x `cleanOffset` to drop the group's offsets too. */
export const DeleteSubscriptionGroupRequestHeader = defineHeader({
  groupName: 'string!',
  removeOffset: 'boolean',
  cleanOffset: 'boolean',
});
export type DeleteSubscriptionGroupRequestHeader = HeaderOf<typeof DeleteSubscriptionGroupRequestHeader>;

/**
 * GET_CONSUME_STATS (208): body ConsumeStats. Without topic: every topic the group has committed offsets for.
 * topicList (5.x, `;`-separated) overrides topic.
 */
export const GetConsumeStatsRequestHeader = defineHeader({
  consumerGroup: 'string!',
  topic: 'string',
  topicList: 'string',
});
export type GetConsumeStatsRequestHeader = HeaderOf<typeof GetConsumeStatsRequestHeader>;

/** GET_CONSUMER_CONNECTION_LIST (203): body ConsumerConnection; an offline group answers CONSUMER_NOT_ONLINE. */
export const GetConsumerConnectionListRequestHeader = defineHeader({ consumerGroup: 'string!' });
export type GetConsumerConnectionListRequestHeader = HeaderOf<typeof GetConsumerConnectionListRequestHeader>;

/** GET_PRODUCER_CONNECTION_LIST (204): body ProducerConnection; unknown group answers SYSTEM_ERROR. */
export const GetProducerConnectionListRequestHeader = defineHeader({ producerGroup: 'string!' });
export type GetProducerConnectionListRequestHeader = HeaderOf<typeof GetProducerConnectionListRequestHeader>;

/** QUERY_CONSUME_TIME_SPAN (303): body QueryConsumeTimeSpanBody. */
export const QueryConsumeTimeSpanRequestHeader = defineHeader({ topic: 'string!', group: 'string!' });
export type QueryConsumeTimeSpanRequestHeader = HeaderOf<typeof QueryConsumeTimeSpanRequestHeader>;

/** CLONE_GROUP_OFFSET (314). */
export const CloneGroupOffsetRequestHeader = defineHeader({
  srcGroup: 'string!',
  destGroup: 'string!',
  topic: 'string',
  offline: 'boolean',
});
export type CloneGroupOffsetRequestHeader = HeaderOf<typeof CloneGroupOffsetRequestHeader>;

/**
 * GET_CONSUMER_RUNNING_INFO (307), admin -> broker -> client: the broker forwards extFields and body to the client
 * and returns its answer (body ConsumerRunningInfo). An offline client answers SYSTEM_ERROR, a timeout
 * CONSUME_MSG_TIMEOUT.
 */
export const GetConsumerRunningInfoRequestHeader = defineHeader({
  consumerGroup: 'string!',
  clientId: 'string!',
  jstackEnable: 'boolean',
});
export type GetConsumerRunningInfoRequestHeader = HeaderOf<typeof GetConsumerRunningInfoRequestHeader>;

/**
 * CONSUME_MESSAGE_DIRECTLY (309), admin -> broker -> client: msgId is an offset message id; the broker attaches
 * the stored record as body and the extField `brokerName`, then forwards.
 */
export const ConsumeMessageDirectlyResultRequestHeader = defineHeader({
  consumerGroup: 'string!',
  clientId: 'string',
  msgId: 'string',
  brokerName: 'string',
  /** 5.x */
  topic: 'string',
  topicSysFlag: 'int',
  groupSysFlag: 'int',
});
export type ConsumeMessageDirectlyResultRequestHeader = HeaderOf<typeof ConsumeMessageDirectlyResultRequestHeader>;
