import type { JsonValue } from '../../common/fastjson';
import {
  asObject,
  BodyDecodeError,
  booleanField,
  integerField,
  requiredStringField,
  stringField,
  stringMapField,
} from './json-fields';

/**
 * TopicConfig (spec/remoting.md §13.1), as a broker keeps it in config/topics.json and announces it to nameservers:
 *
 *   {"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG","topicName":"T","topicSysFlag":0,
 *    "writeQueueNums":4}                                   (5.x adds "attributes":{...})
 *
 * and its one-line text form used inside the compressed REGISTER_BROKER body (`TopicConfig.encode()`):
 *
 *   <topicName> SP <readQueueNums> SP <writeQueueNums> SP <perm> SP <topicFilterType> [SP <attributes JSON> (5.x)]
 *
 * The text form carries no topicSysFlag and no order flag: a receiver gets their defaults (0, false).
 */

/** Permission bits (Java PermName). A normal topic is READ|WRITE = 6. */
export const PERM_PRIORITY = 0x8;
export const PERM_READ = 0x4;
export const PERM_WRITE = 0x2;
export const PERM_INHERIT = 0x1;

export function isReadable(perm: number): boolean {
  return (perm & PERM_READ) === PERM_READ;
}

export function isWriteable(perm: number): boolean {
  return (perm & PERM_WRITE) === PERM_WRITE;
}

export function isInherited(perm: number): boolean {
  return (perm & PERM_INHERIT) === PERM_INHERIT;
}

/** Java `PermName.perm2String`: three letters R, W, X (inherit) or '-', e.g. 6 => "RW-". */
export function permToString(perm: number): string {
  return `${isReadable(perm) ? 'R' : '-'}${isWriteable(perm) ? 'W' : '-'}${isInherited(perm) ? 'X' : '-'}`;
}

/** Java TopicSysFlag bits carried in QueueData.topicSysFlag. */
export const TopicSysFlag = { UNIT: 0x1, UNIT_SUB: 0x2 } as const;

export type TopicFilterType = 'SINGLE_TAG' | 'MULTI_TAG';
const FILTER_TYPES: readonly TopicFilterType[] = ['SINGLE_TAG', 'MULTI_TAG'];

export interface TopicConfig {
  topicName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicFilterType: TopicFilterType;
  topicSysFlag: number;
  order: boolean;
  /** 5.x topic attributes (`message.type` ...); absent for 4.x peers. */
  attributes?: Record<string, string>;
}

/** Java's TopicConfig defaults: 16 read/write queues, READ|WRITE, SINGLE_TAG. */
export const DEFAULT_TOPIC_QUEUE_NUMS = 16;

export function newTopicConfig(topicName: string, fields: Partial<Omit<TopicConfig, 'topicName'>> = {}): TopicConfig {
  return {
    topicName,
    readQueueNums: DEFAULT_TOPIC_QUEUE_NUMS,
    writeQueueNums: DEFAULT_TOPIC_QUEUE_NUMS,
    perm: PERM_READ | PERM_WRITE,
    topicFilterType: 'SINGLE_TAG',
    topicSysFlag: 0,
    order: false,
    ...fields,
  };
}

function filterType(value: string | undefined, path: string): TopicFilterType {
  if (value === undefined) return 'SINGLE_TAG';
  if (!FILTER_TYPES.includes(value as TopicFilterType))
    throw new BodyDecodeError(`${path}.topicFilterType '${value}' is not SINGLE_TAG or MULTI_TAG`);
  return value as TopicFilterType;
}

/** Reads one TopicConfig; `nameFallback` is the table key it was found under (Java tables are keyed by name). */
export function decodeTopicConfig(value: JsonValue, path: string, nameFallback?: string): TopicConfig {
  const obj = asObject(value, path);
  const topicName =
    nameFallback !== undefined
      ? (stringField(obj, 'topicName', path) ?? nameFallback)
      : requiredStringField(obj, 'topicName', path);
  const config = newTopicConfig(topicName, {
    readQueueNums: integerField(obj, 'readQueueNums', path, DEFAULT_TOPIC_QUEUE_NUMS),
    writeQueueNums: integerField(obj, 'writeQueueNums', path, DEFAULT_TOPIC_QUEUE_NUMS),
    perm: integerField(obj, 'perm', path, PERM_READ | PERM_WRITE),
    topicFilterType: filterType(stringField(obj, 'topicFilterType', path), path),
    topicSysFlag: integerField(obj, 'topicSysFlag', path, 0),
    order: booleanField(obj, 'order', path, false),
  });
  if (obj.attributes !== undefined && obj.attributes !== null)
    config.attributes = stringMapField(obj, 'attributes', path);
  return config;
}

/** The members in fastjson's (alphabetical) order. */
export function topicConfigToJson(config: TopicConfig): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (config.attributes !== undefined) json.attributes = config.attributes;
  json.order = config.order;
  json.perm = config.perm;
  json.readQueueNums = config.readQueueNums;
  json.topicFilterType = config.topicFilterType;
  json.topicName = config.topicName;
  json.topicSysFlag = config.topicSysFlag;
  json.writeQueueNums = config.writeQueueNums;
  return json;
}

/** The space-separated text form (Java `TopicConfig.encode()`). */
export function encodeTopicConfigText(config: TopicConfig): string {
  const fields = [config.topicName, config.readQueueNums, config.writeQueueNums, config.perm, config.topicFilterType];
  if (config.attributes && Object.keys(config.attributes).length > 0) fields.push(JSON.stringify(config.attributes));
  return fields.join(' ');
}

export function decodeTopicConfigText(text: string): TopicConfig {
  // 5.x always writes a separator after the filter type (then the attributes JSON, if any); Java's split drops the
  // trailing empty field, and so do we.
  const parts = text.split(' ');
  while (parts.length > 5 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length < 5) throw new BodyDecodeError(`topic config '${text}' has ${parts.length} fields, expected 5`);
  const [topicName, read, write, perm, type] = parts;
  const numbers = [read, write, perm].map((field) => {
    if (!/^-?\d+$/.test(field)) throw new BodyDecodeError(`topic config '${text}': '${field}' is not an integer`);
    return Number(field);
  });
  const config = newTopicConfig(topicName, {
    readQueueNums: numbers[0],
    writeQueueNums: numbers[1],
    perm: numbers[2],
    topicFilterType: filterType(type, `topic config '${topicName}'`),
  });
  if (parts.length > 5) {
    // Attribute keys/values may contain spaces, which the text form cannot delimit: like Java, drop what won't parse.
    try {
      const attributes: unknown = JSON.parse(parts.slice(5).join(' '));
      if (attributes && typeof attributes === 'object' && !Array.isArray(attributes)) {
        config.attributes = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, String(value)]));
      }
    } catch {
      // ignored, as upstream does
    }
  }
  return config;
}
