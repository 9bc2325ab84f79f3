import { stringifyFastjson } from '../../common/fastjson';
import { arrayField, asObject, booleanField, integerField, parseBodyObject, requiredStringField, stringField, type JsonObject } from './json-fields';
import { decodeSubscriptionData, subscriptionDataToJson, type SubscriptionData } from './subscription-data';

/**
 * HeartbeatData, the HEART_BEAT (34) body (spec/remoting.md §13.2, semantics.md §10.1):
 *
 *   {"clientID":"10.0.0.5@1234","consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET",
 *    "consumeType":"CONSUME_PASSIVELY","groupName":"G","messageModel":"CLUSTERING","subscriptionDataSet":[...],
 *    "unitMode":false}],"producerDataSet":[{"groupName":"P"}]}
 *
 * 5.x adds heartbeatFingerprint and withoutSub (heartbeat v2). The enum members are kept as the strings sent, so
 * a value from a newer client (e.g. CONSUME_POP) passes through unchanged.
 */
export type ConsumeType = 'CONSUME_ACTIVELY' | 'CONSUME_PASSIVELY' | 'CONSUME_POP';
export type MessageModel = 'BROADCASTING' | 'CLUSTERING';
export type ConsumeFromWhere =
  | 'CONSUME_FROM_LAST_OFFSET'
  | 'CONSUME_FROM_FIRST_OFFSET'
  | 'CONSUME_FROM_TIMESTAMP'
  | 'CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST'
  | 'CONSUME_FROM_MIN_OFFSET'
  | 'CONSUME_FROM_MAX_OFFSET';

export interface ProducerData {
  groupName: string;
}

export interface ConsumerData {
  groupName: string;
  consumeType: ConsumeType;
  messageModel: MessageModel;
  consumeFromWhere: ConsumeFromWhere;
  subscriptionDataSet: SubscriptionData[];
  unitMode: boolean;
}

export interface HeartbeatData {
  clientID: string;
  producerDataSet: ProducerData[];
  consumerDataSet: ConsumerData[];
  /** 5.x heartbeat v2 */
  heartbeatFingerprint?: number;
  withoutSub?: boolean;
}

export function decodeConsumerData(value: JsonObject, path: string): ConsumerData {
  return {
    groupName: requiredStringField(value, 'groupName', path),
    consumeType: (stringField(value, 'consumeType', path) ?? 'CONSUME_PASSIVELY') as ConsumeType,
    messageModel: (stringField(value, 'messageModel', path) ?? 'CLUSTERING') as MessageModel,
    consumeFromWhere: (stringField(value, 'consumeFromWhere', path) ?? 'CONSUME_FROM_LAST_OFFSET') as ConsumeFromWhere,
    subscriptionDataSet: arrayField(value, 'subscriptionDataSet', path).map((item, i) =>
      decodeSubscriptionData(item, `${path}.subscriptionDataSet[${i}]`),
    ),
    unitMode: booleanField(value, 'unitMode', path, false),
  };
}

export function decodeHeartbeatData(body: Buffer | string): HeartbeatData {
  const path = 'HeartbeatData';
  const obj = parseBodyObject(body, path);
  const data: HeartbeatData = {
    clientID: requiredStringField(obj, 'clientID', path),
    producerDataSet: arrayField(obj, 'producerDataSet', path).map((item, i) => ({
      groupName: requiredStringField(asObject(item, `${path}.producerDataSet[${i}]`), 'groupName', `${path}.producerDataSet[${i}]`),
    })),
    consumerDataSet: arrayField(obj, 'consumerDataSet', path).map((item, i) =>
      decodeConsumerData(asObject(item, `${path}.consumerDataSet[${i}]`), `${path}.consumerDataSet[${i}]`),
    ),
  };
  if (obj.heartbeatFingerprint !== undefined && obj.heartbeatFingerprint !== null)
    data.heartbeatFingerprint = integerField(obj, 'heartbeatFingerprint', path, 0);
  if (obj.withoutSub !== undefined && obj.withoutSub !== null) data.withoutSub = booleanField(obj, 'withoutSub', path, false);
  return data;
}

export function consumerDataToJson(data: ConsumerData): JsonObject {
  return {
    consumeFromWhere: data.consumeFromWhere,
    consumeType: data.consumeType,
    groupName: data.groupName,
    messageModel: data.messageModel,
    subscriptionDataSet: data.subscriptionDataSet.map(subscriptionDataToJson),
    unitMode: data.unitMode,
  };
}

export function encodeHeartbeatData(data: HeartbeatData): Buffer {
  const json: JsonObject = {
    clientID: data.clientID,
    consumerDataSet: data.consumerDataSet.map(consumerDataToJson),
  };
  if (data.heartbeatFingerprint !== undefined) json.heartbeatFingerprint = data.heartbeatFingerprint;
  json.producerDataSet = data.producerDataSet.map((producer) => ({ groupName: producer.groupName }));
  if (data.withoutSub !== undefined) json.withoutSub = data.withoutSub;
  return Buffer.from(stringifyFastjson(json), 'utf8');
}
