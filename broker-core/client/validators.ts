import { MAX_TOPIC_LENGTH, SystemTopic } from '../common/message/message-const';
import { ResponseCode } from '../protocol/response-code';
import { MQClientError } from './client-error';

/**
 * Client-side checks before anything goes on the wire (Java `Validators`): topic and group names of
 * `[%|a-zA-Z0-9_-]`, topics up to 127 characters, groups up to 255; bodies non-empty and within maxMessageSize;
 * never send to the broker's internal topics.
 */
const NAME_PATTERN = /^[%|a-zA-Z0-9_-]+$/;
export const MAX_GROUP_LENGTH = 255;

const NOT_ALLOWED_SEND_TOPICS = new Set<string>([
  SystemTopic.SCHEDULE_TOPIC,
  SystemTopic.TRANS_HALF_TOPIC,
  SystemTopic.TRANS_OP_HALF_TOPIC,
  SystemTopic.TRANS_CHECK_MAX_TIME_TOPIC,
  SystemTopic.SELF_TEST_TOPIC,
  SystemTopic.OFFSET_MOVED_EVENT,
]);

export function checkTopic(topic: string): void {
  if (!topic || topic.trim() === '') throw new MQClientError('The specified topic is blank');
  if (topic.length > MAX_TOPIC_LENGTH) {
    throw new MQClientError(`The specified topic is longer than topic max length ${MAX_TOPIC_LENGTH}.`);
  }
  if (!NAME_PATTERN.test(topic)) {
    throw new MQClientError(`The specified topic[${topic}] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$`);
  }
}

export function checkSendableTopic(topic: string): void {
  checkTopic(topic);
  if (NOT_ALLOWED_SEND_TOPICS.has(topic)) throw new MQClientError(`Sending message to topic[${topic}] is forbidden.`);
}

export function checkGroup(group: string): void {
  if (!group || group.trim() === '') throw new MQClientError('the specified group is blank');
  if (group.length > MAX_GROUP_LENGTH) throw new MQClientError(`the specified group is longer than group max length ${MAX_GROUP_LENGTH}.`);
  if (!NAME_PATTERN.test(group)) {
    throw new MQClientError(`the specified group[${group}] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$`);
  }
}

export function checkBody(body: Buffer, maxMessageSize: number): void {
  if (body.length === 0) throw new MQClientError('the message body length is zero', ResponseCode.MESSAGE_ILLEGAL);
  if (body.length > maxMessageSize) {
    throw new MQClientError(`the message body size over max value, MAX: ${maxMessageSize}`, ResponseCode.MESSAGE_ILLEGAL);
  }
}
