import { groupNameProblem, isNotAllowedSendTopic, topicNameProblem } from '../common/topic-validator';
import { ResponseCode } from '../protocol/response-code';
import { MQClientError } from './client-error';

/**
 * Client-side checks before anything goes on the wire (Java `Validators`): topic and group names of
 * `[%|a-zA-Z0-9_-]`, topics up to 127 characters, groups up to 255; bodies non-empty and within maxMessageSize;
 * never send to the broker's internal topics.
 */
export function checkTopic(topic: string): void {
  const problem = topicNameProblem(topic);
  if (problem) throw new MQClientError(problem);
}

export function checkSendableTopic(topic: string): void {
  checkTopic(topic);
  if (isNotAllowedSendTopic(topic)) throw new MQClientError(`Sending message to topic[${topic}] is forbidden.`);
}

export function checkGroup(group: string): void {
  const problem = groupNameProblem(group);
  if (problem) throw new MQClientError(problem);
}

export function checkBody(body: Buffer, maxMessageSize: number): void {
  if (body.length === 0) throw new MQClientError('the message body length is zero', ResponseCode.MESSAGE_ILLEGAL);
  if (body.length > maxMessageSize) {
    throw new MQClientError(`the message body size over max value, MAX: ${maxMessageSize}`, ResponseCode.MESSAGE_ILLEGAL);
  }
}
