import { stringifyFastjson } from '../../common/fastjson';
import { arrayField, booleanField, parseBodyObject, stringField, type JsonObject } from './json-fields';
import { decodeMessageQueue, messageQueueToJson, type MessageQueue } from './message-queue';

/**
 * Queue locks of orderly consumers (spec/remoting.md §11.2, semantics.md §10.6):
 *
 *   LOCK_BATCH_MQ (41) / UNLOCK_BATCH_MQ (42) request
 *     {"clientId":"10.0.0.5@1","consumerGroup":"G","mqSet":[{"brokerName":"b","queueId":0,"topic":"T"}],
 *      "onlyThisBroker":false}
 *   LOCK_BATCH_MQ answer  {"lockOKMQSet":[{...MessageQueue}]}
 */
export interface LockBatchRequestBody {
  consumerGroup: string;
  clientId: string;
  onlyThisBroker: boolean;
  mqSet: MessageQueue[];
}

export type UnlockBatchRequestBody = LockBatchRequestBody;

export interface LockBatchResponseBody {
  lockOKMQSet: MessageQueue[];
}

function messageQueueArray(obj: JsonObject, key: string, path: string): MessageQueue[] {
  return arrayField(obj, key, path).map((item, i) => decodeMessageQueue(item, `${path}.${key}[${i}]`));
}

export function decodeLockBatchRequestBody(body: Buffer | string, what = 'LockBatchRequestBody'): LockBatchRequestBody {
  const obj = parseBodyObject(body, what);
  return {
    consumerGroup: stringField(obj, 'consumerGroup', what) ?? '',
    clientId: stringField(obj, 'clientId', what) ?? '',
    onlyThisBroker: booleanField(obj, 'onlyThisBroker', what, false),
    mqSet: messageQueueArray(obj, 'mqSet', what),
  };
}

export function decodeUnlockBatchRequestBody(body: Buffer | string): UnlockBatchRequestBody {
  return decodeLockBatchRequestBody(body, 'UnlockBatchRequestBody');
}

export function encodeLockBatchRequestBody(body: LockBatchRequestBody): Buffer {
  const json: JsonObject = {
    clientId: body.clientId,
    consumerGroup: body.consumerGroup,
    mqSet: body.mqSet.map(messageQueueToJson),
    onlyThisBroker: body.onlyThisBroker,
  };
  return Buffer.from(stringifyFastjson(json), 'utf8');
}

export const encodeUnlockBatchRequestBody = encodeLockBatchRequestBody;

export function decodeLockBatchResponseBody(body: Buffer | string): LockBatchResponseBody {
  const obj = parseBodyObject(body, 'LockBatchResponseBody');
  return { lockOKMQSet: messageQueueArray(obj, 'lockOKMQSet', 'LockBatchResponseBody') };
}

export function encodeLockBatchResponseBody(body: LockBatchResponseBody): Buffer {
  return Buffer.from(stringifyFastjson({ lockOKMQSet: body.lockOKMQSet.map(messageQueueToJson) }), 'utf8');
}
