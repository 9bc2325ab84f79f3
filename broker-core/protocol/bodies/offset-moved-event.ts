import { stringifyFastjson } from '../../common/fastjson';
import { integerField, parseBodyObject, requiredStringField } from './json-fields';
import { decodeMessageQueue, messageQueueToJson, type MessageQueue } from './message-queue';

/**
 * OffsetMovedEvent, the body of the message a broker writes to OFFSET_MOVED_EVENT when it answers a pull with
 * PULL_OFFSET_MOVED (semantics.md §7); tags and keys of that message are the consumer group:
 *
 *   {"consumerGroup":"G","messageQueue":{"brokerName":"b","queueId":0,"topic":"T"},"offsetNew":0,"offsetRequest":42}
 */
export interface OffsetMovedEvent {
  consumerGroup: string;
  messageQueue: MessageQueue;
  offsetRequest: number;
  offsetNew: number;
}

export function encodeOffsetMovedEvent(event: OffsetMovedEvent): Buffer {
  return Buffer.from(
    stringifyFastjson({
      consumerGroup: event.consumerGroup,
      messageQueue: messageQueueToJson(event.messageQueue),
      offsetNew: event.offsetNew,
      offsetRequest: event.offsetRequest,
    }),
    'utf8',
  );
}

export function decodeOffsetMovedEvent(body: Buffer | string): OffsetMovedEvent {
  const path = 'OffsetMovedEvent';
  const obj = parseBodyObject(body, path);
  return {
    consumerGroup: requiredStringField(obj, 'consumerGroup', path),
    messageQueue: decodeMessageQueue(obj.messageQueue, `${path}.messageQueue`),
    offsetRequest: integerField(obj, 'offsetRequest', path, 0),
    offsetNew: integerField(obj, 'offsetNew', path, 0),
  };
}
