import { KEY_SEPARATOR } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { decodeOffsetMessageId, isOffsetMessageId, uniqueIdTimestamp } from '../../common/message/message-id';
import { buildSubscriptionData } from '../../filter/tag-filter';
import { MASTER_BROKER_ID } from '../../protocol/bodies/topic-route-data';
import { buildPullSysFlag } from '../../protocol/headers/pull-message';
import { queryMessage, viewMessage } from '../broker-admin';
import { MQClientError } from '../client-error';
import { PullApi } from '../consumer/pull-api';
import { subscribeQueuesOf } from '../consumer/subscribe-queues';
import { searchOffset, maxOffset } from '../instance/queue-offsets';
import { sortMessageQueues, type MessageQueue } from '../message-queue';
import type { MQAdmin } from './mq-admin';

/**
 * Finding messages (mqadmin queryMsgById / ByKey / ByUniqueKey / ByOffset, the console's message pages):
 *  - by offset id: the id names the store host and commit-log offset => VIEW_MESSAGE_BY_ID there;
 *  - by key / unique key: QUERY_MESSAGE on every broker of the topic (the index), then the exact-key filter Java
 *    applies (a key must be one of the space-separated KEYS, a unique key must equal UNIQ_KEY);
 *  - by queue offset: a one-message pull;
 *  - by time range: per queue, SEARCH_OFFSET_BY_TIMESTAMP for both ends, then pulls between them, filtered by store
 *    time, a page at a time with a cursor.
 * Pulls use the tools group TOOLS_CONSUMER with the subscription in the request (no heartbeat needed).
 */
export const TOOLS_CONSUMER_GROUP = 'TOOLS_CONSUMER';

export async function viewMessageById(admin: MQAdmin, offsetMsgId: string): Promise<MessageExt> {
  if (!isOffsetMessageId(offsetMsgId)) throw new MQClientError(`'${offsetMsgId}' is not an offset message id (32 or 56 hex characters)`);
  const { storeHost, commitLogOffset } = decodeOffsetMessageId(offsetMsgId);
  return viewMessage(admin.remoting, storeHost, commitLogOffset, admin.timeoutMs);
}

export interface KeyQuery {
  topic: string;
  key: string;
  maxNum?: number;
  beginTimestamp?: number;
  endTimestamp?: number;
}

/** Messages whose KEYS contain `key` (mqadmin queryMsgByKey: maxNum 64, all time). */
export async function queryMessageByKey(admin: MQAdmin, query: KeyQuery): Promise<MessageExt[]> {
  const found = await queryAllBrokers(admin, { ...query, uniqueKey: false });
  return found.filter((message) => (message.keys ?? '').split(KEY_SEPARATOR).includes(query.key));
}

/** Messages whose UNIQ_KEY is `uniqKey` (a retried message shows up once per delivery), oldest first. */
export async function queryMessageByUniqueKey(admin: MQAdmin, topic: string, uniqKey: string): Promise<MessageExt[]> {
  let begin = 0;
  try {
    begin = uniqueIdTimestamp(uniqKey) - 1000;
  } catch {
    begin = 0;
  }
  const found = await queryAllBrokers(admin, { topic, key: uniqKey, maxNum: 32, beginTimestamp: begin, uniqueKey: true });
  return found.filter((message) => message.uniqKey === uniqKey).sort((a, b) => a.storeTimestamp - b.storeTimestamp);
}

async function queryAllBrokers(admin: MQAdmin, query: KeyQuery & { uniqueKey: boolean }): Promise<MessageExt[]> {
  const route = await admin.examineTopicRouteInfo(query.topic);
  const results: MessageExt[] = [];
  for (const data of route.brokerDatas) {
    const addr = data.brokerAddrs[String(MASTER_BROKER_ID)] ?? Object.values(data.brokerAddrs)[0];
    if (!addr) continue;
    const answer = await queryMessage(admin.remoting, addr, {
      topic: query.topic,
      key: query.key,
      maxNum: query.maxNum ?? 64,
      beginTimestamp: query.beginTimestamp ?? 0,
      endTimestamp: query.endTimestamp ?? Number.MAX_SAFE_INTEGER,
      uniqueKey: query.uniqueKey,
    });
    results.push(...answer.messages);
  }
  return results;
}

