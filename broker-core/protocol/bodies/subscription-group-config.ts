import { stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { dataVersionToJson, decodeDataVersion, type DataVersion } from './data-version';
import { asObject, booleanField, integerField, objectField, parseBodyObject, requiredStringField, sortedMap, type JsonObject } from './json-fields';

/**
 * SubscriptionGroupConfig (spec/remoting.md §13.1), the UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200) body and the
 * value type of subscriptionGroup.json / GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201):
 *
 *   {"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":true,"consumeFromMinEnable":true,"groupName":"G",
 *    "notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,"whichBrokerWhenConsumeSlowly":1}
 *
 * 5.x members (groupRetryPolicy, consumeMessageOrderly, groupSysFlag, consumeTimeoutMinute, subscriptionDataSet,
 * attributes ...) are kept verbatim in `extra` and written back, so a round trip through a 4.x-style broker loses
 * nothing. The wrapper is `{"dataVersion":{...},"subscriptionGroupTable":{"G":{...}}}` (5.x adds forbiddenTable).
 */
export interface SubscriptionGroupConfig {
  groupName: string;
  consumeEnable: boolean;
  consumeFromMinEnable: boolean;
  consumeBroadcastEnable: boolean;
  retryQueueNums: number;
  retryMaxTimes: number;
  brokerId: number;
  whichBrokerWhenConsumeSlowly: number;
  notifyConsumerIdsChangedEnable: boolean;
  /** Members of newer releases, as read. */
  extra?: JsonObject;
}

export function newSubscriptionGroupConfig(groupName: string, fields: Partial<Omit<SubscriptionGroupConfig, 'groupName'>> = {}): SubscriptionGroupConfig {
  return {
    groupName,
    consumeEnable: true,
    consumeFromMinEnable: true,
    consumeBroadcastEnable: true,
    retryQueueNums: 1,
    retryMaxTimes: 16,
    brokerId: 0,
    whichBrokerWhenConsumeSlowly: 1,
    notifyConsumerIdsChangedEnable: true,
    ...fields,
  };
}

const KNOWN = new Set([
  'groupName',
  'consumeEnable',
  'consumeFromMinEnable',
  'consumeBroadcastEnable',
  'retryQueueNums',
  'retryMaxTimes',
  'brokerId',
  'whichBrokerWhenConsumeSlowly',
  'notifyConsumerIdsChangedEnable',
]);

export function decodeSubscriptionGroupConfigObject(value: JsonValue, path = 'SubscriptionGroupConfig', nameFallback?: string): SubscriptionGroupConfig {
  const obj = asObject(value, path);
  const groupName = nameFallback !== undefined && (obj.groupName === undefined || obj.groupName === null) ? nameFallback : requiredStringField(obj, 'groupName', path);
  const config = newSubscriptionGroupConfig(groupName, {
    consumeEnable: booleanField(obj, 'consumeEnable', path, true),
    consumeFromMinEnable: booleanField(obj, 'consumeFromMinEnable', path, true),
    consumeBroadcastEnable: booleanField(obj, 'consumeBroadcastEnable', path, true),
    retryQueueNums: integerField(obj, 'retryQueueNums', path, 1),
    retryMaxTimes: integerField(obj, 'retryMaxTimes', path, 16),
    brokerId: integerField(obj, 'brokerId', path, 0),
    whichBrokerWhenConsumeSlowly: integerField(obj, 'whichBrokerWhenConsumeSlowly', path, 1),
    notifyConsumerIdsChangedEnable: booleanField(obj, 'notifyConsumerIdsChangedEnable', path, true),
  });
  const extra: JsonObject = {};
  for (const [key, member] of Object.entries(obj)) if (!KNOWN.has(key) && member !== null) extra[key] = member;
  if (Object.keys(extra).length > 0) config.extra = extra;
  return config;
}

export function decodeSubscriptionGroupConfig(body: Buffer | string): SubscriptionGroupConfig {
  return decodeSubscriptionGroupConfigObject(parseBodyObject(body, 'SubscriptionGroupConfig'));
}

/** All members, alphabetical like fastjson. */
export function subscriptionGroupConfigToJson(config: SubscriptionGroupConfig): JsonObject {
  const json: JsonObject = {
    ...(config.extra ?? {}),
    brokerId: config.brokerId,
    consumeBroadcastEnable: config.consumeBroadcastEnable,
    consumeEnable: config.consumeEnable,
    consumeFromMinEnable: config.consumeFromMinEnable,
    groupName: config.groupName,
    notifyConsumerIdsChangedEnable: config.notifyConsumerIdsChangedEnable,
    retryMaxTimes: config.retryMaxTimes,
    retryQueueNums: config.retryQueueNums,
    whichBrokerWhenConsumeSlowly: config.whichBrokerWhenConsumeSlowly,
  };
  return Object.fromEntries(Object.entries(json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function encodeSubscriptionGroupConfig(config: SubscriptionGroupConfig): Buffer {
  return Buffer.from(stringifyFastjson(subscriptionGroupConfigToJson(config)), 'utf8');
}

export interface SubscriptionGroupWrapper {
  subscriptionGroupTable: Record<string, SubscriptionGroupConfig>;
  dataVersion: DataVersion;
}

export function decodeSubscriptionGroupWrapperObject(value: JsonValue, path = 'SubscriptionGroupWrapper'): SubscriptionGroupWrapper {
  const obj = asObject(value, path);
  const subscriptionGroupTable: Record<string, SubscriptionGroupConfig> = {};
  for (const [name, config] of Object.entries(objectField(obj, 'subscriptionGroupTable', path))) {
    subscriptionGroupTable[name] = decodeSubscriptionGroupConfigObject(config, `${path}.subscriptionGroupTable.${name}`, name);
  }
  return { subscriptionGroupTable, dataVersion: decodeDataVersion(obj.dataVersion, `${path}.dataVersion`) };
}

export function decodeSubscriptionGroupWrapper(body: Buffer | string): SubscriptionGroupWrapper {
  return decodeSubscriptionGroupWrapperObject(parseBodyObject(body, 'SubscriptionGroupWrapper'));
}

export function subscriptionGroupWrapperToJson(wrapper: SubscriptionGroupWrapper): Record<string, unknown> {
  return {
    dataVersion: dataVersionToJson(wrapper.dataVersion),
    subscriptionGroupTable: sortedMap(Object.entries(wrapper.subscriptionGroupTable).map(([name, config]) => [name, subscriptionGroupConfigToJson(config)])),
  };
}

export function encodeSubscriptionGroupWrapper(wrapper: SubscriptionGroupWrapper): Buffer {
  return Buffer.from(stringifyFastjson(subscriptionGroupWrapperToJson(wrapper)), 'utf8');
}
