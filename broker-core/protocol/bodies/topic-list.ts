import { stringifyFastjson } from '../../common/fastjson';
import { parseBodyObject, stringArrayField, stringField } from './json-fields';

/**
 * TopicList (spec/remoting.md §13.3): `{"brokerAddr":"10.0.0.1:10911","topicList":["A","B"]}`, `brokerAddr` only in
 * GET_SYSTEM_TOPIC_LIST answers. Java keeps the names in a HashSet, so their order carries no meaning.
 */
export interface TopicList {
  topicList: string[];
  brokerAddr?: string;
}

export function decodeTopicList(body: Buffer | string): TopicList {
  const obj = parseBodyObject(body, 'TopicList');
  const list: TopicList = { topicList: stringArrayField(obj, 'topicList', 'TopicList') };
  const brokerAddr = stringField(obj, 'brokerAddr', 'TopicList');
  if (brokerAddr !== undefined) list.brokerAddr = brokerAddr;
  return list;
}

export function encodeTopicList(list: TopicList): Buffer {
  const json: Record<string, unknown> = {};
  if (list.brokerAddr !== undefined) json.brokerAddr = list.brokerAddr;
  json.topicList = list.topicList;
  return Buffer.from(stringifyFastjson(json), 'utf8');
}
