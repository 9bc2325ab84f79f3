import { REPLY_TOPIC_POSTFIX, SystemTopic } from '../../common/message/message-const';
import { newTopicConfig, PERM_INHERIT, PERM_READ, PERM_WRITE, type TopicConfig } from '../../protocol/bodies/topic-config';
import type { BrokerConfig } from '../config/broker-config';

/**
 * The topics a broker creates in memory at start (spec/semantics.md §2, Java `TopicConfigManager` constructor);
 * topics.json is then overlaid on them.
 *
 *   TBW102                     defaultTopicQueueNums   RWX   only with autoCreateTopicEnable
 *   SELF_TEST_TOPIC            1                       RW
 *   BenchmarkTest              1024                    RW
 *   <brokerClusterName>        16                      X (+RW with clusterTopicEnable)
 *   <brokerName>               1                       X (+RW with brokerTopicEnable)
 *   OFFSET_MOVED_EVENT         1                       RW
 *   SCHEDULE_TOPIC_XXXX        18                      RW
 *   RMQ_SYS_TRACE_TOPIC        1                       RW    only with traceTopicEnable (msgTraceTopicName)
 *   <brokerClusterName>_REPLY_TOPIC  1                 RW
 */
export const SCHEDULE_TOPIC_QUEUE_NUMS = 18;

export function builtInTopics(config: BrokerConfig): TopicConfig[] {
  const rw = PERM_READ | PERM_WRITE;
  const queues = (n: number) => ({ readQueueNums: n, writeQueueNums: n });
  const topics: TopicConfig[] = [];
  if (config.autoCreateTopicEnable) {
    topics.push(newTopicConfig(SystemTopic.AUTO_CREATE_TOPIC_KEY, { ...queues(config.defaultTopicQueueNums), perm: rw | PERM_INHERIT }));
  }
  topics.push(newTopicConfig(SystemTopic.SELF_TEST_TOPIC, queues(1)));
  topics.push(newTopicConfig(SystemTopic.BENCHMARK_TOPIC, queues(1024)));
  topics.push(newTopicConfig(config.brokerClusterName, { ...queues(16), perm: PERM_INHERIT | (config.clusterTopicEnable ? rw : 0) }));
  topics.push(newTopicConfig(config.brokerName, { ...queues(1), perm: PERM_INHERIT | (config.brokerTopicEnable ? rw : 0) }));
  topics.push(newTopicConfig(SystemTopic.OFFSET_MOVED_EVENT, queues(1)));
  topics.push(newTopicConfig(SystemTopic.SCHEDULE_TOPIC, queues(SCHEDULE_TOPIC_QUEUE_NUMS)));
  if (config.traceTopicEnable) topics.push(newTopicConfig(config.msgTraceTopicName, queues(1)));
  topics.push(newTopicConfig(`${config.brokerClusterName}_${REPLY_TOPIC_POSTFIX}`, queues(1)));
  return topics;
}
