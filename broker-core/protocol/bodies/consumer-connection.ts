import { stringifyFastjson } from '../../common/fastjson';
import { arrayField, asObject, integerField, objectField, parseBodyObject, sortedMap, stringField, type JsonObject } from './json-fields';
import type { ConsumeFromWhere, ConsumeType, MessageModel } from './heartbeat-data';
import { decodeSubscriptionData, subscriptionDataToJson, type SubscriptionData } from './subscription-data';

/**
 * Connection lists of a group (spec/remoting.md §13.4):
 *
 *   ConsumerConnection (GET_CONSUMER_CONNECTION_LIST 203)
 *     {"connectionSet":[{"clientAddr":"10.0.0.5:50000","clientId":"10.0.0.5@1","language":"JAVA","version":409}],
 *      "consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",
 *      "subscriptionTable":{"T":{...SubscriptionData}}}
 *   ProducerConnection (GET_PRODUCER_CONNECTION_LIST 204)
 *     {"connectionSet":[{...Connection}]}
 */
export interface ClientConnection {
  clientId: string;
  clientAddr: string;
  /** LanguageCode name, e.g. JAVA. */
  language: string;
  version: number;
}

export interface ConsumerConnection {
  connectionSet: ClientConnection[];
  subscriptionTable: Record<string, SubscriptionData>;
  consumeType?: ConsumeType;
  messageModel?: MessageModel;
  consumeFromWhere?: ConsumeFromWhere;
}

export interface ProducerConnection {
  connectionSet: ClientConnection[];
}

function decodeConnectionSet(obj: JsonObject, path: string): ClientConnection[] {
  return arrayField(obj, 'connectionSet', path).map((item, i) => {
    const itemPath = `${path}.connectionSet[${i}]`;
    const obj = asObject(item, itemPath);
    return {
      clientId: stringField(obj, 'clientId', itemPath) ?? '',
      clientAddr: stringField(obj, 'clientAddr', itemPath) ?? '',
      language: stringField(obj, 'language', itemPath) ?? 'JAVA',
      version: integerField(obj, 'version', itemPath, 0),
    };
  });
}

function connectionToJson(connection: ClientConnection): JsonObject {
  return {
    clientAddr: connection.clientAddr,
    clientId: connection.clientId,
    language: connection.language,
    version: connection.version,
  };
}

export function decodeConsumerConnection(body: Buffer | string): ConsumerConnection {
  const path = 'ConsumerConnection';
  const obj = parseBodyObject(body, path);
  const subscriptionTable: Record<string, SubscriptionData> = {};
  for (const [topic, data] of Object.entries(objectField(obj, 'subscriptionTable', path))) {
    subscriptionTable[topic] = decodeSubscriptionData(data, `${path}.subscriptionTable.${topic}`);
  }
  const connection: ConsumerConnection = { connectionSet: decodeConnectionSet(obj, path), subscriptionTable };
  const consumeType = stringField(obj, 'consumeType', path);
  const messageModel = stringField(obj, 'messageModel', path);
  const consumeFromWhere = stringField(obj, 'consumeFromWhere', path);
  if (consumeType !== undefined) connection.consumeType = consumeType as ConsumeType;
  if (messageModel !== undefined) connection.messageModel = messageModel as MessageModel;
  if (consumeFromWhere !== undefined) connection.consumeFromWhere = consumeFromWhere as ConsumeFromWhere;
  return connection;
}

export function encodeConsumerConnection(connection: ConsumerConnection): Buffer {
  return Buffer.from(
    stringifyFastjson({
      connectionSet: connection.connectionSet.map(connectionToJson),
      consumeFromWhere: connection.consumeFromWhere,
      consumeType: connection.consumeType,
      messageModel: connection.messageModel,
      subscriptionTable: sortedMap(Object.entries(connection.subscriptionTable).map(([topic, data]) => [topic, subscriptionDataToJson(data)])),
    }),
    'utf8',
  );
}

export function decodeProducerConnection(body: Buffer | string): ProducerConnection {
  const obj = parseBodyObject(body, 'ProducerConnection');
  return { connectionSet: decodeConnectionSet(obj, 'ProducerConnection') };
}

export function encodeProducerConnection(connection: ProducerConnection): Buffer {
  return Buffer.from(stringifyFastjson({ connectionSet: connection.connectionSet.map(connectionToJson) }), 'utf8');
}
