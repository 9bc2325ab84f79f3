import { SystemTopic } from '../../common/message/message-const';

/** The broker's system topic and group sets (spec/semantics.md §2); the name rules live in common/topic-validator. */
export { groupNameProblem, isNotAllowedSendTopic, topicNameProblem } from '../../common/topic-validator';

export const SYSTEM_TOPIC_PREFIX = 'rmq_sys_';

/** Topics that exist on every broker; the cluster-name and broker-name topics are added per broker. */
export const BUILT_IN_SYSTEM_TOPICS: readonly string[] = [
  SystemTopic.AUTO_CREATE_TOPIC_KEY,
  SystemTopic.SCHEDULE_TOPIC,
  SystemTopic.BENCHMARK_TOPIC,
  SystemTopic.TRANS_HALF_TOPIC,
  SystemTopic.TRACE_TOPIC,
  SystemTopic.TRANS_OP_HALF_TOPIC,
  SystemTopic.TRANS_CHECK_MAX_TIME_TOPIC,
  SystemTopic.SELF_TEST_TOPIC,
  SystemTopic.OFFSET_MOVED_EVENT,
];

/** Built-in subscription groups (always present, semantics.md §2). */
export const BUILT_IN_GROUPS: readonly string[] = [
  'TOOLS_CONSUMER',
  'FILTERSRV_CONSUMER',
  'SELF_TEST_C_GROUP',
  'CID_ONS-HTTP-PROXY',
  'CID_ONSAPI_PULL',
  'CID_ONSAPI_PERMISSION',
  'CID_ONSAPI_OWNER',
];

/** Groups starting with this are created even when autoCreateSubscriptionGroup is off. */
export const SYSTEM_GROUP_PREFIX = 'CID_RMQ_SYS_';

export function isSystemGroup(group: string): boolean {
  return group.startsWith(SYSTEM_GROUP_PREFIX);
}
