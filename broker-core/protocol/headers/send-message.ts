import { defineHeader, type HeaderOf } from './define-header';

/**
 * Headers of the producer's send requests (spec/remoting.md §11.1; Java `SendMessageRequestHeader`,
 * `SendMessageRequestHeaderV2`, `SendMessageResponseHeader`).
 *
 * SEND_MESSAGE (10) carries the long field names; SEND_MESSAGE_V2 (310), SEND_BATCH_MESSAGE (320) and
 * SEND_REPLY_MESSAGE_V2 (325) carry the same data under one-letter keys, to keep every header small:
 *
 *   a producerGroup   e queueId        i properties          m batch
 *   b topic           f sysFlag        j reconsumeTimes      n brokerName (4.9.x / 5.x)
 *   c defaultTopic    g bornTimestamp  k unitMode
 *   d defaultTopicQueueNums  h flag    l maxReconsumeTimes
 *
 * Brokers work on the V1 form; `sendHeaderFromV2` / `sendHeaderToV2` convert between the two.
 */
export const SendMessageRequestHeader = defineHeader({
  producerGroup: 'string!',
  topic: 'string!',
  /** The auto-create template topic, normally TBW102. */
  defaultTopic: 'string!',
  defaultTopicQueueNums: 'int!',
  /** < 0 lets the broker pick a queue. */
  queueId: 'int!',
  /** Message sysflag (common/message/message-sysflag.ts). */
  sysFlag: 'int!',
  bornTimestamp: 'long!',
  flag: 'int!',
  /** Properties text: name \u0001 value \u0002 ... */
  properties: 'string',
  reconsumeTimes: 'int',
  unitMode: 'boolean',
  batch: 'boolean',
  maxReconsumeTimes: 'int',
  /** 5.x base-class field (`bname`). */
  bname: 'string',
});
export type SendMessageRequestHeader = HeaderOf<typeof SendMessageRequestHeader>;

export const SendMessageRequestHeaderV2 = defineHeader({
  a: 'string!',
  b: 'string!',
  c: 'string!',
  d: 'int!',
  e: 'int!',
  f: 'int!',
  g: 'long!',
  h: 'int!',
  i: 'string',
  j: 'int',
  k: 'boolean',
  l: 'int',
  m: 'boolean',
  n: 'string',
});
export type SendMessageRequestHeaderV2 = HeaderOf<typeof SendMessageRequestHeaderV2>;

export function sendHeaderFromV2(v2: SendMessageRequestHeaderV2): SendMessageRequestHeader {
  return {
    producerGroup: v2.a,
    topic: v2.b,
    defaultTopic: v2.c,
    defaultTopicQueueNums: v2.d,
    queueId: v2.e,
    sysFlag: v2.f,
    bornTimestamp: v2.g,
    flag: v2.h,
    properties: v2.i,
    reconsumeTimes: v2.j,
    unitMode: v2.k,
    maxReconsumeTimes: v2.l,
    batch: v2.m,
    bname: v2.n,
  };
}

export function sendHeaderToV2(v1: SendMessageRequestHeader): SendMessageRequestHeaderV2 {
  return {
    a: v1.producerGroup,
    b: v1.topic,
    c: v1.defaultTopic,
    d: v1.defaultTopicQueueNums,
    e: v1.queueId,
    f: v1.sysFlag,
    g: v1.bornTimestamp,
    h: v1.flag,
    i: v1.properties,
    j: v1.reconsumeTimes,
    k: v1.unitMode,
    l: v1.maxReconsumeTimes,
    m: v1.batch,
    n: v1.bname,
  };
}

/**
 * The send answer. msgId is the offset message id (for a batch the comma-joined ids), queueOffset the (first)
 * message's queue offset, transactionId the message's UNIQ_KEY. The response also carries the extFields
 * `MSG_REGION` and `TRACE_ON`, which Java clients read without a null check.
 */
export const SendMessageResponseHeader = defineHeader({
  msgId: 'string!',
  queueId: 'int!',
  queueOffset: 'long!',
  transactionId: 'string',
  /** 5.x */
  batchUniqId: 'string',
  /** 5.3 */
  recallHandle: 'string',
});
export type SendMessageResponseHeader = HeaderOf<typeof SendMessageResponseHeader>;

/** extFields keys of the send response outside the header class. */
export const SEND_RESPONSE_REGION_KEY = 'MSG_REGION';
export const SEND_RESPONSE_TRACE_KEY = 'TRACE_ON';
