import { stringifyFastjson } from '../../common/fastjson';
import { arrayField, asObject, integerField, parseBodyObject, type JsonObject } from './json-fields';
import { decodeMessageQueue, messageQueueToJson, type MessageQueue } from './message-queue';

/**
 * QueryConsumeTimeSpanBody, the QUERY_CONSUME_TIME_SPAN (303) answer (spec/remoting.md §11.4):
 *
 *   {"consumeTimeSpanSet":[{"consumeTimeStamp":1700000000500,"delayTime":0,"maxTimeStamp":1700000001000,
 *    "messageQueue":{"brokerName":"b","queueId":0,"topic":"T"},"minTimeStamp":1700000000000}]}
 */
export interface QueueTimeSpan {
  messageQueue: MessageQueue;
  minTimeStamp: number;
  maxTimeStamp: number;
  consumeTimeStamp: number;
  delayTime: number;
}

export interface QueryConsumeTimeSpanBody {
  consumeTimeSpanSet: QueueTimeSpan[];
}

export function decodeQueryConsumeTimeSpanBody(body: Buffer | string): QueryConsumeTimeSpanBody {
  const path = 'QueryConsumeTimeSpanBody';
  const obj = parseBodyObject(body, path);
  return {
    consumeTimeSpanSet: arrayField(obj, 'consumeTimeSpanSet', path).map((item, i) => {
      const itemPath = `${path}.consumeTimeSpanSet[${i}]`;
      const span = asObject(item, itemPath);
      return {
        messageQueue: decodeMessageQueue(span.messageQueue, `${itemPath}.messageQueue`),
        minTimeStamp: integerField(span, 'minTimeStamp', itemPath, 0),
        maxTimeStamp: integerField(span, 'maxTimeStamp', itemPath, 0),
        consumeTimeStamp: integerField(span, 'consumeTimeStamp', itemPath, 0),
        delayTime: integerField(span, 'delayTime', itemPath, 0),
      };
    }),
  };
}

export function encodeQueryConsumeTimeSpanBody(body: QueryConsumeTimeSpanBody): Buffer {
  const consumeTimeSpanSet = body.consumeTimeSpanSet.map((span): JsonObject => ({
    consumeTimeStamp: span.consumeTimeStamp,
    delayTime: span.delayTime,
    maxTimeStamp: span.maxTimeStamp,
    messageQueue: messageQueueToJson(span.messageQueue),
    minTimeStamp: span.minTimeStamp,
  }));
  return Buffer.from(stringifyFastjson({ consumeTimeSpanSet }), 'utf8');
}
