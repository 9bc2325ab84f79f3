import { createLogger } from '../common/logger';
import { isPreparedOrRollback } from '../common/message/message-sysflag';
import type { CommitLog } from './commit-log';
import type { CommitLogDispatcher } from './consume-queue-store';
import { checkRecord, type DispatchRequest } from './dispatch-request';
import type { Mutex } from './mutex';

const log = createLogger('store');

/**
 * Reput (spec/store.md §5): reads what the commit log wrote, from `reputFromOffset` on (straight from the commit log's
 * group buffer when the round starts before the next group reuses it), and feeds each record to the dispatchers
 * (consume queues, index). One round = one chunk read + dispatch + one commit per dispatcher, under the
 * derived-data mutex so a checkpoint never sees half a round. `reputFromOffset` advances after the commit, so a
 * message becomes visible to readers (and to the arrival listener) only once its consume-queue unit is written.
 */
const CHUNK_BYTES = 1024 * 1024;

export interface ReputOptions {
  delayLevels: readonly number[];
  onArrived: (requests: DispatchRequest[]) => void;
  onDispatchError: (error: unknown) => void;
  /** A round succeeded after failures. */
  onDispatchRecovered: () => void;
}

export class ReputService {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private caughtUpWaiters: Array<() => void> = [];
  private failing = false;
  /** Reused for every chunk: dispatch copies what it keeps (strings, numbers) out of it. */
  private readonly chunkBuffer = Buffer.allocUnsafe(CHUNK_BYTES);
  /** Largest chunk read in one round (runtime info `dispatchMaxBuffer`). */
  maxChunkRead = 0;

  constructor(
    private readonly commitLog: CommitLog,
    private readonly dispatchers: CommitLogDispatcher[],
    private readonly mutex: Mutex,
    private readonly options: ReputOptions,
    public reputFromOffset: number,
  ) {}

  get behindBytes(): number {
    return Math.max(0, this.commitLog.maxOffset - this.reputFromOffset);
  }

  wakeup(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.again) this.wakeup();
    });
  }

  /** Resolves when everything written so far has been dispatched. */
  waitUntilCaughtUp(): Promise<void> {
    if (this.behindBytes === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      this.caughtUpWaiters.push(resolve);
      this.wakeup();
    });
  }

  private async loop(): Promise<void> {
    this.again = false;
    while (!this.stopped && this.reputFromOffset < this.commitLog.maxOffset) {
      let progressed: boolean;
      try {
        progressed = await this.mutex.run(() => this.round());
        if (this.failing) {
          this.failing = false;
          this.options.onDispatchRecovered();
        }
      } catch (error) {
        log.error('dispatch round failed; retrying in 1 s', error);
        this.failing = true;
        this.options.onDispatchError(error);
        await new Promise((resolve) => setTimeout(resolve, 1000).unref());
        continue;
      }
      if (!progressed) break;
    }
    if (this.behindBytes === 0 || this.stopped) {
      const waiters = this.caughtUpWaiters;
      this.caughtUpWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** One chunk; returns false when nothing could be read yet. */
  private async round(): Promise<boolean> {
    const minOffset = this.commitLog.minOffset;
    if (this.reputFromOffset < minOffset) {
      log.warn(`reput offset ${this.reputFromOffset} is below the commit-log min ${minOffset}; skipping ahead`);
      this.reputFromOffset = minOffset;
    }
    const from = this.reputFromOffset;
    // The bytes of the group just written when they are still at hand (parsed below without an await), else a read.
    let chunk = this.commitLog.recentBytes(from) ?? (await this.commitLog.readChunk(from, CHUNK_BYTES, this.chunkBuffer));
    if (chunk === null) {
      this.reputFromOffset = Math.min(this.commitLog.nextSegmentStart(from), this.commitLog.maxOffset);
      return true;
    }
    if (chunk.length === 0) {
      const segmentEnd = this.commitLog.nextSegmentStart(from);
      if (from % this.commitLog.segmentSize === 0 || this.commitLog.maxOffset < segmentEnd) return false;
      this.reputFromOffset = segmentEnd;
      return true;
    }
    this.maxChunkRead = Math.max(this.maxChunkRead, chunk.length);
    const arrived: DispatchRequest[] = [];
    let position = 0;
    while (position < chunk.length) {
      const check = checkRecord(chunk, position, { checkCRC: false, delayLevels: this.options.delayLevels });
      if (check.kind === 'incomplete') {
        if (position > 0) break;
        const whole = await this.commitLog.read(from, check.size);
        if (!whole) return false;
        chunk = whole;
        continue;
      }
      if (check.kind === 'blank') {
        position += check.size;
        break;
      }
      if (check.kind === 'message' && check.request.commitLogOffset === from + position) {
        for (const dispatcher of this.dispatchers) dispatcher.dispatch(check.request);
        if (!isPreparedOrRollback(check.request.sysFlag)) arrived.push(check.request);
        position += check.size;
        continue;
      }
      // Corrupt data inside the written region: skip the record if its size is usable, else the rest of the chunk.
      const reason = check.kind === 'corrupt' ? check.reason : check.kind === 'end' ? 'zeros' : 'offset field mismatch';
      log.error(`[BUG] corrupt commit-log record at ${from + position} (${reason}); skipping`);
      position += check.kind !== 'end' && check.size > 0 ? check.size : chunk.length - position;
    }
    for (const dispatcher of this.dispatchers) await dispatcher.commit();
    this.reputFromOffset = from + position;
    if (arrived.length > 0) this.options.onArrived(arrived);
    return true;
  }

  /** Stops after the round in progress, without catching up (crash simulation). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Catches up (at most `timeoutMs`, so a failing disk cannot hang shutdown), then stops. */
  async shutdown(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.waitUntilCaughtUp(), timeout]);
    clearTimeout(timer);
    this.stopped = true;
    await this.running;
  }
}
