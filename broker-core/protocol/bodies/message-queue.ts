import { parseObjectKey, type JsonValue } from '../../common/fastjson';
import { asObject, BodyDecodeError, integerField, requiredStringField, type JsonObject } from './json-fields';

/**
 * MessageQueue (spec/remoting.md §13.1): `{"brokerName":"broker-a","queueId":0,"topic":"T"}`.
 *
 * Java keys several tables by MessageQueue objects and fastjson writes the key object itself in key position
 * (§14.1); `parseFastjson` turns such a key into a canonical JSON string, which `decodeMessageQueueKey` reads back.
 * It also accepts Java's toString form `MessageQueue [topic=T, brokerName=b, queueId=0]`, which standard-JSON
 * writers (gson, Jackson without a key serializer) produce.
 */
export interface MessageQueue {
  topic: string;
  brokerName: string;
  queueId: number;
}

export function decodeMessageQueue(value: JsonValue | undefined, path = 'MessageQueue'): MessageQueue {
  const obj = asObject(value ?? null, path);
  return {
    topic: requiredStringField(obj, 'topic', path),
    brokerName: requiredStringField(obj, 'brokerName', path),
    queueId: integerField(obj, 'queueId', path, 0),
  };
}

/** The members in fastjson's (alphabetical) order. */
export function messageQueueToJson(mq: MessageQueue): JsonObject {
  return { brokerName: mq.brokerName, queueId: mq.queueId, topic: mq.topic };
}

const TO_STRING_FORM = /^MessageQueue \[topic=(.*), brokerName=(.*), queueId=(-?\d+)\]$/;

/** Reads a map key that stands for a MessageQueue (object key or Java toString form). */
export function decodeMessageQueueKey(key: string, path = 'MessageQueue key'): MessageQueue {
  const match = TO_STRING_FORM.exec(key);
  if (match) return { topic: match[1], brokerName: match[2], queueId: Number(match[3]) };
  let value: JsonValue;
  try {
    value = parseObjectKey(key);
  } catch {
    throw new BodyDecodeError(`${path} '${key}' is not a MessageQueue`);
  }
  return decodeMessageQueue(value, path);
}

/** A stable text key for maps in memory ("topic|brokerName|queueId"). */
export function messageQueueId(mq: MessageQueue): string {
  return `${mq.topic}|${mq.brokerName}|${mq.queueId}`;
}

/** Java's MessageQueue ordering: topic, then broker name, then queue id. */
export function compareMessageQueues(a: MessageQueue, b: MessageQueue): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  if (a.brokerName !== b.brokerName) return a.brokerName < b.brokerName ? -1 : 1;
  return a.queueId - b.queueId;
}
