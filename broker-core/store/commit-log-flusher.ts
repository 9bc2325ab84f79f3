import { createLogger } from '../common/logger';
import type { CommitLog } from './commit-log';
import type { MessageStoreConfig } from './message-store-config';

const log = createLogger('store');

/**
 * Durability of the commit log (spec/store.md §4).
 *
 * ASYNC_FLUSH: a timer every `flushIntervalCommitLog` fdatasyncs when at least `flushCommitLogLeastPages` 4 KiB pages
 * are dirty, and unconditionally every `flushCommitLogThoroughInterval`. Producers are acknowledged after the write.
 *
 * SYNC_FLUSH (group commit): an append that waits registers {end offset, deadline}. One flush loop runs while anyone
 * waits: it snapshots the written end, fdatasyncs, and completes every waiter the snapshot covers, so all appends
 * written before one fdatasync share it. A waiter still pending at its deadline (`syncFlushTimeout`) completes with
 * FLUSH_DISK_TIMEOUT; its message stays stored. Appends with WAIT=false only wake the loop.
 *
 * After each flush `onFlushed(offset, storeTimestamp)` lets the store checkpoint the durable end.
 */
export type FlushOutcome = 'PUT_OK' | 'FLUSH_DISK_TIMEOUT';

interface FlushWaiter {
  nextOffset: number;
  deadline: number;
  resolve: (outcome: FlushOutcome) => void;
}

export class CommitLogFlusher {
  private waiters: FlushWaiter[] = [];
  private loop: Promise<void> | undefined;
  private wakeRequested = false;
  private timer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private lastThoroughFlush = Date.now();
  private flushedOffset: number;
  private stopped = false;

  constructor(
    private readonly commitLog: CommitLog,
    private readonly config: MessageStoreConfig,
    private readonly onFlushed: (offset: number, storeTimestamp: number) => void,
  ) {
    this.flushedOffset = commitLog.maxOffset;
  }

  get flushed(): number {
    return this.flushedOffset;
  }

  get isSync(): boolean {
    return this.config.flushDiskType === 'SYNC_FLUSH';
  }

  start(): void {
    if (this.isSync) return;
    this.timer = setInterval(() => this.asyncTick(), Math.max(1, this.config.flushIntervalCommitLog));
    this.timer.unref();
  }

  private asyncTick(): void {
    const thorough = Date.now() - this.lastThoroughFlush >= this.config.flushCommitLogThoroughInterval;
    const leastPages = thorough ? 0 : this.config.flushCommitLogLeastPages;
    const dirty = this.commitLog.maxOffset > this.flushedOffset;
    if (!dirty || this.commitLog.dirtyPages(this.flushedOffset) < leastPages) return;
    if (thorough) this.lastThoroughFlush = Date.now();
    this.wakeup();
  }

  /** SYNC_FLUSH: resolves once `nextOffset` is durable or the timeout passed. */
  waitForFlush(nextOffset: number): Promise<FlushOutcome> {
    if (nextOffset <= this.flushedOffset) return Promise.resolve('PUT_OK');
    return new Promise((resolve) => {
      this.waiters.push({ nextOffset, deadline: Date.now() + this.config.syncFlushTimeout, resolve });
      this.armDeadline();
      this.wakeup();
    });
  }

  /** Requests a flush of everything written so far without waiting for it. */
  wakeup(): void {
    this.wakeRequested = true;
    if (!this.loop) this.loop = this.runLoop().finally(() => (this.loop = undefined));
  }

  private async runLoop(): Promise<void> {
    while (this.wakeRequested || (this.waiters.length > 0 && this.waiters[this.waiters.length - 1].nextOffset > this.flushedOffset)) {
      this.wakeRequested = false;
      const storeTimestamp = this.commitLog.lastWrittenStoreTimestamp;
      try {
        const offset = await this.commitLog.flush();
        if (offset > this.flushedOffset) {
          this.flushedOffset = offset;
          this.onFlushed(offset, storeTimestamp);
        }
      } catch (error) {
        log.error('commit log flush failed', error);
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (this.stopped) return;
      }
      this.completeCovered();
    }
  }

  private completeCovered(): void {
    if (this.waiters.length === 0) return;
    const still: FlushWaiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.nextOffset <= this.flushedOffset) waiter.resolve('PUT_OK');
      else still.push(waiter);
    }
    this.waiters = still;
    this.armDeadline();
  }

  private armDeadline(): void {
    if (this.deadlineTimer || this.waiters.length === 0) return;
    const delay = Math.max(0, this.waiters[0].deadline - Date.now());
    this.deadlineTimer = setTimeout(() => {
      this.deadlineTimer = undefined;
      const now = Date.now();
      // Waiters are in append order, so deadlines are ascending.
      while (this.waiters.length > 0 && this.waiters[0].deadline <= now) this.waiters.shift()!.resolve('FLUSH_DISK_TIMEOUT');
      this.armDeadline();
    }, delay);
    this.deadlineTimer.unref();
  }

  /** Stops the timer only (crash simulation). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    await this.loop;
  }

  /** Final flush at shutdown (up to 10 attempts, like upstream). */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.loop;
    for (let attempt = 0; attempt < 10 && this.commitLog.maxOffset > this.flushedOffset; attempt++) {
      this.wakeup();
      await this.loop;
    }
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    for (const waiter of this.waiters) waiter.resolve(waiter.nextOffset <= this.flushedOffset ? 'PUT_OK' : 'FLUSH_DISK_TIMEOUT');
    this.waiters = [];
  }
}