function pullApiOf(admin: MQAdmin): PullApi {
  return admin.instance.singleton('tools-pull-api', () => new PullApi(admin.instance, TOOLS_CONSUMER_GROUP));
}

/** Up to `maxNums` messages of one queue from `offset` on (no long poll). */
export async function pullMessages(admin: MQAdmin, mq: MessageQueue, offset: number, maxNums: number): Promise<{ messages: MessageExt[]; nextOffset: number }> {
  await admin.examineTopicRouteInfo(mq.topic);
  const result = await pullApiOf(admin).pull({
    mq,
    subscription: buildSubscriptionData(mq.topic, '*'),
    offset,
    maxNums,
    sysFlag: buildPullSysFlag(false, false, true),
    commitOffset: 0,
    suspendTimeoutMs: 0,
    timeoutMs: admin.timeoutMs,
    sendSubscription: true,
  });
  return { messages: result.status === 'FOUND' ? result.messages : [], nextOffset: result.nextBeginOffset };
}

/** The message at one queue offset, or undefined (mqadmin queryMsgByOffset). */
export async function queryMessageByOffset(admin: MQAdmin, mq: MessageQueue, offset: number): Promise<MessageExt | undefined> {
  const { messages } = await pullMessages(admin, mq, offset, 1);
  return messages.find((message) => message.queueOffset === offset);
}

export interface TimeRangeQuery {
  topic: string;
  beginTimestamp: number;
  endTimestamp: number;
  /** Messages per page, default 32. */
  pageSize?: number;
  /** From the previous page; absent for the first. */
  cursor?: string;
}

export interface TimeRangePage {
  messages: MessageExt[];
  /** Pass back for the next page; undefined when every queue has been read up to the end of the range. */
  cursor?: string;
}

interface QueuePosition {
  b: string;
  q: number;
  o: number;
  e: number;
}

/** Messages stored within [begin, end] (store time), queue after queue, a page at a time. */
export async function queryMessagesByTime(admin: MQAdmin, query: TimeRangeQuery): Promise<TimeRangePage> {
  const pageSize = query.pageSize ?? 32;
  const positions = query.cursor ? decodeCursor(query.cursor) : await initialPositions(admin, query);
  const messages: MessageExt[] = [];
  while (positions.length > 0 && messages.length < pageSize) {
    const position = positions[0];
    if (position.o >= position.e) {
      positions.shift();
      continue;
    }
    const mq = { topic: query.topic, brokerName: position.b, queueId: position.q };
    const { messages: batch, nextOffset } = await pullMessages(admin, mq, position.o, Math.min(32, position.e - position.o));
    for (const message of batch) {
      if (message.queueOffset >= position.e) {
        position.o = position.e;
        break;
      }
      if (messages.length >= pageSize) break;
      position.o = message.queueOffset + 1;
      if (message.storeTimestamp >= query.beginTimestamp && message.storeTimestamp <= query.endTimestamp) messages.push(message);
    }
    if (batch.length === 0) position.o = nextOffset > position.o ? nextOffset : position.e;
  }
  const remaining = positions.filter((position) => position.o < position.e);
  return { messages, cursor: remaining.length > 0 ? encodeCursor(remaining) : undefined };
}

async function initialPositions(admin: MQAdmin, query: TimeRangeQuery): Promise<QueuePosition[]> {
  const route = await admin.examineTopicRouteInfo(query.topic);
  const positions: QueuePosition[] = [];
  for (const mq of sortMessageQueues(subscribeQueuesOf(query.topic, route))) {
    const max = await maxOffset(admin.instance, mq);
    const start = await searchOffset(admin.instance, mq, query.beginTimestamp);
    const end = Math.min(max, (await searchOffset(admin.instance, mq, query.endTimestamp)) + 1);
    if (start < end) positions.push({ b: mq.brokerName, q: mq.queueId, o: start, e: end });
  }
  return positions;
}

function encodeCursor(positions: QueuePosition[]): string {
  return Buffer.from(JSON.stringify(positions), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): QueuePosition[] {
  try {
    const positions = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as QueuePosition[];
    if (!Array.isArray(positions)) throw new Error('not a list');
    return positions;
  } catch (error) {
    throw new MQClientError(`bad cursor: ${(error as Error).message}`);
  }
}
