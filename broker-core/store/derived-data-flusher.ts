import { createLogger } from '../common/logger';
import type { ConsumeQueueStore } from './consume-queue-store';
import type { IndexService } from './index-service';
import type { MessageStoreConfig } from './message-store-config';
import type { Mutex } from './mutex';
import type { ReputService } from './reput-service';
import type { StoreCheckpoint } from './store-checkpoint';

const log = createLogger('store');

/**
 * Flushing of the derived data and the "dispatched" checkpoint (spec/store.md §4.4, with our checkpoint fields).
 *
 * Every `flushIntervalConsumeQueue` the consume queues' write-behind buffers are written and files with
 * ≥ `flushConsumeQueueLeastPages` dirty pages are fdatasync'ed, as upstream does. A *checkpointing* flush — run when `flushConsumeQueueThoroughInterval` has passed
 * or dispatch moved more than CHECKPOINT_EVERY_BYTES since the last one — takes the dispatch mutex to write the index
 * slots and header and sample the reput offset, then fdatasyncs every consume queue and the index, and only then
 * records that offset as `dispatchedPhyOffset`. Recovery re-dispatches from there, so the bytes replayed after a
 * crash stay bounded by that distance rather than by the store size.
 */
const CHECKPOINT_EVERY_BYTES = 64 * 1024 * 1024;

export class DerivedDataFlusher {
  private timer: NodeJS.Timeout | undefined;
  private lastCheckpointTime = Date.now();
  private running: Promise<void> | undefined;

  constructor(
    private readonly consumeQueues: ConsumeQueueStore,
    private readonly index: IndexService | undefined,
    private readonly reput: ReputService,
    private readonly checkpoint: StoreCheckpoint,
    private readonly mutex: Mutex,
    private readonly config: MessageStoreConfig,
    private readonly lastDispatchedTimestamp: () => number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), Math.max(1, this.config.flushIntervalConsumeQueue));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    const due =
      Date.now() - this.lastCheckpointTime >= this.config.flushConsumeQueueThoroughInterval ||
      this.reput.reputFromOffset - (this.checkpoint.dispatchedPhyOffset ?? 0) >= CHECKPOINT_EVERY_BYTES;
    this.running = (due ? this.checkpointNow() : this.writeAndFlush())
      .catch((error) => log.error('consume queue flush failed', error))
      .finally(() => (this.running = undefined));
    await this.running;
  }

  /** Writes the consume queues' write-behind buffers, then fdatasyncs files with enough dirty pages. */
  private async writeAndFlush(): Promise<void> {
    await this.mutex.run(() => this.consumeQueues.commit(true));
    await this.consumeQueues.flush(this.config.flushConsumeQueueLeastPages);
  }

  /** Makes everything dispatched so far durable and records it in the checkpoint. */
  async checkpointNow(): Promise<void> {
    const sample = await this.mutex.run(async () => {
      await this.consumeQueues.commit(true);
      if (this.index) await this.index.persist();
      return {
        dispatched: this.reput.reputFromOffset,
        timestamp: this.lastDispatchedTimestamp(),
        queueCount: this.consumeQueues.storedQueueCount,
      };
    });
    await this.consumeQueues.flush(0);
    if (this.index) await this.index.sync();
    this.lastCheckpointTime = Date.now();
    this.checkpoint.dispatchedPhyOffset = sample.dispatched;
    this.checkpoint.consumeQueueCount = sample.queueCount;
    if (sample.timestamp > 0) this.checkpoint.logicsMsgTimestamp = sample.timestamp;
    this.checkpoint.write(true);
  }

  /** Stops the timer and waits for a flush in progress, without checkpointing (crash simulation). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.checkpointNow();
  }
}
