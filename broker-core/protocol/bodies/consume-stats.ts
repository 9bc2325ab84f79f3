import { stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { arrayField, asObject, BodyDecodeError, integerField, objectField, parseBodyObject, stringField, type JsonObject } from './json-fields';
import { decodeMessageQueueTable, messageQueueTableToJson, type MessageQueueEntry } from './message-queue-table';

/**
 * ConsumeStats, the GET_CONSUME_STATS (208) body (spec/remoting.md §13.4, semantics.md §10.7):
 *
 *   {"consumeTps":0.0,"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{"brokerOffset":10,
 *    "consumerOffset":7,"lastTimestamp":1700000000000}}}           (5.x adds "pullOffset" per queue)
 *
 * Lag = Σ (brokerOffset − consumerOffset). ConsumeStatsList, the GET_BROKER_CONSUME_STATS (317) body:
 *
 *   {"brokerAddr":"10.0.0.1:10911","consumeStatsList":[{"G":[{...ConsumeStats}]}],"totalDiff":3}
 */
export interface OffsetWrapper {
  brokerOffset: number;
  consumerOffset: number;
  lastTimestamp: number;
  /** 5.x */
  pullOffset?: number;
}

export interface ConsumeStats {
  offsetTable: Array<MessageQueueEntry<OffsetWrapper>>;
  consumeTps: number;
}

export interface ConsumeStatsList {
  brokerAddr?: string;
  /** One map per group: group -> its ConsumeStats (one per topic). */
  consumeStatsList: Array<Record<string, ConsumeStats[]>>;
  totalDiff: number;
  /** 5.x */
  totalInflightDiff?: number;
}

export function computeTotalDiff(stats: ConsumeStats): number {
  return stats.offsetTable.reduce((sum, entry) => sum + entry.value.brokerOffset - entry.value.consumerOffset, 0);
}

function decodeOffsetWrapper(value: JsonValue, path: string): OffsetWrapper {
  const obj = asObject(value, path);
  const wrapper: OffsetWrapper = {
    brokerOffset: integerField(obj, 'brokerOffset', path, 0),
    consumerOffset: integerField(obj, 'consumerOffset', path, 0),
    lastTimestamp: integerField(obj, 'lastTimestamp', path, 0),
  };
  if (obj.pullOffset !== undefined && obj.pullOffset !== null) wrapper.pullOffset = integerField(obj, 'pullOffset', path, 0);
  return wrapper;
}

function numberField(obj: JsonObject, key: string, path: string): number {
  const value = obj[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number') throw new BodyDecodeError(`${path}.${key} must be a number`);
  return value;
}

export function decodeConsumeStatsObject(value: JsonValue, path = 'ConsumeStats'): ConsumeStats {
  const obj = asObject(value, path);
  return {
    offsetTable: decodeMessageQueueTable(objectField(obj, 'offsetTable', path), `${path}.offsetTable`, decodeOffsetWrapper),
    consumeTps: numberField(obj, 'consumeTps', path),
  };
}

export function decodeConsumeStats(body: Buffer | string): ConsumeStats {
  return decodeConsumeStatsObject(parseBodyObject(body, 'ConsumeStats'));
}

export function consumeStatsToJson(stats: ConsumeStats): Record<string, unknown> {
  return {
    consumeTps: stats.consumeTps,
    offsetTable: messageQueueTableToJson(stats.offsetTable, (offset): JsonObject => {
      const json: JsonObject = {
        brokerOffset: offset.brokerOffset,
        consumerOffset: offset.consumerOffset,
        lastTimestamp: offset.lastTimestamp,
      };
      if (offset.pullOffset !== undefined) json.pullOffset = offset.pullOffset;
      return json;
    }),
  };
}

export function encodeConsumeStats(stats: ConsumeStats): Buffer {
  return Buffer.from(stringifyFastjson(consumeStatsToJson(stats)), 'utf8');
}

export function decodeConsumeStatsList(body: Buffer | string): ConsumeStatsList {
  const path = 'ConsumeStatsList';
  const obj = parseBodyObject(body, path);
  const list: ConsumeStatsList = {
    consumeStatsList: arrayField(obj, 'consumeStatsList', path).map((groupMap, i) => {
      const groups = asObject(groupMap, `${path}.consumeStatsList[${i}]`);
      const result: Record<string, ConsumeStats[]> = {};
      for (const [group, statsArray] of Object.entries(groups)) {
        if (!Array.isArray(statsArray)) throw new BodyDecodeError(`${path}.consumeStatsList[${i}].${group} must be an array`);
        result[group] = statsArray.map((stats, j) => decodeConsumeStatsObject(stats, `${path}.consumeStatsList[${i}].${group}[${j}]`));
      }
      return result;
    }),
    totalDiff: integerField(obj, 'totalDiff', path, 0),
  };
  const brokerAddr = stringField(obj, 'brokerAddr', path);
  if (brokerAddr !== undefined) list.brokerAddr = brokerAddr;
  if (obj.totalInflightDiff !== undefined && obj.totalInflightDiff !== null) list.totalInflightDiff = integerField(obj, 'totalInflightDiff', path, 0);
  return list;
}

export function encodeConsumeStatsList(list: ConsumeStatsList): Buffer {
  const json: Record<string, unknown> = {};
  if (list.brokerAddr !== undefined) json.brokerAddr = list.brokerAddr;
  json.consumeStatsList = list.consumeStatsList.map((groups) =>
    Object.fromEntries(Object.entries(groups).map(([group, stats]) => [group, stats.map(consumeStatsToJson)])),
  );
  json.totalDiff = list.totalDiff;
  if (list.totalInflightDiff !== undefined) json.totalInflightDiff = list.totalInflightDiff;
  return Buffer.from(stringifyFastjson(json), 'utf8');
}
