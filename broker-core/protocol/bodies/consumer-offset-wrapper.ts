import { NumberKeyMap, stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { dataVersionToJson, decodeDataVersion, type DataVersion } from './data-version';
import { asObject, BodyDecodeError, objectField, parseBodyObject, sortedMap } from './json-fields';

/**
 * ConsumerOffsetSerializeWrapper: config/consumerOffset.json and the GET_ALL_CONSUMER_OFFSET (43) body
 * (spec/remoting.md §13.5, store.md §10). Keys are "topic@group", queue ids are bare integer keys as fastjson
 * writes them, offsets are the next offset to consume:
 *
 *   {"dataVersion":{"counter":0,"timestamp":1700000000000},"offsetTable":{"T@G":{0:12,1:7}}}
 *
 * dataVersion is absent in 4.x files; both quoted and bare queue-id keys are read.
 */
export interface ConsumerOffsetSerializeWrapper {
  /** "topic@group" -> queueId -> offset */
  offsetTable: Map<string, Map<number, number>>;
  dataVersion?: DataVersion;
}

export const TOPIC_GROUP_SEPARATOR = '@';

export function topicGroupKey(topic: string, group: string): string {
  return `${topic}${TOPIC_GROUP_SEPARATOR}${group}`;
}

/** Splits "topic@group" at the first '@' (topics cannot contain '@'). */
export function splitTopicGroupKey(key: string): { topic: string; group: string } | undefined {
  const index = key.indexOf(TOPIC_GROUP_SEPARATOR);
  if (index <= 0 || index === key.length - 1) return undefined;
  return { topic: key.slice(0, index), group: key.slice(index + 1) };
}

export function decodeConsumerOffsetWrapperObject(value: JsonValue, path = 'ConsumerOffsetSerializeWrapper'): ConsumerOffsetSerializeWrapper {
  const obj = asObject(value, path);
  const offsetTable = new Map<string, Map<number, number>>();
  for (const [key, queues] of Object.entries(objectField(obj, 'offsetTable', path))) {
    const table = new Map<number, number>();
    for (const [queueId, offset] of Object.entries(asObject(queues, `${path}.offsetTable.${key}`))) {
      if (!/^-?\d+$/.test(queueId) || typeof offset !== 'number' || !Number.isInteger(offset)) {
        throw new BodyDecodeError(`${path}.offsetTable.${key}: bad entry ${queueId}: ${JSON.stringify(offset)}`);
      }
      table.set(Number(queueId), offset);
    }
    offsetTable.set(key, table);
  }
  const wrapper: ConsumerOffsetSerializeWrapper = { offsetTable };
  if (obj.dataVersion !== undefined && obj.dataVersion !== null) wrapper.dataVersion = decodeDataVersion(obj.dataVersion, `${path}.dataVersion`);
  return wrapper;
}

export function decodeConsumerOffsetWrapper(body: Buffer | string): ConsumerOffsetSerializeWrapper {
  return decodeConsumerOffsetWrapperObject(parseBodyObject(body, 'ConsumerOffsetSerializeWrapper'));
}

export function consumerOffsetWrapperToJson(wrapper: ConsumerOffsetSerializeWrapper): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (wrapper.dataVersion) json.dataVersion = dataVersionToJson(wrapper.dataVersion);
  json.offsetTable = sortedMap(
    [...wrapper.offsetTable].map(([key, queues]) => [key, new NumberKeyMap([...queues].sort(([a], [b]) => a - b))]),
  );
  return json;
}

export function encodeConsumerOffsetWrapper(wrapper: ConsumerOffsetSerializeWrapper): Buffer {
  return Buffer.from(stringifyFastjson(consumerOffsetWrapperToJson(wrapper)), 'utf8');
}
