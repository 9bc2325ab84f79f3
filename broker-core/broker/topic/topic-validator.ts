import { MAX_TOPIC_LENGTH, SystemTopic } from '../../common/message/message-const';

/**
 * Topic and group name rules and the system topic sets (spec/semantics.md §1–§2, Java `TopicValidator`).
 * The remarks are upstream's, so tools that match on them keep working.
 */
export const VALID_NAME_PATTERN = /^[%|a-zA-Z0-9_-]+$/;
export const VALID_NAME_PATTERN_TEXT = '^[%|a-zA-Z0-9_-]+$';
export const GROUP_MAX_LENGTH = 255;
export const SYSTEM_TOPIC_PREFIX = 'rmq_sys_';

/** Why a topic name is refused, or undefined when it is valid. */
export function topicNameProblem(topic: string | undefined): string | undefined {
  if (topic === undefined || topic.trim() === '') return 'The specified topic is blank.';
  if (!VALID_NAME_PATTERN.test(topic)) return `The specified topic[${topic}] contains illegal characters, allowing only ${VALID_NAME_PATTERN_TEXT}`;
  if (topic.length > MAX_TOPIC_LENGTH) return `The specified topic is longer than topic max length ${MAX_TOPIC_LENGTH}.`;
  return undefined;
}

export function groupNameProblem(group: string | undefined): string | undefined {
  if (group === undefined || group.trim() === '') return 'The specified group is blank.';
  if (!VALID_NAME_PATTERN.test(group)) return `The specified group[${group}] contains illegal characters, allowing only ${VALID_NAME_PATTERN_TEXT}`;
  if (group.length > GROUP_MAX_LENGTH) return `The specified group is longer than group max length ${GROUP_MAX_LENGTH}.`;
  return undefined;
}

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

/** Clients may not send to these (NO_PERMISSION). */
export const NOT_ALLOWED_SEND_TOPICS: ReadonlySet<string> = new Set([
  SystemTopic.SCHEDULE_TOPIC,
  SystemTopic.TRANS_HALF_TOPIC,
  SystemTopic.TRANS_OP_HALF_TOPIC,
  SystemTopic.TRANS_CHECK_MAX_TIME_TOPIC,
  SystemTopic.SELF_TEST_TOPIC,
  SystemTopic.OFFSET_MOVED_EVENT,
]);

export function isNotAllowedSendTopic(topic: string): boolean {
  return NOT_ALLOWED_SEND_TOPICS.has(topic);
}

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
