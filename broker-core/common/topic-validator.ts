import { MAX_TOPIC_LENGTH, SystemTopic } from './message/message-const';

/**
 * Topic and group name rules and the topics clients may not send to (spec/semantics.md §1-§2, Java
 * `TopicValidator`), shared by the broker (which answers with these remarks) and the client (which refuses before
 * sending). The remarks are upstream's, so tools that match on them keep working.
 */
export const VALID_NAME_PATTERN = /^[%|a-zA-Z0-9_-]+$/;
/** The pattern as upstream's remarks spell it. */
export const VALID_NAME_PATTERN_TEXT = VALID_NAME_PATTERN.source;
export const GROUP_MAX_LENGTH = 255;

/** One rule set for both kinds of name; only the noun and the length limit differ (as in Java). */
function nameProblem(kind: 'topic' | 'group', name: string | undefined, maxLength: number): string | undefined {
  if (name === undefined || name.trim() === '') return `The specified ${kind} is blank.`;
  if (!VALID_NAME_PATTERN.test(name)) return `The specified ${kind}[${name}] contains illegal characters, allowing only ${VALID_NAME_PATTERN_TEXT}`;
  if (name.length > maxLength) return `The specified ${kind} is longer than ${kind} max length ${maxLength}.`;
  return undefined;
}

/** Why a topic name is refused, or undefined when it is valid. */
export function topicNameProblem(topic: string | undefined): string | undefined {
  return nameProblem('topic', topic, MAX_TOPIC_LENGTH);
}

export function groupNameProblem(group: string | undefined): string | undefined {
  return nameProblem('group', group, GROUP_MAX_LENGTH);
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
