import { stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { BodyDecodeError, objectField, parseBodyObject, type JsonObject } from './json-fields';
import { decodeMessageQueue, messageQueueToJson, type MessageQueue } from './message-queue';
import { decodeMessageQueueTable, messageQueueTableToJson, type MessageQueueEntry } from './message-queue-table';

/**
 * ResetOffsetBody: the body of RESET_CONSUMER_CLIENT_OFFSET (220) and of the INVOKE_BROKER_TO_RESET_OFFSET (222)
 * answer, MessageQueue object keys (spec/remoting.md §11.2):
 *
 *   {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:42}}
 *
 * CPP clients get ResetOffsetBodyForC instead: `{"offsetTable":[{"brokerName":"b","offset":42,"queueId":0,"topic":"T"}]}`.
 */
export interface ResetOffsetBody {
  offsetTable: Array<MessageQueueEntry<number>>;
}

function offsetValue(value: JsonValue, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new BodyDecodeError(`${path} must be an integer`);
  return value;
}

export function decodeResetOffsetBody(body: Buffer | string): ResetOffsetBody {
  const path = 'ResetOffsetBody';
  const obj = parseBodyObject(body, path);
  if (Array.isArray(obj.offsetTable)) {
    return {
      offsetTable: obj.offsetTable.map((item, i) => {
        const itemPath = `${path}.offsetTable[${i}]`;
        const messageQueue: MessageQueue = decodeMessageQueue(item, itemPath);
        return { messageQueue, value: offsetValue((item as JsonObject).offset ?? null, `${itemPath}.offset`) };
      }),
    };
  }
  return { offsetTable: decodeMessageQueueTable(objectField(obj, 'offsetTable', path), `${path}.offsetTable`, offsetValue) };
}

export function encodeResetOffsetBody(body: ResetOffsetBody): Buffer {
  return Buffer.from(stringifyFastjson({ offsetTable: messageQueueTableToJson(body.offsetTable, (offset) => offset) }), 'utf8');
}

export function encodeResetOffsetBodyForC(body: ResetOffsetBody): Buffer {
  const offsetTable = body.offsetTable.map((entry): JsonObject => {
    const mq = messageQueueToJson(entry.messageQueue);
    return { brokerName: mq.brokerName, offset: entry.value, queueId: mq.queueId, topic: mq.topic };
  });
  return Buffer.from(stringifyFastjson({ offsetTable }), 'utf8');
}
