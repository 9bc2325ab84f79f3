import type { JsonValue } from '../../common/fastjson';
import { stringifyFastjson } from '../../common/fastjson';
import { asObject, integerField, parseBodyObject } from './json-fields';

/**
 * DataVersion (spec/remoting.md §13.1): `{"counter":3,"timestamp":1700000000000}`, 5.x adds `stateVersion`.
 * A broker bumps it whenever its topic table changes; the nameserver compares it to decide whether a registration
 * carries new topic data (Java `DataVersion.equals`: timestamp and counter, and stateVersion in 5.x).
 */
export interface DataVersion {
  timestamp: number;
  counter: number;
  /** 5.x only; absent when the peer did not send it. */
  stateVersion?: number;
}

export function newDataVersion(now: number = Date.now()): DataVersion {
  return { timestamp: now, counter: 0 };
}

export function nextDataVersion(version: DataVersion, now: number = Date.now()): DataVersion {
  return { ...version, timestamp: now, counter: version.counter + 1 };
}

export function dataVersionEquals(a: DataVersion | undefined, b: DataVersion | undefined): boolean {
  if (!a || !b) return a === b;
  return a.timestamp === b.timestamp && a.counter === b.counter && (a.stateVersion ?? 0) === (b.stateVersion ?? 0);
}

export function decodeDataVersion(value: JsonValue | undefined, path = 'DataVersion'): DataVersion {
  if (value === undefined || value === null) return { timestamp: 0, counter: 0 };
  const obj = asObject(value, path);
  const version: DataVersion = {
    timestamp: integerField(obj, 'timestamp', path, 0),
    counter: integerField(obj, 'counter', path, 0),
  };
  if (obj.stateVersion !== undefined && obj.stateVersion !== null)
    version.stateVersion = integerField(obj, 'stateVersion', path, 0);
  return version;
}

export function parseDataVersion(body: Buffer | string): DataVersion {
  return decodeDataVersion(parseBodyObject(body, 'DataVersion'));
}

/** The members in fastjson's (alphabetical) order. */
export function dataVersionToJson(version: DataVersion): Record<string, number> {
  const json: Record<string, number> = { counter: version.counter };
  if (version.stateVersion !== undefined) json.stateVersion = version.stateVersion;
  json.timestamp = version.timestamp;
  return json;
}

export function encodeDataVersion(version: DataVersion): Buffer {
  return Buffer.from(stringifyFastjson(dataVersionToJson(version)), 'utf8');
}
