import { isDlqTopic, isRetryTopic, SystemTopic } from '../../../broker-core/common/message/message-const';
import type { TopicConfig } from '../../../broker-core/protocol/bodies/topic-config';
import type { TopicType } from '../../validations/topic';

/**
 * What kind of topic a name is, as rocketmq-dashboard's filters sort them (normal / retry / DLQ / system), plus what
 * the configs say where they say it: `order` (TopicConfig.order or an ORDER_TOPIC_CONFIG entry on the nameserver),
 * and 5.x's `message.type` attribute (FIFO, TRANSACTION, DELAY). A topic can have several types (a %RETRY% topic
 * of a system group is retry and system).
 */
const SYSTEM_NAMES: ReadonlySet<string> = new Set<string>(Object.values(SystemTopic));

export interface TopicTypeFacts {
  /** Names the nameserver lists as system topics (GET_SYSTEM_TOPIC_LIST_FROM_NS: cluster and broker names ...). */
  systemTopics: ReadonlySet<string>;
  /** Topics with an ORDER_TOPIC_CONFIG entry. */
  orderTopics: ReadonlySet<string>;
}

export function topicTypes(name: string, configs: readonly TopicConfig[], facts: TopicTypeFacts): TopicType[] {
  const types: TopicType[] = [];
  const retry = isRetryTopic(name);
  const dlq = isDlqTopic(name);
  if (retry) types.push('retry');
  if (dlq) types.push('dlq');
  const system = SYSTEM_NAMES.has(name) || facts.systemTopics.has(name) || name.startsWith('rmq_sys_') || name.startsWith('RMQ_SYS_') || name.endsWith('_REPLY_TOPIC');
  if (system) types.push('system');
  if (!retry && !dlq && !system) types.push('normal');
  const messageType = configs.map((config) => config.attributes?.['message.type'] ?? config.attributes?.['+message.type']).find(Boolean)?.toUpperCase();
  if (configs.some((config) => config.order) || facts.orderTopics.has(name) || messageType === 'FIFO') types.push('order');
  if (messageType === 'TRANSACTION') types.push('transaction');
  if (messageType === 'DELAY') types.push('delay');
  return types;
}
