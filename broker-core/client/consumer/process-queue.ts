import type { MessageExt } from '../../common/message/message-ext';

/**
 * The messages pulled from one queue and not yet consumed (Java `ProcessQueue`), kept in queue-offset order.
 *
 * It drives two things: flow control (the pull loop pauses while `count`, `sizeBytes` or `maxSpan` exceed the
 * consumer's thresholds) and the offset to commit, which is the smallest offset still in flight, or one past the
 * highest offset seen once everything is consumed (spec/semantics.md §10.5). A queue is `dropped` when a rebalance
 * gives it away or the broker says its offset moved; in-flight results for it are then not committed.
 *
 * Orderly consumption (consume-orderly.ts, semantics.md §10.6) adds a second area: `takeMessages` moves the oldest
 * messages into the "consuming" set, `commit` forgets them and returns the offset after the last one,
 * `makeMessageToConsumeAgain` / `rollback` put them back in front. The queue also carries its broker lock state.
 */

/** A client treats its own broker lock as stale this long after the last successful (re)lock (Java 30 s). */
export const DEFAULT_LOCK_MAX_LIVE_TIME_MS = 30_000;

export class ProcessQueue {
  /** Offsets in ascending order; `messages` holds the message of each. */
  private readonly offsets: number[] = [];
  private readonly messages = new Map<number, MessageExt>();
  /** Orderly: taken by the running callback, not yet committed (offset -> message). */
  private readonly consuming = new Map<number, MessageExt>();
  private totalSize = 0;
  /** Highest queue offset ever put (Java queueOffsetMax). */
  private queueOffsetMax = -1;
  dropped = false;
  lastPullTimestamp = Date.now();
  lastConsumeTimestamp = Date.now();
  /** Messages the broker still holds behind the last pull (MAX_OFFSET - last offset), for running-info reports. */
  accumulatedCount = 0;
  /** Orderly: the broker lock of this queue is held (as of lastLockTimestamp). */
  locked = false;
  lastLockTimestamp = Date.now();
  /** Orderly: removals refused because a callback was still running. */
  tryUnlockTimes = 0;
  /** Orderly: a consume run is scheduled or running for this queue (Java `consuming`). */
  consumingRun = false;

  /** Cached messages, including those an orderly callback holds. */
  get count(): number {
    return this.offsets.length + this.consuming.size;
  }

  isLockExpired(maxLiveTimeMs = DEFAULT_LOCK_MAX_LIVE_TIME_MS, now = Date.now()): boolean {
    return now - this.lastLockTimestamp > maxLiveTimeMs;
  }

  get sizeBytes(): number {
    return this.totalSize;
  }

  get minOffset(): number | undefined {
    return this.offsets[0];
  }

  get maxOffset(): number | undefined {
    return this.offsets[this.offsets.length - 1];
  }

  /** Distance between the oldest and newest cached offsets (Java getMaxSpan). */
  get maxSpan(): number {
    return this.offsets.length === 0 ? 0 : this.offsets[this.offsets.length - 1] - this.offsets[0];
  }

  /** Adds pulled messages; offsets already present are ignored. Returns how many were new. */
  putMessages(batch: readonly MessageExt[]): number {
    let added = 0;
    for (const message of batch) {
      const offset = message.queueOffset;
      if (this.messages.has(offset) || this.consuming.has(offset)) continue;
      this.messages.set(offset, message);
      this.insertOffset(offset);
      this.totalSize += message.body.length;
      if (offset > this.queueOffsetMax) this.queueOffsetMax = offset;
      added++;
    }
    const last = batch[batch.length - 1];
    const maxOffsetProperty = last?.properties.get('MAX_OFFSET');
    if (last && maxOffsetProperty !== undefined) {
      this.accumulatedCount = Math.max(0, Number(maxOffsetProperty) - last.queueOffset);
    }
    return added;
  }

  /**
   * Removes consumed messages and returns the offset to commit: the smallest offset still cached, or
   * queueOffsetMax + 1 when nothing is left; -1 when nothing was cached (e.g. cleared by a reset meanwhile).
   */
  removeMessages(batch: readonly MessageExt[]): number {
    if (this.offsets.length === 0) return -1;
    this.lastConsumeTimestamp = Date.now();
    for (const message of batch) {
      const cached = this.messages.get(message.queueOffset);
      if (!cached) continue;
      this.messages.delete(message.queueOffset);
      this.removeOffset(message.queueOffset);
      this.totalSize -= cached.body.length;
    }
    return this.offsets.length > 0 ? this.offsets[0] : this.queueOffsetMax + 1;
  }

  /** Drops every cached message (after a reset of the offset); an orderly callback in flight then commits nothing. */
  clear(): void {
    this.offsets.length = 0;
    this.messages.clear();
    this.consuming.clear();
    this.totalSize = 0;
    this.queueOffsetMax = -1;
  }

  /**
   * Orderly: moves up to `batchSize` of the oldest cached messages into the consuming set and returns them in
   * offset order. When nothing is left, the queue's run ends (`consumingRun` = false) so the next pull starts one.
   */
  takeMessages(batchSize: number): MessageExt[] {
    const taken: MessageExt[] = [];
    this.lastConsumeTimestamp = Date.now();
    while (taken.length < batchSize && this.offsets.length > 0) {
      const offset = this.offsets.shift() as number;
      const message = this.messages.get(offset) as MessageExt;
      this.messages.delete(offset);
      this.consuming.set(offset, message);
      taken.push(message);
    }
    if (taken.length === 0) this.consumingRun = false;
    return taken;
  }

  /** Orderly: the consuming set is done; returns the offset after its last message, -1 when it was empty. */
  commit(): number {
    if (this.consuming.size === 0) return -1;
    let last = -1;
    for (const [offset, message] of this.consuming) {
      if (offset > last) last = offset;
      this.totalSize -= message.body.length;
    }
    this.consuming.clear();
    return last + 1;
  }

  /** Orderly: puts these messages back in front of the cache so they are consumed again next. */
  makeMessageToConsumeAgain(batch: readonly MessageExt[]): void {
    for (const message of batch) {
      const offset = message.queueOffset;
      if (!this.consuming.delete(offset)) continue;
      this.messages.set(offset, message);
      this.insertOffset(offset);
    }
  }

  /** Orderly (autoCommit = false): everything taken since the last commit is consumed again. */
  rollback(): void {
    this.makeMessageToConsumeAgain([...this.consuming.values()]);
  }

  /** Orderly: the offsets held by the running callback (running-info's transactionMsg* fields). */
  consumingRange(): { min: number; max: number; count: number } {
    if (this.consuming.size === 0) return { min: 0, max: 0, count: 0 };
    const offsets = [...this.consuming.keys()];
    return { min: Math.min(...offsets), max: Math.max(...offsets), count: offsets.length };
  }

  has(offset: number): boolean {
    return this.messages.has(offset);
  }

  private insertOffset(offset: number): void {
    const offsets = this.offsets;
    if (offsets.length === 0 || offset > offsets[offsets.length - 1]) {
      offsets.push(offset);
      return;
    }
    offsets.splice(this.lowerBound(offset), 0, offset);
  }

  private removeOffset(offset: number): void {
    if (this.offsets[0] === offset) {
      this.offsets.shift();
      return;
    }
    const index = this.lowerBound(offset);
    if (this.offsets[index] === offset) this.offsets.splice(index, 1);
  }

  private lowerBound(offset: number): number {
    let low = 0;
    let high = this.offsets.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.offsets[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
