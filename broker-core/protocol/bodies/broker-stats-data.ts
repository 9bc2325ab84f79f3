import { stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { asObject, BodyDecodeError, integerField, parseBodyObject, type JsonObject } from './json-fields';

/**
 * BrokerStatsData, the VIEW_BROKER_STATS_DATA (315) answer (spec/remoting.md §11.4, semantics.md §14): one snapshot
 * per window — the last minute, hour and day — each `{sum, tps, avgpt}`:
 *
 *   {"statsDay":{"avgpt":0.0,"sum":120,"tps":0.0013},"statsHour":{...},"statsMinute":{...}}
 */
export interface BrokerStatsItem {
  sum: number;
  tps: number;
  avgpt: number;
}

export interface BrokerStatsData {
  statsMinute: BrokerStatsItem;
  statsHour: BrokerStatsItem;
  statsDay: BrokerStatsItem;
}

function numberField(obj: JsonObject, key: string, path: string): number {
  const value = obj[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number') throw new BodyDecodeError(`${path}.${key} must be a number`);
  return value;
}

function decodeItem(value: JsonValue | undefined, path: string): BrokerStatsItem {
  if (value === undefined || value === null) return { sum: 0, tps: 0, avgpt: 0 };
  const obj = asObject(value, path);
  return { sum: integerField(obj, 'sum', path, 0), tps: numberField(obj, 'tps', path), avgpt: numberField(obj, 'avgpt', path) };
}

export function decodeBrokerStatsData(body: Buffer | string): BrokerStatsData {
  const path = 'BrokerStatsData';
  const obj = parseBodyObject(body, path);
  return {
    statsMinute: decodeItem(obj.statsMinute, `${path}.statsMinute`),
    statsHour: decodeItem(obj.statsHour, `${path}.statsHour`),
    statsDay: decodeItem(obj.statsDay, `${path}.statsDay`),
  };
}

function itemToJson(item: BrokerStatsItem): JsonObject {
  return { avgpt: item.avgpt, sum: item.sum, tps: item.tps };
}

export function encodeBrokerStatsData(data: BrokerStatsData): Buffer {
  return Buffer.from(
    stringifyFastjson({ statsDay: itemToJson(data.statsDay), statsHour: itemToJson(data.statsHour), statsMinute: itemToJson(data.statsMinute) }),
    'utf8',
  );
}
