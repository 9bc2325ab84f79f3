import { ObjectKeyMap, type JsonValue } from '../../common/fastjson';
import { decodeMessageQueueKey, messageQueueToJson, type MessageQueue } from './message-queue';
import type { JsonObject } from './json-fields';

/**
 * Tables keyed by MessageQueue (TopicStatsTable, ConsumeStats, ResetOffsetBody ...): read from the object-key form
 * fastjson writes (spec/remoting.md §14.1) and written back in that form with ObjectKeyMap, so Java tools read them.
 */
export interface MessageQueueEntry<V> {
  messageQueue: MessageQueue;
  value: V;
}

export function decodeMessageQueueTable<V>(
  table: JsonObject,
  path: string,
  decodeValue: (value: JsonValue, path: string) => V,
): Array<MessageQueueEntry<V>> {
  return Object.entries(table).map(([key, value]) => {
    const messageQueue = decodeMessageQueueKey(key, `${path} key`);
    return { messageQueue, value: decodeValue(value, `${path}[${messageQueue.topic}|${messageQueue.brokerName}|${messageQueue.queueId}]`) };
  });
}

export function messageQueueTableToJson<V>(
  entries: ReadonlyArray<MessageQueueEntry<V>>,
  valueToJson: (value: V) => JsonValue,
): ObjectKeyMap<JsonObject, JsonValue> {
  return new ObjectKeyMap(entries.map((entry): [JsonObject, JsonValue] => [messageQueueToJson(entry.messageQueue), valueToJson(entry.value)]));
}
