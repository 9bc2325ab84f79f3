import { createLogger } from '../common/logger';
import type { MessageStoreConfig } from './message-store-config';
import type { SegmentQueue } from './segment-queue';

const log = createLogger('store');

/** Largest warming step: 16 MiB steps (upstream's 4096 pages) held the disk ~50 ms each and cut SYNC_FLUSH by 18%. */
const MAX_CHUNK_BYTES = 1024 * 1024;

/** Bytes per warming step: `flushLeastPagesWhenWarmMapedFile` pages of 4 KiB, at most 1 MiB. */
export function warmingChunkBytes(config: Pick<MessageStoreConfig, 'flushLeastPagesWhenWarmMapedFile'>): number {
  return Math.min(MAX_CHUNK_BYTES, config.flushLeastPagesWhenWarmMapedFile * 4096);
}

/**
 * Zero-fills the commit log ahead of its write position (upstream `warmMapedFileEnable`, which pre-touches each new
 * mapped file whole; here a moving window, so opening a segment costs nothing).
 *
 * Why: segments are created sparse. On ext4 an fdatasync after writing into a hole must also commit the block
 * allocation to the journal; into blocks already written (and synced) it only writes the data. Measured on this
 * machine: a 64 KiB write + fdatasync 0.25 ms into a hole, 0.16 ms into zero-filled blocks. Warming competes with
 * those fdatasyncs for the disk, so the net gain is smaller: +13% to +32% SYNC_FLUSH throughput with 64 appenders
 * (medians of 5 and 3 runs, BENCHMARKS.md). The price is writing each byte of the log twice, so it is opt-in, as
 * upstream.
 *
 * Safety rule: a zero write never covers bytes the writer has written or is writing. A chunk starts past the written
 * end at the moment it starts, chunks start only right after a group write, and before writing a group that reaches
 * into a chunk in flight the writer awaits `clearOf()` (and asks again: see `poke`).
 */
export class CommitLogWarmer {
  /** End of the last zero-filled (and synced) chunk, a global commit-log offset. */
  private warmedTo: number;
  private inFlight: { start: number; done: Promise<void> } | undefined;
  private stopped = false;
  private failed = false;

  constructor(
    private readonly segments: SegmentQueue,
    private readonly writtenEnd: () => number,
    /** Bytes zero-filled per write + fdatasync (`warmingChunkBytes`). */
    private readonly chunkBytes: number,
  ) {
    this.warmedTo = writtenEnd();
  }

  /**
   * Keeps up to two chunks warmed ahead of the written end. Called only right after a group write (and at start), never
   * from a chunk's completion: a chunk started while the writer awaits `clearOf()` could land where that writer's
   * group is about to go. A warmer that fell behind restarts one chunk past the written end, so the writer's next
   * groups do not meet the chunk in flight.
   */
  poke(): void {
    if (this.inFlight || this.stopped || this.failed) return;
    const written = this.writtenEnd();
    const start = this.warmedTo >= written + this.chunkBytes ? this.warmedTo : written + this.chunkBytes;
    if (start - written > 2 * this.chunkBytes) return;
    // Only the segment being written: the next one does not exist until the writer rolls into it.
    const segment = this.segments.findByOffset(start);
    if (!segment || segment.isDeleted) return;
    const position = start - segment.startOffset;
    const length = Math.min(this.chunkBytes, segment.fileSize - position);
    if (length <= 0) return;
    const done = segment.zeroFill(position, length).then(
      () => {
        this.warmedTo = start + length;
      },
      (error: unknown) => {
        // Warming is an optimisation: stop trying rather than fight a failing disk.
        this.failed = true;
        log.warn('zero-filling the commit log ahead of the writer failed; warming stops', error);
      },
    );
    this.inFlight = { start, done };
    void done.finally(() => {
      this.inFlight = undefined;
    });
  }

  /** A promise to await before writing bytes below `end`, when a zero write in flight reaches below it. */
  clearOf(end: number): Promise<void> | undefined {
    return this.inFlight && this.inFlight.start < end ? this.inFlight.done : undefined;
  }

  /** Stops warming; resolves once no zero write is in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.inFlight?.done;
  }
}
