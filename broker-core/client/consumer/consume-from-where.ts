import { isRetryTopic } from '../../common/message/message-const';
import type { ConsumeFromWhere } from '../../protocol/bodies/heartbeat-data';
import type { MessageQueue } from '../message-queue';
import { OFFSET_NOT_FOUND, OFFSET_UNAVAILABLE, type OffsetStore } from './offset-store';

/**
 * Where a newly assigned queue starts (Java `RebalancePushImpl.computePullFromWhereWithException`, spec/semantics.md
 * §10.4). A committed offset always wins; without one (-1):
 *
 *   CONSUME_FROM_LAST_OFFSET (and the deprecated ones)   the queue's max offset (retry topics: 0)
 *   CONSUME_FROM_FIRST_OFFSET                            0 (the broker corrects it to the min via OFFSET_MOVED)
 *   CONSUME_FROM_TIMESTAMP                               SEARCH_OFFSET_BY_TIMESTAMP(consumeTimestamp) (retry: max)
 *
 * An offset store that could not be read (-2) gives -1: the rebalance skips the queue and tries again later.
 * Note the broker answers 0 rather than "none" for a young queue (first message still in memory), so a new group
 * on a young topic starts from the beginning even with LAST_OFFSET, as with Apache RocketMQ.
 */
export interface QueueOffsetLookup {
  maxOffset(mq: MessageQueue): Promise<number>;
  searchOffset(mq: MessageQueue, timestamp: number): Promise<number>;
}

export async function computePullFromWhere(
  mq: MessageQueue,
  consumeFromWhere: ConsumeFromWhere,
  consumeTimestamp: number,
  offsetStore: OffsetStore,
  lookup: QueueOffsetLookup,
): Promise<number> {
  const lastOffset = await offsetStore.readOffset(mq, 'store');
  if (lastOffset >= 0) return lastOffset;
  if (lastOffset === OFFSET_UNAVAILABLE || lastOffset !== OFFSET_NOT_FOUND) return -1;
  switch (consumeFromWhere) {
    case 'CONSUME_FROM_FIRST_OFFSET':
      return 0;
    case 'CONSUME_FROM_TIMESTAMP':
      return isRetryTopic(mq.topic) ? lookup.maxOffset(mq) : lookup.searchOffset(mq, consumeTimestamp);
    default:
      return isRetryTopic(mq.topic) ? 0 : lookup.maxOffset(mq);
  }
}

/** Java's `consumeTimestamp` format `yyyyMMddHHmmss`, local time. */
export function parseConsumeTimestamp(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) throw new Error(`consumeTimestamp '${text}' is not yyyyMMddHHmmss`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(y, mo - 1, d, h, mi, s).getTime();
}

export function formatConsumeTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}
