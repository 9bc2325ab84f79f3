import { createLogger } from '../common/logger';
import { patchStoredMessage } from '../common/message/stored-message-format';
import { encodeBlankRecord, END_OF_FILE_MIN_BLANK_LENGTH } from './commit-log-format';
import { QueueOffsetTable } from './queue-offset-table';
import { SegmentGoneError, type SegmentFile } from './segment-file';
import type { SegmentQueue } from './segment-queue';

const log = createLogger('store');

/**
 * The commit log: every message of every topic, appended to fixed-size segments (format in commit-log-format.ts).
 * It knows nothing of consume queues or index files; the reput service reads what it wrote.
 *
 * Concurrency rule. Node runs this on one thread, but every `await` lets another caller in, so:
 *  1. `append()` only queues an already-encoded record set; it never touches positions.
 *  2. One drain loop is the single writer. It takes everything queued (up to MAX_GROUP_BYTES), then — with no
 *     `await` in between — stamps the store time, assigns queue offsets and physical offsets, adds blank records at
 *     segment ends, and issues one pwritev per segment touched. Appends that arrive while that write is in flight
 *     form the next group: that is the group commit.
 *  3. `maxOffset` and each segment's `wrotePosition` advance only after the write has completed, so readers (reput,
 *     getMessage, flush) never see bytes that are not in the file yet.
 *  4. A failed write rolls the queue-offset table back, removes a segment created for it and zeroes what it may have
 *     written; nothing past `maxOffset` is ever trusted.
 */
const MAX_GROUP_BYTES = 4 * 1024 * 1024;

export interface AppendRequest {
  records: Buffer[];
  totalBytes: number;
  topic: string;
  queueId: number;
  /** False for PREPARED / ROLLBACK records: queue offset 0 and the table is not advanced. */
  assignQueueOffset: boolean;
}

export type AppendOutcome =
  | { ok: true; wroteOffset: number; wroteBytes: number; queueOffset: number; storeTimestamp: number; physicalOffsets: number[]; pageCacheRT: number }
  | { ok: false; status: 'CREATE_MAPPED_FILE_FAILED' | 'UNKNOWN_ERROR' | 'MESSAGE_ILLEGAL'; remark: string };

interface PendingAppend {
  request: AppendRequest;
  enqueuedAt: number;
  resolve: (outcome: AppendOutcome) => void;
}

interface WriteGroup {
  segment: SegmentFile;
  position: number;
  buffers: Buffer[];
  /** Logical end position in the segment after this group (a blank record counts up to the segment end). */
  endPosition: number;
}

/**
 * Copies each segment's records into one region of a reused staging buffer (a single pwrite per segment is much
 * cheaper than a writev over thousands of small records). Only one group is written at a time, so reuse is safe.
 */
class StagingBuffer {
  private buffer = Buffer.allocUnsafe(MAX_GROUP_BYTES + 64 * 1024);

  stage(groups: Array<{ buffers: Buffer[] }>): Buffer[] {
    let total = 0;
    for (const group of groups) for (const buffer of group.buffers) total += buffer.length;
    if (total > this.buffer.length) this.buffer = Buffer.allocUnsafe(total);
    let position = 0;
    return groups.map((group) => {
      const start = position;
      for (const buffer of group.buffers) position += buffer.copy(this.buffer, position);
      return this.buffer.subarray(start, position);
    });
  }
}

export class CommitLog {
  private pending: PendingAppend[] = [];
  private readonly staging = new StagingBuffer();
  private scheduled = false;
  private draining = false;
  private writtenOffset: number;
  private lastStoreTimestamp = 0;
  /** Start of the current write group, for page-cache-busy detection (0 when idle). */
  beginTimeInLock = 0;
  /** Called after each group write with the new max offset (reput and flush subscribe). */
  onAppended: (maxOffset: number) => void = () => {};

  constructor(
    readonly segments: SegmentQueue,
    private readonly queueOffsets: QueueOffsetTable,
    private readonly clock: () => number,
  ) {
    this.writtenOffset = segments.maxOffset;
  }

  get segmentSize(): number {
    return this.segments.fileSize;
  }

  get minOffset(): number {
    const first = this.segments.files.find((file) => !file.isDeleted);
    return first ? first.startOffset : this.writtenOffset;
  }

