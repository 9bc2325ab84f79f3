import { stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { asObject, integerField, objectField, parseBodyObject, type JsonObject } from './json-fields';
import { decodeMessageQueueTable, messageQueueTableToJson, type MessageQueueEntry } from './message-queue-table';

/**
 * TopicStatsTable, the GET_TOPIC_STATS_INFO (202) body (spec/remoting.md §13.4), MessageQueue object keys:
 *
 *   {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{"lastUpdateTimestamp":1700000000000,
 *    "maxOffset":10,"minOffset":0}}}                                  (5.x adds "topicPutTps":0.0)
 *
 * One entry per queue 0..max(read,write)-1; lastUpdateTimestamp = store time of message maxOffset-1 (0 if none).
 */
export interface TopicOffset {
  minOffset: number;
  maxOffset: number;
  lastUpdateTimestamp: number;
}

export interface TopicStatsTable {
  offsetTable: Array<MessageQueueEntry<TopicOffset>>;
  topicPutTps?: number;
}

function decodeTopicOffset(value: JsonValue, path: string): TopicOffset {
  const obj = asObject(value, path);
  return {
    minOffset: integerField(obj, 'minOffset', path, 0),
    maxOffset: integerField(obj, 'maxOffset', path, 0),
    lastUpdateTimestamp: integerField(obj, 'lastUpdateTimestamp', path, 0),
  };
}

export function decodeTopicStatsTable(body: Buffer | string): TopicStatsTable {
  const path = 'TopicStatsTable';
  const obj = parseBodyObject(body, path);
  const table: TopicStatsTable = { offsetTable: decodeMessageQueueTable(objectField(obj, 'offsetTable', path), `${path}.offsetTable`, decodeTopicOffset) };
  if (typeof obj.topicPutTps === 'number') table.topicPutTps = obj.topicPutTps;
  return table;
}

export function encodeTopicStatsTable(table: TopicStatsTable): Buffer {
  const json: Record<string, unknown> = {
    offsetTable: messageQueueTableToJson(table.offsetTable, (offset): JsonObject => ({
      lastUpdateTimestamp: offset.lastUpdateTimestamp,
      maxOffset: offset.maxOffset,
      minOffset: offset.minOffset,
    })),
  };
  if (table.topicPutTps !== undefined) json.topicPutTps = table.topicPutTps;
  return Buffer.from(stringifyFastjson(json), 'utf8');
}
