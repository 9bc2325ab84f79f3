import { stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { asObject, BodyDecodeError, objectField, parseBodyObject, sortedMap } from './json-fields';
import { decodeMessageQueueTable, messageQueueTableToJson, type MessageQueueEntry } from './message-queue-table';

/**
 * GetConsumerStatusBody: a consumer's answer to GET_CONSUMER_STATUS_FROM_CLIENT (221) (its offsets of one topic) and
 * the broker's answer to INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223) (per client id). MessageQueue object keys:
 *
 *   {"consumerTable":{"10.0.0.5@1":{{"brokerName":"b","queueId":0,"topic":"T"}:42}},
 *    "messageQueueTable":{{"brokerName":"b","queueId":0,"topic":"T"}:42}}
 */
export interface GetConsumerStatusBody {
  messageQueueTable: Array<MessageQueueEntry<number>>;
  consumerTable: Record<string, Array<MessageQueueEntry<number>>>;
}

function offsetValue(value: JsonValue, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new BodyDecodeError(`${path} must be an integer`);
  return value;
}

export function decodeGetConsumerStatusBody(body: Buffer | string): GetConsumerStatusBody {
  const path = 'GetConsumerStatusBody';
  const obj = parseBodyObject(body, path);
  const consumerTable: Record<string, Array<MessageQueueEntry<number>>> = {};
  for (const [clientId, table] of Object.entries(objectField(obj, 'consumerTable', path))) {
    consumerTable[clientId] = decodeMessageQueueTable(asObject(table, `${path}.consumerTable.${clientId}`), `${path}.consumerTable.${clientId}`, offsetValue);
  }
  return {
    messageQueueTable: decodeMessageQueueTable(objectField(obj, 'messageQueueTable', path), `${path}.messageQueueTable`, offsetValue),
    consumerTable,
  };
}

export function encodeGetConsumerStatusBody(body: GetConsumerStatusBody): Buffer {
  return Buffer.from(
    stringifyFastjson({
      consumerTable: sortedMap(
        Object.entries(body.consumerTable).map(([clientId, table]) => [clientId, messageQueueTableToJson(table, (offset) => offset)]),
      ),
      messageQueueTable: messageQueueTableToJson(body.messageQueueTable, (offset) => offset),
    }),
    'utf8',
  );
}
