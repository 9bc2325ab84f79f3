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
 * SYNC_FLUSH (group commit): an append that waits registers {end offset, deadline}. A flush snapshots the written end,
 * fdatasyncs, and completes every waiter the snapshot covers, so all appends written before one fdatasync share it.
 * Up to two flushes overlap (the second covering what was written since the first started). A waiter still pending at its deadline (`syncFlushTimeout`) completes with
 * FLUSH_DISK_TIMEOUT; its message stays stored. Appends with WAIT=false only wake the loop.
 *
 * After each flush `onFlushed(offset, storeTimestamp)` lets the store checkpoint the durable end.
 */
export type FlushOutcome = 'PUT_OK' | 'FLUSH_DISK_TIMEOUT';

const MAX_FLUSHES_IN_FLIGHT = 2;

interface FlushWaiter {
  nextOffset: number;
  deadline: number;
  resolve: (outcome: FlushOutcome) => void;
}

export class CommitLogFlusher {
  private waiters: FlushWaiter[] = [];
  private wakeRequested = false;
  private inFlight = 0;
  /** End of the data the newest started flush covers. */
  private requestedOffset: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private idleWaiters: Array<() => void> = [];
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
    this.requestedOffset = this.flushedOffset;
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
    this.pump();
  }

  /**
   * Starts flushes while fewer than MAX_FLUSHES_IN_FLIGHT run and written data is not covered by one already started.
   * A second fdatasync may start while the first runs: appends that arrive meanwhile then wait for about one fdatasync
   * instead of the rest of the current one plus a whole next one.
   */
  private pump(): void {
    while (this.inFlight < MAX_FLUSHES_IN_FLIGHT && !this.retryTimer && this.needsFlush()) this.startFlush();
    if (this.inFlight === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private needsFlush(): boolean {
    if (this.commitLog.maxOffset <= this.requestedOffset) {
      this.wakeRequested = false;
      return false;
    }
    if (this.wakeRequested) return true;
    return this.waiters.length > 0 && this.waiters[this.waiters.length - 1].nextOffset > this.requestedOffset;
  }

  private startFlush(): void {
    this.wakeRequested = false;
    const storeTimestamp = this.commitLog.lastWrittenStoreTimestamp;
    this.requestedOffset = this.commitLog.maxOffset;
    this.inFlight++;
    this.commitLog
      .flush()
      .then(
        (offset) => {
          if (offset > this.flushedOffset) {
            this.flushedOffset = offset;
            this.onFlushed(offset, storeTimestamp);
          }
        },
        (error: unknown) => {
          log.error('commit log flush failed', error);
          if (this.stopped) return; // shutdown retries by itself
          // Try again (after a pause) from what is known to be durable.
          this.requestedOffset = this.flushedOffset;
          this.wakeRequested = true;
          if (!this.retryTimer) {
            this.retryTimer = setTimeout(() => {
              this.retryTimer = undefined;
              this.pump();
            }, 10);
          }
        },
      )
      .finally(() => {
        this.inFlight--;
        this.completeCovered();
        if (this.stopped && this.inFlight === 0 && this.retryTimer) {
          clearTimeout(this.retryTimer);
          this.retryTimer = undefined;
        }
        this.pump();
      });
  }

  /** Resolves when no flush is running. */
  private idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
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
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.idle();
  }

  /** Final flush at shutdown (up to 10 attempts, like upstream). */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
    for (let attempt = 0; attempt < 10 && this.commitLog.maxOffset > this.flushedOffset; attempt++) {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.requestedOffset = Math.min(this.requestedOffset, this.flushedOffset);
      this.wakeup();
      await this.idle();
    }
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    for (const waiter of this.waiters) waiter.resolve(waiter.nextOffset <= this.flushedOffset ? 'PUT_OK' : 'FLUSH_DISK_TIMEOUT');
    this.waiters = [];
  }
}
