import { SystemTopic } from '../../common/message/message-const';
import { decodeGroupList } from '../../protocol/bodies/group-list';
import type { TopicConfig } from '../../protocol/bodies/topic-config';
import { parseTopicConfigWrapper, type TopicConfigSerializeWrapper } from '../../protocol/bodies/topic-config-wrapper';
import { decodeTopicList } from '../../protocol/bodies/topic-list';
import { decodeTopicStatsTable, type TopicStatsTable } from '../../protocol/bodies/topic-stats-table';
import * as topicHeaders from '../../protocol/headers/admin-topic';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';

/**
 * Topic administration on one broker (spec/remoting.md §11.4), as mqadmin and rocketmq-dashboard send it.
 * Every function takes the remoting client and the broker's `host:port`; failures are RemotingError (transport) or
 * ResponseCodeError (the broker's code and remark).
 */

/** UPDATE_AND_CREATE_TOPIC: creates or replaces the topic's config; the broker then re-registers with nameservers. */
export async function createOrUpdateTopic(remoting: RemotingClient, brokerAddr: string, config: TopicConfig, timeoutMs = 3000): Promise<void> {
  const extFields = topicHeaders.CreateTopicRequestHeader.encode({
    topic: config.topicName,
    defaultTopic: SystemTopic.AUTO_CREATE_TOPIC_KEY,
    readQueueNums: config.readQueueNums,
    writeQueueNums: config.writeQueueNums,
    perm: config.perm,
    topicFilterType: config.topicFilterType,
    topicSysFlag: config.topicSysFlag,
    order: config.order,
  });
  await invokeChecked(remoting, brokerAddr, RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }, timeoutMs);
}

/** DELETE_TOPIC_IN_BROKER: drops the topic's config, consume queues and offsets on this broker. */
export async function deleteTopicInBroker(remoting: RemotingClient, brokerAddr: string, topic: string, timeoutMs = 3000): Promise<void> {
  const extFields = topicHeaders.DeleteTopicRequestHeader.encode({ topic });
  await invokeChecked(remoting, brokerAddr, RequestCode.DELETE_TOPIC_IN_BROKER, { extFields }, timeoutMs);
}

/** GET_TOPIC_STATS_INFO: min/max offset and last store time of each queue of the topic on this broker. */
export async function getTopicStatsInfo(remoting: RemotingClient, brokerAddr: string, topic: string, timeoutMs = 3000): Promise<TopicStatsTable> {
  const extFields = topicHeaders.GetTopicStatsInfoRequestHeader.encode({ topic });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_TOPIC_STATS_INFO, { extFields }, timeoutMs);
  return decodeTopicStatsTable(response.body ?? Buffer.alloc(0));
}

/** GET_ALL_TOPIC_CONFIG: every topic config of the broker, with its data version. */
export async function getAllTopicConfig(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<TopicConfigSerializeWrapper> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_ALL_TOPIC_CONFIG, {}, timeoutMs);
  return parseTopicConfigWrapper(response.body ?? Buffer.alloc(0));
}

/** QUERY_TOPIC_CONSUME_BY_WHO: groups with offsets or online consumers on the topic. */
export async function queryTopicConsumeByWho(remoting: RemotingClient, brokerAddr: string, topic: string, timeoutMs = 3000): Promise<string[]> {
  const extFields = topicHeaders.QueryTopicConsumeByWhoRequestHeader.encode({ topic });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, { extFields }, timeoutMs);
  return decodeGroupList(response.body ?? Buffer.alloc(0)).groupList;
}

/** GET_SYSTEM_TOPIC_LIST_FROM_BROKER. */
export async function getSystemTopicListFromBroker(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<string[]> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, {}, timeoutMs);
  return decodeTopicList(response.body ?? Buffer.alloc(0)).topicList;
}
