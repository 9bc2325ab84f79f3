import { pullMessages } from '../../../broker-core/client/admin/message-queries';
import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import type { MessageQueue } from '../../../broker-core/client/message-queue';

/**
 * Lag in time: how long ago the oldest message a group has not consumed was stored. That message sits at the
 * group's consumer offset of each lagging queue; its store time is read with a one-message pull and remembered per
 * (queue, offset), since a stored message never changes: a stuck group costs no pulls on later refreshes, a moving
 * one a pull per lagging queue whose offset moved. The memory is bounded (cleared when it grows past the limit).
 */
const MAX_REMEMBERED = 20_000;

export class UnconsumedStoreTimes {
  private readonly known = new Map<string, number | null>();

  /**
   * Store time of the message at `offset` of `mq`, or null when there is none to read (deleted by retention, or the
   * offset is past the end).
   */
  async storeTimeAt(admin: MQAdmin, mq: MessageQueue, offset: number): Promise<number | null> {
    const key = `${mq.brokerName}\u0000${mq.topic}\u0000${mq.queueId}\u0000${offset}`;
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    const { messages, nextOffset } = await pullMessages(admin, mq, offset, 1);
    const first = messages[0];
    if (!first && nextOffset > offset) {
      // The offset was deleted by retention: the oldest unconsumed message is the queue's first. Not remembered,
      // because retention moves that first message on.
      const retry = await pullMessages(admin, mq, nextOffset, 1);
      return retry.messages[0]?.storeTimestamp ?? null;
    }
    const storeTime = first ? first.storeTimestamp : null;
    // An empty answer may be a message not yet readable; only a found message is remembered for good.
    if (storeTime !== null) {
      if (this.known.size >= MAX_REMEMBERED) this.known.clear();
      this.known.set(key, storeTime);
    }
    return storeTime;
  }

  /** Seconds behind for one queue (null when nothing is behind or the message cannot be read). */
  async queueLagSeconds(admin: MQAdmin, mq: MessageQueue, consumerOffset: number, brokerOffset: number, now: number): Promise<number | null> {
    if (brokerOffset <= consumerOffset) return null;
    const storeTime = await this.storeTimeAt(admin, mq, Math.max(0, consumerOffset));
    return storeTime === null ? null : Math.max(0, (now - storeTime) / 1000);
  }
}

/** The worst (largest) of several queues' lags; null when none is behind. */
export function worstLag(lags: ReadonlyArray<number | null>): number | null {
  let worst: number | null = null;
  for (const lag of lags) if (lag !== null && (worst === null || lag > worst)) worst = lag;
  return worst;
}
