import { decodeConsumeMessageDirectlyResult, type ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result';
import { decodeConsumeStats, decodeConsumeStatsList, type ConsumeStats, type ConsumeStatsList } from '../../protocol/bodies/consume-stats';
import { decodeConsumerConnection, decodeProducerConnection, type ConsumerConnection, type ProducerConnection } from '../../protocol/bodies/consumer-connection';
import { decodeConsumerRunningInfo, type ConsumerRunningInfo } from '../../protocol/bodies/consumer-running-info';
import { decodeQueryConsumeTimeSpanBody, type QueueTimeSpan } from '../../protocol/bodies/queue-time-span';
import {
  decodeSubscriptionGroupWrapper,
  encodeSubscriptionGroupConfig,
  type SubscriptionGroupConfig,
  type SubscriptionGroupWrapper,
} from '../../protocol/bodies/subscription-group-config';
import * as groupHeaders from '../../protocol/headers/admin-group';
import { GetBrokerConsumeStatsRequestHeader } from '../../protocol/headers/admin-stats';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';

/**
 * Consumer / producer group administration on one broker (spec/remoting.md §11.4). Same conventions as
 * broker-topic-admin.ts.
 */

/** UPDATE_AND_CREATE_SUBSCRIPTIONGROUP: body = the group's config. */
export async function createOrUpdateSubscriptionGroup(
  remoting: RemotingClient,
  brokerAddr: string,
  config: SubscriptionGroupConfig,
  timeoutMs = 3000,
): Promise<void> {
  await invokeChecked(remoting, brokerAddr, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, { body: encodeSubscriptionGroupConfig(config) }, timeoutMs);
}

/** DELETE_SUBSCRIPTIONGROUP; `removeOffset` also drops its committed offsets (sent under both 4.x and 5.x names). */
export async function deleteSubscriptionGroup(
  remoting: RemotingClient,
  brokerAddr: string,
  groupName: string,
  removeOffset = false,
  timeoutMs = 3000,
): Promise<void> {
  const extFields = groupHeaders.DeleteSubscriptionGroupRequestHeader.encode({ groupName, removeOffset, cleanOffset: removeOffset });
  await invokeChecked(remoting, brokerAddr, RequestCode.DELETE_SUBSCRIPTIONGROUP, { extFields }, timeoutMs);
}

/** GET_ALL_SUBSCRIPTIONGROUP_CONFIG. */
export async function getAllSubscriptionGroupConfig(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<SubscriptionGroupWrapper> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, {}, timeoutMs);
  return decodeSubscriptionGroupWrapper(response.body ?? Buffer.alloc(0));
}

/** GET_CONSUME_STATS: broker and consumer offsets per queue of the group (one topic, or all it consumed). */
export async function getConsumeStats(
  remoting: RemotingClient,
  brokerAddr: string,
  consumerGroup: string,
  topic?: string,
  timeoutMs = 9000,
): Promise<ConsumeStats> {
  const extFields = groupHeaders.GetConsumeStatsRequestHeader.encode({ consumerGroup, topic });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_CONSUME_STATS, { extFields }, timeoutMs);
  return decodeConsumeStats(response.body ?? Buffer.alloc(0));
}

/** GET_CONSUMER_CONNECTION_LIST: the group's online clients and subscriptions (CONSUMER_NOT_ONLINE when none). */
export async function getConsumerConnectionList(
  remoting: RemotingClient,
  brokerAddr: string,
  consumerGroup: string,
  timeoutMs = 3000,
): Promise<ConsumerConnection> {
  const extFields = groupHeaders.GetConsumerConnectionListRequestHeader.encode({ consumerGroup });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_CONSUMER_CONNECTION_LIST, { extFields }, timeoutMs);
  return decodeConsumerConnection(response.body ?? Buffer.alloc(0));
}

/** GET_PRODUCER_CONNECTION_LIST. */
export async function getProducerConnectionList(
  remoting: RemotingClient,
  brokerAddr: string,
  producerGroup: string,
  timeoutMs = 3000,
): Promise<ProducerConnection> {
  const extFields = groupHeaders.GetProducerConnectionListRequestHeader.encode({ producerGroup });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_PRODUCER_CONNECTION_LIST, { extFields }, timeoutMs);
  return decodeProducerConnection(response.body ?? Buffer.alloc(0));
}

/** GET_CONSUMER_RUNNING_INFO, forwarded by the broker to the client `clientId`. */
export async function getConsumerRunningInfo(
  remoting: RemotingClient,
  brokerAddr: string,
  consumerGroup: string,
  clientId: string,
  jstackEnable = false,
  timeoutMs = 12_000,
): Promise<ConsumerRunningInfo> {
  const extFields = groupHeaders.GetConsumerRunningInfoRequestHeader.encode({ consumerGroup, clientId, jstackEnable });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_CONSUMER_RUNNING_INFO, { extFields }, timeoutMs);
  return decodeConsumerRunningInfo(response.body ?? Buffer.alloc(0));
}

/** CONSUME_MESSAGE_DIRECTLY: the broker reads `msgId` (an offset id) and has the client consume it once. */
export async function consumeMessageDirectly(
  remoting: RemotingClient,
  brokerAddr: string,
  consumerGroup: string,
  clientId: string,
  msgId: string,
  options: { brokerName?: string; topic?: string } = {},
  timeoutMs = 12_000,
): Promise<ConsumeMessageDirectlyResult> {
  const extFields = groupHeaders.ConsumeMessageDirectlyResultRequestHeader.encode({ consumerGroup, clientId, msgId, ...options });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.CONSUME_MESSAGE_DIRECTLY, { extFields }, timeoutMs);
  return decodeConsumeMessageDirectlyResult(response.body ?? Buffer.alloc(0));
}

/** QUERY_CONSUME_TIME_SPAN: per queue, the store times of the oldest, newest and last consumed message. */
export async function queryConsumeTimeSpan(
  remoting: RemotingClient,
  brokerAddr: string,
  topic: string,
  group: string,
  timeoutMs = 3000,
): Promise<QueueTimeSpan[]> {
  const extFields = groupHeaders.QueryConsumeTimeSpanRequestHeader.encode({ topic, group });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.QUERY_CONSUME_TIME_SPAN, { extFields }, timeoutMs);
  return decodeQueryConsumeTimeSpanBody(response.body ?? Buffer.alloc(0)).consumeTimeSpanSet;
}

/** CLONE_GROUP_OFFSET: copies srcGroup's offsets (of `topic`, or all) to destGroup. */
export async function cloneGroupOffset(
  remoting: RemotingClient,
  brokerAddr: string,
  srcGroup: string,
  destGroup: string,
  topic?: string,
  offline = false,
  timeoutMs = 3000,
): Promise<void> {
  const extFields = groupHeaders.CloneGroupOffsetRequestHeader.encode({ srcGroup, destGroup, topic, offline });
  await invokeChecked(remoting, brokerAddr, RequestCode.CLONE_GROUP_OFFSET, { extFields }, timeoutMs);
}

/** GET_BROKER_CONSUME_STATS: every group's consume stats on the broker (mqadmin brokerConsumeStats). */
export async function getBrokerConsumeStats(remoting: RemotingClient, brokerAddr: string, isOrder = false, timeoutMs = 10_000): Promise<ConsumeStatsList> {
  const extFields = GetBrokerConsumeStatsRequestHeader.encode({ isOrder });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_BROKER_CONSUME_STATS, { extFields }, timeoutMs);
  return decodeConsumeStatsList(response.body ?? Buffer.alloc(0));
}
