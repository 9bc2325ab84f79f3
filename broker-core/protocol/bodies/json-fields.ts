import { parseFastjson, type JsonValue } from '../../common/fastjson';

/**
 * Field readers for JSON bodies decoded with `parseFastjson`. Java writes every member of a body (primitives are never
 * null), but older releases and other clients omit some, so a missing member takes the Java default; a member of the
 * wrong type is refused with the path of the member, so a bad body fails loud instead of becoming NaN downstream.
 */
export class BodyDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyDecodeError';
  }
}

export type JsonObject = { [key: string]: JsonValue };

/** Parses a body (Java or standard JSON) and checks that it is an object. */
export function parseBodyObject(body: Buffer | string | undefined, what: string): JsonObject {
  if (body === undefined || body.length === 0) throw new BodyDecodeError(`${what}: empty body`);
  let value: JsonValue;
  try {
    value = parseFastjson(body);
  } catch (error) {
    throw new BodyDecodeError(`${what}: ${(error as Error).message}`);
  }
  return asObject(value, what);
}

export function asObject(value: JsonValue | undefined, path: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BodyDecodeError(`${path} must be a JSON object`);
  }
  return value;
}

/** An optional object member; null and absent both give an empty object. */
export function objectField(obj: JsonObject, key: string, path: string): JsonObject {
  const value = obj[key];
  if (value === undefined || value === null) return {};
  return asObject(value, `${path}.${key}`);
}

export function stringField(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  // fastjson reads numbers and booleans into String members; so do we.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new BodyDecodeError(`${path}.${key} must be a string`);
}

export function requiredStringField(obj: JsonObject, key: string, path: string): string {
  const value = stringField(obj, key, path);
  if (value === undefined) throw new BodyDecodeError(`${path}.${key} is required`);
  return value;
}

/** An integral number member (Java int/long); numeric strings are accepted as fastjson does. */
export function integerField(obj: JsonObject, key: string, path: string, fallback: number): number {
  const value = obj[key];
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number))
    throw new BodyDecodeError(`${path}.${key} must be an integer`);
  return number;
}

export function booleanField(obj: JsonObject, key: string, path: string, fallback: boolean): boolean {
  const value = obj[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new BodyDecodeError(`${path}.${key} must be a boolean`);
}

/** An array member (a Java List/Set); absent or null gives []. */
export function arrayField(obj: JsonObject, key: string, path: string): JsonValue[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new BodyDecodeError(`${path}.${key} must be an array`);
  return value;
}

/** A JSON array of strings (a Java List/Set<String>); absent or null gives []. */
export function stringArrayField(obj: JsonObject, key: string, path: string): string[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  return asStringArray(value, `${path}.${key}`);
}

export function asStringArray(value: JsonValue, path: string): string[] {
  if (!Array.isArray(value)) throw new BodyDecodeError(`${path} must be an array`);
  return value.map((item, index) => {
    if (typeof item !== 'string') throw new BodyDecodeError(`${path}[${index}] must be a string`);
    return item;
  });
}

/** A string-to-string map member (Java Map<String,String>). */
export function stringMapField(obj: JsonObject, key: string, path: string): Record<string, string> {
  const map = objectField(obj, key, path);
  const result: Record<string, string> = {};
  for (const name of Object.keys(map)) {
    const text = stringField(map, name, `${path}.${key}`);
    if (text !== undefined) result[name] = text;
  }
  return result;
}

/**
 * A map with its keys in Java's String order, as fastjson writes sorted maps. A Map (not an object) so that keys such
 * as "10" and "9" keep that order: JS objects would move integer-like keys to the front.
 */
export function sortedMap<V>(entries: Iterable<[string, V]>): Map<string, V> {
  return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
