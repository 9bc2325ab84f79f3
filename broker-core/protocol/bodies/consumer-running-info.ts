import { stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { arrayField, asObject, BodyDecodeError, booleanField, integerField, objectField, parseBodyObject, sortedMap, stringField, stringMapField, type JsonObject } from './json-fields';
import { compareMessageQueues } from './message-queue';
import { decodeMessageQueueTable, messageQueueTableToJson, type MessageQueueEntry } from './message-queue-table';
import { decodeSubscriptionData, subscriptionDataToJson, type SubscriptionData } from './subscription-data';

/**
 * ConsumerRunningInfo, what a consumer answers to GET_CONSUMER_RUNNING_INFO (307) (spec/remoting.md §13.4); admin
 * tools reach it through the broker. MessageQueue object keys in mqTable, Java's spelling `droped`:
 *
 *   {"jstack":"...","mqTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{"cachedMsgCount":0,"cachedMsgMaxOffset":0,
 *    "cachedMsgMinOffset":0,"cachedMsgSizeInMiB":0,"commitOffset":12,"droped":false,"lastConsumeTimestamp":1700000000000,
 *    "lastLockTimestamp":1700000000000,"lastPullTimestamp":1700000000000,"locked":false,"tryUnlockTimes":0,
 *    "transactionMsgCount":0,"transactionMsgMaxOffset":0,"transactionMsgMinOffset":0}},
 *    "properties":{"PROP_CONSUME_TYPE":"CONSUME_PASSIVELY",...},
 *    "statusTable":{"T":{"consumeFailedMsgs":0,"consumeFailedTPS":0.0,"consumeOKTPS":1.5,"consumeRT":2.0,"pullRT":1.0,
 *    "pullTPS":1.5}},"subscriptionSet":[{...SubscriptionData}]}
 */
export interface ProcessQueueInfo {
  commitOffset: number;
  cachedMsgMinOffset: number;
  cachedMsgMaxOffset: number;
  cachedMsgCount: number;
  cachedMsgSizeInMiB: number;
  transactionMsgMinOffset: number;
  transactionMsgMaxOffset: number;
  transactionMsgCount: number;
  locked: boolean;
  tryUnlockTimes: number;
  lastLockTimestamp: number;
  droped: boolean;
  lastPullTimestamp: number;
  lastConsumeTimestamp: number;
}

export interface ConsumeStatusInfo {
  pullRT: number;
  pullTPS: number;
  consumeRT: number;
  consumeOKTPS: number;
  consumeFailedTPS: number;
  consumeFailedMsgs: number;
}

export interface ConsumerRunningInfo {
  properties: Record<string, string>;
  subscriptionSet: SubscriptionData[];
  mqTable: Array<MessageQueueEntry<ProcessQueueInfo>>;
  statusTable: Record<string, ConsumeStatusInfo>;
  jstack?: string;
}

/** Property names Java puts in `properties`. */
export const ConsumerRunningInfoProperty = {
  NAMESERVER_ADDR: 'PROP_NAMESERVER_ADDR',
  THREADPOOL_CORE_SIZE: 'PROP_THREADPOOL_CORE_SIZE',
  CONSUME_ORDERLY: 'PROP_CONSUMEORDERLY',
  CONSUME_TYPE: 'PROP_CONSUME_TYPE',
  CLIENT_VERSION: 'PROP_CLIENT_VERSION',
  CONSUMER_START_TIMESTAMP: 'PROP_CONSUMER_START_TIMESTAMP',
} as const;

const PROCESS_QUEUE_NUMBERS = [
  'cachedMsgCount',
  'cachedMsgMaxOffset',
  'cachedMsgMinOffset',
  'cachedMsgSizeInMiB',
  'commitOffset',
  'lastConsumeTimestamp',
  'lastLockTimestamp',
  'lastPullTimestamp',
  'transactionMsgCount',
  'transactionMsgMaxOffset',
  'transactionMsgMinOffset',
  'tryUnlockTimes',
] as const;

function decodeProcessQueueInfo(value: JsonValue, path: string): ProcessQueueInfo {
  const obj = asObject(value, path);
  const info = { droped: booleanField(obj, 'droped', path, false), locked: booleanField(obj, 'locked', path, false) } as ProcessQueueInfo;
  for (const key of PROCESS_QUEUE_NUMBERS) info[key] = integerField(obj, key, path, 0);
  return info;
}

function processQueueInfoToJson(info: ProcessQueueInfo): JsonObject {
  return {
    cachedMsgCount: info.cachedMsgCount,
    cachedMsgMaxOffset: info.cachedMsgMaxOffset,
    cachedMsgMinOffset: info.cachedMsgMinOffset,
    cachedMsgSizeInMiB: info.cachedMsgSizeInMiB,
    commitOffset: info.commitOffset,
    droped: info.droped,
    lastConsumeTimestamp: info.lastConsumeTimestamp,
    lastLockTimestamp: info.lastLockTimestamp,
    lastPullTimestamp: info.lastPullTimestamp,
    locked: info.locked,
    transactionMsgCount: info.transactionMsgCount,
    transactionMsgMaxOffset: info.transactionMsgMaxOffset,
    transactionMsgMinOffset: info.transactionMsgMinOffset,
    tryUnlockTimes: info.tryUnlockTimes,
  };
}

function numberOf(obj: JsonObject, key: string, path: string): number {
  const value = obj[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number') throw new BodyDecodeError(`${path}.${key} must be a number`);
  return value;
}

function decodeConsumeStatus(value: JsonValue, path: string): ConsumeStatusInfo {
  const obj = asObject(value, path);
  return {
    pullRT: numberOf(obj, 'pullRT', path),
    pullTPS: numberOf(obj, 'pullTPS', path),
    consumeRT: numberOf(obj, 'consumeRT', path),
    consumeOKTPS: numberOf(obj, 'consumeOKTPS', path),
    consumeFailedTPS: numberOf(obj, 'consumeFailedTPS', path),
    consumeFailedMsgs: integerField(obj, 'consumeFailedMsgs', path, 0),
  };
}

export function decodeConsumerRunningInfo(body: Buffer | string): ConsumerRunningInfo {
  const path = 'ConsumerRunningInfo';
  const obj = parseBodyObject(body, path);
  const statusTable: Record<string, ConsumeStatusInfo> = {};
  for (const [topic, status] of Object.entries(objectField(obj, 'statusTable', path))) {
    statusTable[topic] = decodeConsumeStatus(status, `${path}.statusTable.${topic}`);
  }
  const info: ConsumerRunningInfo = {
    properties: stringMapField(obj, 'properties', path),
    subscriptionSet: arrayField(obj, 'subscriptionSet', path).map((item, i) => decodeSubscriptionData(item, `${path}.subscriptionSet[${i}]`)),
    mqTable: decodeMessageQueueTable(objectField(obj, 'mqTable', path), `${path}.mqTable`, decodeProcessQueueInfo),
    statusTable,
  };
  const jstack = stringField(obj, 'jstack', path);
  if (jstack !== undefined) info.jstack = jstack;
  return info;
}

export function encodeConsumerRunningInfo(info: ConsumerRunningInfo): Buffer {
  const mqTable = [...info.mqTable].sort((a, b) => compareMessageQueues(a.messageQueue, b.messageQueue));
  const json: Record<string, unknown> = {};
  if (info.jstack !== undefined) json.jstack = info.jstack;
  json.mqTable = messageQueueTableToJson(mqTable, processQueueInfoToJson);
  json.properties = sortedMap(Object.entries(info.properties));
  json.statusTable = sortedMap(
    Object.entries(info.statusTable).map(([topic, status]): [string, JsonObject] => [
      topic,
      {
        consumeFailedMsgs: status.consumeFailedMsgs,
        consumeFailedTPS: status.consumeFailedTPS,
        consumeOKTPS: status.consumeOKTPS,
        consumeRT: status.consumeRT,
        pullRT: status.pullRT,
        pullTPS: status.pullTPS,
      },
    ]),
  );
  json.subscriptionSet = info.subscriptionSet.map(subscriptionDataToJson);
  return Buffer.from(stringifyFastjson(json), 'utf8');
}
