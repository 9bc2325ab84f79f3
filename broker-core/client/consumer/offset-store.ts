import { messageQueueKey, type MessageQueue } from '../message-queue';

/**
 * Where a consumer keeps its next-offset-to-consume per queue (spec/semantics.md §10.5, Java `OffsetStore`).
 * Clustering consumers keep them on the broker (remote-offset-store.ts), broadcasting consumers in a local file
 * (local-offset-store.ts). Both cache offsets in memory; `persist*` writes them out.
 *
 * `readOffset` answers -1 when no offset exists yet (a new group: consumeFromWhere decides) and -2 when the store
 * could not be asked (the rebalance then skips the queue and tries again later), as upstream.
 */
export type ReadOffsetType = 'memory' | 'store' | 'memory-then-store';

export const OFFSET_NOT_FOUND = -1;
export const OFFSET_UNAVAILABLE = -2;

export interface OffsetStore {
  load(): Promise<void>;
  /** `increaseOnly`: keep the larger of the cached and the new offset (concurrent consumption commits go up only). */
  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void;
  readOffset(mq: MessageQueue, type: ReadOffsetType): Promise<number>;
  /**
   * Writes the offsets of `queues`; cached offsets of other queues are forgotten (Java persistAll). Remote commits
   * are oneway unless `awaitAnswer` (shutdown wants to know they arrived).
   */
  persistAll(queues: readonly MessageQueue[], awaitAnswer?: boolean): Promise<void>;
  persist(mq: MessageQueue): Promise<void>;
  removeOffset(mq: MessageQueue): void;
  /** Cached offsets, optionally of one topic only. */
  cloneOffsetTable(topic?: string): Map<string, { mq: MessageQueue; offset: number }>;
}

/** The in-memory table both stores share. */
export class OffsetTable {
  private readonly offsets = new Map<string, { mq: MessageQueue; offset: number }>();

  get(mq: MessageQueue): number | undefined {
    return this.offsets.get(messageQueueKey(mq))?.offset;
  }

  update(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    const key = messageQueueKey(mq);
    const current = this.offsets.get(key);
    if (current === undefined) this.offsets.set(key, { mq: { topic: mq.topic, brokerName: mq.brokerName, queueId: mq.queueId }, offset });
    else if (!increaseOnly || offset > current.offset) current.offset = offset;
  }

  delete(mq: MessageQueue): void {
    this.offsets.delete(messageQueueKey(mq));
  }

  entries(topic?: string): Array<{ mq: MessageQueue; offset: number }> {
    const result: Array<{ mq: MessageQueue; offset: number }> = [];
    for (const entry of this.offsets.values()) {
      if (topic === undefined || entry.mq.topic === topic) result.push({ mq: entry.mq, offset: entry.offset });
    }
    return result;
  }

  clone(topic?: string): Map<string, { mq: MessageQueue; offset: number }> {
    return new Map(this.entries(topic).map((entry) => [messageQueueKey(entry.mq), entry]));
  }
}
