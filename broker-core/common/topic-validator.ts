import { MAX_TOPIC_LENGTH, SystemTopic } from './message/message-const';

/**
 * Topic and group name rules and the topics clients may not send to (spec/semantics.md §1-§2, Java
 * `TopicValidator`), shared by the broker (which answers with these remarks) and the client (which refuses before
 * sending). The remarks are upstream's, so tools that match on them keep working.
 */
export const VALID_NAME_PATTERN = /^[%|a-zA-Z0-9_-]+$/;
export const VALID_NAME_PATTERN_TEXT = '^[%|a-zA-Z0-9_-]+$';
export const GROUP_MAX_LENGTH = 255;

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

/** Clients may not send to these (the broker answers NO_PERMISSION). */
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
