import { NumberKeyMap, stringifyFastjson, type JsonValue } from '../../common/fastjson';
import {
  arrayField,
  asObject,
  BodyDecodeError,
  booleanField,
  integerField,
  objectField,
  parseBodyObject,
  requiredStringField,
  sortedMap,
  stringField,
  asStringArray,
} from './json-fields';

/**
 * TopicRouteData, QueueData and BrokerData (spec/remoting.md §13.3, semantics.md §12.2), the GET_ROUTEINFO_BY_TOPIC
 * body. Members are written in fastjson's alphabetical order, null members omitted:
 *
 *   {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}],
 *    "filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,
 *    "writeQueueNums":4}]}
 *
 * Two spellings of `brokerAddrs` (keys are Java Long broker ids, 0 = master):
 *  - fastjson style, bare number keys `{0:"…"}`: what a 4.9.x nameserver writes for requests with version < 401;
 *  - standard ("BrowserCompatible") `{"0":"…"}`, map keys sorted and non-ASCII escaped as \uXXXX: for requests with
 *    version >= 401 (V4_9_4) or `acceptStandardJsonOnly=true`.
 * Decoding accepts both (parseFastjson).
 */
export interface QueueData {
  brokerName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicSysFlag: number;
}

export interface BrokerData {
  cluster: string;
  brokerName: string;
  /** broker id (decimal string; "0" is the master) -> "ip:port". */
  brokerAddrs: Record<string, string>;
  /** 5.x members; absent from 4.x peers. */
  enableActingMaster?: boolean;
  zoneName?: string;
}

export interface TopicRouteData {
  /** "brokerA:4;brokerB:8" for ordered topics, only when the nameserver has orderMessageEnable. */
  orderTopicConf?: string;
  queueDatas: QueueData[];
  brokerDatas: BrokerData[];
  /** broker address -> filter server addresses (legacy filter servers; normally empty). */
  filterServerTable: Record<string, string[]>;
}

export const MASTER_BROKER_ID = 0;

export interface RouteJsonOptions {
  /** Quoted keys and \uXXXX escapes (version >= 401 or acceptStandardJsonOnly); otherwise bare broker-id keys. */
  standardJson: boolean;
}

export function decodeQueueData(value: JsonValue, path: string): QueueData {
  const obj = asObject(value, path);
  return {
    brokerName: requiredStringField(obj, 'brokerName', path),
    readQueueNums: integerField(obj, 'readQueueNums', path, 0),
    writeQueueNums: integerField(obj, 'writeQueueNums', path, 0),
    perm: integerField(obj, 'perm', path, 0),
    // Releases before 4.x spelled it topicSynFlag.
    topicSysFlag: integerField(obj, 'topicSysFlag', path, integerField(obj, 'topicSynFlag', path, 0)),
  };
}

export function decodeBrokerData(value: JsonValue, path: string): BrokerData {
  const obj = asObject(value, path);
  const addrs = objectField(obj, 'brokerAddrs', path);
  const brokerAddrs: Record<string, string> = {};
  for (const [id, addr] of Object.entries(addrs)) {
    if (!/^-?\d+$/.test(id)) throw new BodyDecodeError(`${path}.brokerAddrs key '${id}' is not a broker id`);
    if (typeof addr !== 'string') throw new BodyDecodeError(`${path}.brokerAddrs.${id} must be a string`);
    brokerAddrs[String(Number(id))] = addr;
  }
  const data: BrokerData = {
    cluster: stringField(obj, 'cluster', path) ?? '',
    brokerName: requiredStringField(obj, 'brokerName', path),
    brokerAddrs,
  };
  if (obj.enableActingMaster !== undefined && obj.enableActingMaster !== null) {
    data.enableActingMaster = booleanField(obj, 'enableActingMaster', path, false);
  }
  const zoneName = stringField(obj, 'zoneName', path);
  if (zoneName !== undefined) data.zoneName = zoneName;
  return data;
}

export function decodeTopicRouteData(body: Buffer | string): TopicRouteData {
  const path = 'TopicRouteData';
  const obj = parseBodyObject(body, path);
  const filterServerTable: Record<string, string[]> = {};
  for (const [addr, servers] of Object.entries(objectField(obj, 'filterServerTable', path))) {
    filterServerTable[addr] = asStringArray(servers, `${path}.filterServerTable.${addr}`);
  }
  const route: TopicRouteData = {
    queueDatas: arrayField(obj, 'queueDatas', path).map((item, i) => decodeQueueData(item, `${path}.queueDatas[${i}]`)),
    brokerDatas: arrayField(obj, 'brokerDatas', path).map((item, i) => decodeBrokerData(item, `${path}.brokerDatas[${i}]`)),
    filterServerTable,
  };
  const orderTopicConf = stringField(obj, 'orderTopicConf', path);
  if (orderTopicConf !== undefined) route.orderTopicConf = orderTopicConf;
  return route;
}

export function queueDataToJson(queue: QueueData): Record<string, unknown> {
  return {
    brokerName: queue.brokerName,
    perm: queue.perm,
    readQueueNums: queue.readQueueNums,
    topicSysFlag: queue.topicSysFlag,
    writeQueueNums: queue.writeQueueNums,
  };
}

/** BrokerData members in fastjson order; `brokerAddrs` with bare keys unless `standardJson`. */
export function brokerDataToJson(data: BrokerData, { standardJson }: RouteJsonOptions): Record<string, unknown> {
  const ids = Object.keys(data.brokerAddrs)
    .map(Number)
    .sort((a, b) => a - b);
  const brokerAddrs = standardJson
    ? new Map(ids.map((id) => [String(id), data.brokerAddrs[String(id)]]))
    : new NumberKeyMap(ids.map((id) => [id, data.brokerAddrs[String(id)]]));
  const json: Record<string, unknown> = { brokerAddrs, brokerName: data.brokerName, cluster: data.cluster };
  if (data.enableActingMaster !== undefined) json.enableActingMaster = data.enableActingMaster;
  if (data.zoneName !== undefined) json.zoneName = data.zoneName;
  return json;
}

export function encodeTopicRouteData(route: TopicRouteData, options: RouteJsonOptions): Buffer {
  const json: Record<string, unknown> = {
    brokerDatas: route.brokerDatas.map((data) => brokerDataToJson(data, options)),
    filterServerTable: sortedMap(Object.entries(route.filterServerTable)),
  };
  if (route.orderTopicConf !== undefined) json.orderTopicConf = route.orderTopicConf;
  json.queueDatas = route.queueDatas.map(queueDataToJson);
  const text = stringifyFastjson(json);
  return Buffer.from(options.standardJson ? escapeNonAscii(text) : text, 'utf8');
}

/** fastjson's BrowserCompatible output: every character outside ASCII written as a \uXXXX escape (upper-case hex). */
export function escapeNonAscii(json: string): string {
  // Non-ASCII can only occur inside string literals, where an escape means the same character.
  return json.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