  /** End of the appended data (exclusive). */
  get maxOffset(): number {
    return this.writtenOffset;
  }

  /** Store time of the newest record written. */
  get lastWrittenStoreTimestamp(): number {
    return this.lastStoreTimestamp;
  }

  /** Used by recovery after truncation. */
  resetMaxOffset(offset: number, lastStoreTimestamp = 0): void {
    this.writtenOffset = offset;
    this.lastStoreTimestamp = Math.max(this.lastStoreTimestamp, lastStoreTimestamp);
  }

  get isWriting(): boolean {
    return this.draining;
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    if (request.totalBytes + END_OF_FILE_MIN_BLANK_LENGTH > this.segmentSize) {
      return Promise.resolve({ ok: false, status: 'MESSAGE_ILLEGAL', remark: `record of ${request.totalBytes} bytes does not fit a ${this.segmentSize}-byte segment` });
    }
    return new Promise((resolve) => {
      this.pending.push({ request, enqueuedAt: performance.now(), resolve });
      if (!this.draining && !this.scheduled) {
        this.scheduled = true;
        // Let the rest of this event-loop turn queue its appends too, so they share one write.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        let bytes = 0;
        let count = 0;
        while (count < this.pending.length && (count === 0 || bytes + this.pending[count].request.totalBytes <= MAX_GROUP_BYTES)) {
          bytes += this.pending[count].request.totalBytes;
          count++;
        }
        const group = this.pending.splice(0, count);
        await this.writeGroup(group);
      }
    } finally {
      this.draining = false;
      this.beginTimeInLock = 0;
    }
  }

  private async writeGroup(group: PendingAppend[]): Promise<void> {
    this.beginTimeInLock = Date.now();
    const storeTimestamp = Math.max(this.clock(), this.lastStoreTimestamp);
    const undoOffsets = new Map<string, number>();
    const writes: WriteGroup[] = [];
    const created: SegmentFile[] = [];
    const outcomes: AppendOutcome[] = [];
    let failure: AppendOutcome | undefined;

    let segment: SegmentFile;
    try {
      segment = this.currentSegment(created);
    } catch (error) {
      failure = { ok: false, status: 'CREATE_MAPPED_FILE_FAILED', remark: String(error) };
      for (const item of group) item.resolve(failure);
      return;
    }
    let write: WriteGroup = { segment, position: segment.wrotePosition, buffers: [], endPosition: segment.wrotePosition };
    writes.push(write);

    for (const { request: item } of group) {
      if (item.totalBytes + END_OF_FILE_MIN_BLANK_LENGTH > segment.fileSize - write.endPosition) {
        write.buffers.push(encodeBlankRecord(segment.fileSize - write.endPosition));
        write.endPosition = segment.fileSize;
        try {
          segment = this.segments.create(segment.endOffset);
          created.push(segment);
        } catch (error) {
          failure = { ok: false, status: 'CREATE_MAPPED_FILE_FAILED', remark: String(error) };
          break;
        }
        write = { segment, position: 0, buffers: [], endPosition: 0 };
        writes.push(write);
      }
      const key = QueueOffsetTable.key(item.topic, item.queueId);
      const firstQueueOffset = item.assignQueueOffset ? this.queueOffsets.get(key) : 0;
      const wroteOffset = segment.startOffset + write.endPosition;
      const physicalOffsets: number[] = [];
      for (let i = 0; i < item.records.length; i++) {
        const record = item.records[i];
        const physicalOffset = segment.startOffset + write.endPosition;
        patchStoredMessage(record, 0, item.assignQueueOffset ? firstQueueOffset + i : 0, physicalOffset, storeTimestamp);
        physicalOffsets.push(physicalOffset);
        write.buffers.push(record);
        write.endPosition += record.length;
      }
      if (item.assignQueueOffset) {
        if (!undoOffsets.has(key)) undoOffsets.set(key, firstQueueOffset);
        this.queueOffsets.set(key, firstQueueOffset + item.records.length);
      }
      outcomes.push({ ok: true, wroteOffset, wroteBytes: item.totalBytes, queueOffset: firstQueueOffset, storeTimestamp, physicalOffsets, pageCacheRT: 0 });
    }

    if (!failure) {
      try {
        const nonEmpty = writes.filter((w) => w.buffers.length > 0);
        const staged = this.staging.stage(nonEmpty);
        await Promise.all(nonEmpty.map((w, i) => w.segment.write([staged[i]], w.position)));
      } catch (error) {
        log.error('commit log write failed', error);
        failure = { ok: false, status: 'UNKNOWN_ERROR', remark: `commit log write failed: ${(error as Error).message}` };
      }
    }

    if (failure) {
      await this.undoGroup(undoOffsets, writes, created);
      for (const item of group) item.resolve(failure);
      return;
    }

    for (const w of writes) w.segment.wrotePosition = w.endPosition;
    const last = writes[writes.length - 1];
    this.writtenOffset = last.segment.startOffset + last.endPosition;
    this.lastStoreTimestamp = storeTimestamp;
    const now = performance.now();
    for (let i = 0; i < group.length; i++) {
      const outcome = outcomes[i];
      if (outcome.ok) outcome.pageCacheRT = Math.round((now - group[i].enqueuedAt) * 1000);
      group[i].resolve(outcome);
    }
    this.onAppended(this.writtenOffset);
  }

  private currentSegment(created: SegmentFile[]): SegmentFile {
    const last = this.segments.last;
    if (last && !last.isFull) return last;
    const segment = this.segments.create(last ? last.endOffset : this.writtenOffset - (this.writtenOffset % this.segmentSize));
    created.push(segment);
    return segment;
  }

  private async undoGroup(undoOffsets: Map<string, number>, writes: WriteGroup[], created: SegmentFile[]): Promise<void> {
    for (const [key, offset] of undoOffsets) this.queueOffsets.set(key, offset);
    for (const w of writes) {
      if (created.includes(w.segment) || w.buffers.length === 0) continue;
      const length = w.endPosition - w.position;
      try {
        await w.segment.write([Buffer.alloc(Math.min(length, w.segment.fileSize - w.position))], w.position);
      } catch (error) {
        log.warn('could not zero a failed commit-log write', error);
      }
    }
    for (const segment of created) {
      this.segments.files = this.segments.files.filter((file) => file !== segment);
      await segment.destroy().catch(() => undefined);
    }
  }

  /** Reads `size` bytes at `offset` if they lie in written data of one live segment; null otherwise. */
  async read(offset: number, size: number): Promise<Buffer | null> {
    if (offset < 0 || size <= 0 || offset + size > this.writtenOffset) return null;
    const segment = this.segments.findByOffset(offset);
    if (!segment || segment.isDeleted) return null;
    const position = offset - segment.startOffset;
    if (position + size > segment.wrotePosition) return null;
    try {
      const data = await segment.read(position, size);
      return data.length === size ? data : null;
    } catch (error) {
      if (error instanceof SegmentGoneError) return null;
      throw error;
    }
  }

  /** Readable bytes from `offset` to the end of its segment's written data, capped at `maxBytes` (into `target`). */
  async readChunk(offset: number, maxBytes: number, target?: Buffer): Promise<Buffer | null> {
    const segment = this.segments.findByOffset(offset);
    if (!segment || segment.isDeleted) return null;
    const position = offset - segment.startOffset;
    const length = Math.min(maxBytes, segment.wrotePosition - position, this.writtenOffset - offset);
    if (length <= 0) return Buffer.alloc(0);
    try {
      return await segment.read(position, length, target);
    } catch (error) {
      if (error instanceof SegmentGoneError) return null;
      throw error;
    }
  }

  /** Start of the segment after the one holding `offset` (upstream `rollNextFile`). */
  nextSegmentStart(offset: number): number {
    return offset + this.segmentSize - (offset % this.segmentSize);
  }

  /** fdatasync every segment with unflushed bytes; returns the offset now durable. */
  async flush(): Promise<number> {
    const target = this.writtenOffset;
    for (const segment of this.segments.files) {
      if (segment.flushedPosition < segment.wrotePosition && !segment.isDeleted) await segment.flush();
    }
    return target;
  }

  /** Dirty 4 KiB pages not yet flushed (for flushCommitLogLeastPages). */
  dirtyPages(flushedOffset: number): number {
    return Math.floor(this.writtenOffset / 4096) - Math.floor(flushedOffset / 4096);
  }
}
