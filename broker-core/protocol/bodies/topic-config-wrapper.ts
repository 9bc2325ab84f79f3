import type { JsonValue } from '../../common/fastjson';
import { stringifyFastjson } from '../../common/fastjson';
import { dataVersionToJson, decodeDataVersion, newDataVersion, type DataVersion } from './data-version';
import { asObject, objectField, parseBodyObject, sortedMap } from './json-fields';
import { decodeTopicConfig, topicConfigToJson, type TopicConfig } from './topic-config';

/**
 * TopicConfigSerializeWrapper: a broker's topic table and its data version.
 *
 *   {"dataVersion":{"counter":1,"timestamp":1700000000000},"topicConfigTable":{"T":{...TopicConfig}}}
 *
 * It is the GET_ALL_TOPIC_CONFIG body, the inner part of RegisterBrokerBody, and, for brokers older than 3.0.11, the
 * whole REGISTER_BROKER body. 5.x adds static-topic mapping members, which the nameserver does not use.
 */
export interface TopicConfigSerializeWrapper {
  topicConfigTable: Record<string, TopicConfig>;
  dataVersion: DataVersion;
}

export function emptyTopicConfigWrapper(): TopicConfigSerializeWrapper {
  return { topicConfigTable: {}, dataVersion: newDataVersion(0) };
}

export function decodeTopicConfigWrapper(
  value: JsonValue,
  path = 'TopicConfigSerializeWrapper',
): TopicConfigSerializeWrapper {
  const obj = asObject(value, path);
  const table = objectField(obj, 'topicConfigTable', path);
  const topicConfigTable: Record<string, TopicConfig> = {};
  for (const [name, config] of Object.entries(table)) {
    topicConfigTable[name] = decodeTopicConfig(config, `${path}.topicConfigTable.${name}`, name);
  }
  return { topicConfigTable, dataVersion: decodeDataVersion(obj.dataVersion, `${path}.dataVersion`) };
}

export function parseTopicConfigWrapper(body: Buffer | string): TopicConfigSerializeWrapper {
  return decodeTopicConfigWrapper(parseBodyObject(body, 'TopicConfigSerializeWrapper'));
}

export function topicConfigWrapperToJson(wrapper: TopicConfigSerializeWrapper): Record<string, unknown> {
  return {
    dataVersion: dataVersionToJson(wrapper.dataVersion),
    topicConfigTable: sortedMap(
      Object.entries(wrapper.topicConfigTable).map(([name, config]) => [name, topicConfigToJson(config)]),
    ),
  };
}

export function encodeTopicConfigWrapper(wrapper: TopicConfigSerializeWrapper): Buffer {
  return Buffer.from(stringifyFastjson(topicConfigWrapperToJson(wrapper)), 'utf8');
}
