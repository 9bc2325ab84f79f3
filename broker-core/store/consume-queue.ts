import { createLogger } from '../common/logger';
import { readInt64 } from '../common/message/int64';
import { ConsumeQueueBuffer, WRITE_BEHIND_BYTES } from './consume-queue-buffer';
import { CQ_STORE_UNIT_SIZE, FILLER_UNIT_SIZE, isValidUnit } from './consume-queue-format';
import type { FileDescriptorPool } from './segment-file';
import { SegmentQueue } from './segment-queue';

const log = createLogger('store');

/**
 * One consume queue (topic, queueId): an index of the queue's messages in the commit log, 20-byte units in
 * fixed-size files (format in consume-queue-format.ts). Offsets in this class are byte positions unless named
 * "queue offset" (= unit index).
 *
 * Write-behind: `putUnit` appends to an in-memory buffer (consume-queue-buffer.ts: the units right after the file's
 * written end) and `publish()` at the end of a dispatch round makes them visible; readers consult it for units not in
 * the file yet. `commit()` writes the buffer (one write per file touched) once it holds WRITE_BEHIND_BYTES, spans a
 * file boundary, or when forced (timer, checkpoint, shutdown), so a queue costs one write per ~3 000 units instead of
 * one per dispatch round. Units lost from the buffer in a crash are rebuilt: the dispatch checkpoint is only recorded
 * after a forced commit. Only the reput service writes, one round at a time.
 */

/** What time and offset searches need of a queue file. */
export interface QueueFileView {
  startOffset: number;
  fileSize: number;
  wrotePosition: number;
  lastModifiedMs(): number;
}
export class ConsumeQueue {
  readonly segments: SegmentQueue;
  /** Byte position of the first unit whose message is still in the commit log. */
  minLogicOffset = 0;
  /** End (offset + size) of the newest real unit, committed or pending; -1 when none. */
  maxPhysicOffset = -1;
  private readonly pending = new ConsumeQueueBuffer();

  constructor(
    readonly topic: string,
    readonly queueId: number,
    directory: string,
    readonly fileSize: number,
    pool?: FileDescriptorPool,
  ) {
    this.segments = new SegmentQueue(directory, fileSize, pool);
  }

  /** Next queue offset to be written and visible (count of units ever published). */
  get maxOffsetInQueue(): number {
    return this.visibleEnd / CQ_STORE_UNIT_SIZE;
  }

  /** Byte end of what readers may see: the file's written end plus the published part of the buffer. */
  private get visibleEnd(): number {
    if (this.pending.published > 0) return this.pending.publishedEnd;
    return this.segments.last ? this.segments.maxOffset : 0;
  }

  get minOffsetInQueue(): number {
    return this.minLogicOffset / CQ_STORE_UNIT_SIZE;
  }

  private get logicalEnd(): number {
    if (this.pending.length > 0) return this.pending.end;
    return this.segments.last ? this.segments.maxOffset : -1;
  }

  /** Loads files and finds the end of valid units in the last one (binary search: units are written in order). */
  load(): void {
    this.segments.load();
    const last = this.segments.last;
    if (!last) return;
    let low = 0;
    let high = last.fileSize / CQ_STORE_UNIT_SIZE;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (isValidUnit(last.readSync(middle * CQ_STORE_UNIT_SIZE, CQ_STORE_UNIT_SIZE), 0)) low = middle + 1;
      else high = middle;
    }
    last.wrotePosition = low * CQ_STORE_UNIT_SIZE;
    last.flushedPosition = last.wrotePosition;
    this.maxPhysicOffset = this.readLastPhysicEnd();
  }

  private readLastPhysicEnd(): number {
    for (let i = this.segments.files.length - 1; i >= 0; i--) {
      const file = this.segments.files[i];
      if (file.wrotePosition < CQ_STORE_UNIT_SIZE) continue;
      const unit = file.readSync(file.wrotePosition - CQ_STORE_UNIT_SIZE, CQ_STORE_UNIT_SIZE);
      const size = unit.readInt32BE(8);
      return size === FILLER_UNIT_SIZE ? -1 : readInt64(unit, 0) + size;
    }
    return -1;
  }

  /** Drops units pointing at or past `physicalOffset` (the commit log was cut there). */
  async truncateDirty(physicalOffset: number): Promise<void> {
    this.pending.clear();
    for (;;) {
      const last = this.segments.last;
      if (!last) break;
      const count = last.wrotePosition / CQ_STORE_UNIT_SIZE;
      let low = 0;
      let high = count;
      while (low < high) {
        const middle = Math.floor((low + high) / 2);
        const unit = last.readSync(middle * CQ_STORE_UNIT_SIZE, CQ_STORE_UNIT_SIZE);
        if (unit.readInt32BE(8) === FILLER_UNIT_SIZE || readInt64(unit, 0) < physicalOffset) low = middle + 1;
        else high = middle;
      }
      if (low === 0 && this.segments.files.length > 1) {
        await this.segments.deleteLast();
        continue;
      }
      if (low < count) await this.segments.truncateTo(last.startOffset + low * CQ_STORE_UNIT_SIZE);
      break;
    }
    this.maxPhysicOffset = this.readLastPhysicEnd();
    if (this.minLogicOffset > this.segments.maxOffset) this.minLogicOffset = this.segments.maxOffset;
  }

  /** Recomputes the min offset: first unit of the first file whose message is at or past the commit-log min. */
  correctMinOffset(commitLogMinOffset: number): void {
    const first = this.segments.first;
    if (!first) {
      this.minLogicOffset = 0;
      return;
    }
    const count = this.visibleEndIn(first) / CQ_STORE_UNIT_SIZE;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const [unit, at] = this.unitSync(first.startOffset + middle * CQ_STORE_UNIT_SIZE);
      if (unit.readInt32BE(at + 8) === FILLER_UNIT_SIZE || readInt64(unit, at) < commitLogMinOffset) low = middle + 1;
      else high = middle;
    }
    this.minLogicOffset = first.startOffset + low * CQ_STORE_UNIT_SIZE;
  }

  /** The buffer and position holding the unit at byte `position` (write-behind buffer or the file). */
  private unitSync(position: number): [Buffer, number] {
    if (this.pending.length > 0 && position >= this.pending.start) return [this.pending.view(position, position + CQ_STORE_UNIT_SIZE), 0];
    const segment = this.segments.findByOffset(position)!;
    return [segment.readSync(position - segment.startOffset, CQ_STORE_UNIT_SIZE), 0];
  }

  /** Buffers one unit. Returns false when it was already built (idempotent re-dispatch). */
  putUnit(commitLogOffset: number, size: number, tagsCode: number, queueOffset: number): boolean {
    if (commitLogOffset + size <= this.maxPhysicOffset) return false;
    const expected = queueOffset * CQ_STORE_UNIT_SIZE;
    let end = this.logicalEnd;
    if (end < 0) {
      // First unit ever: the queue may start mid-file (older messages already gone); pad from the file start.
      end = expected - (expected % this.fileSize);
      this.pending.start = end;
      this.minLogicOffset = expected;
    } else if (this.pending.length === 0) {
      this.pending.start = end;
    }
    if (expected < end) return false;
    if (expected > end) {
      log.warn(`consume queue ${this.topic}/${this.queueId}: expected unit at ${expected} but queue ends at ${end}; padding with filler units`);
      for (let position = end; position < expected; position += CQ_STORE_UNIT_SIZE) this.pending.append(0, FILLER_UNIT_SIZE, 0);
    }
    this.pending.append(commitLogOffset, size, tagsCode);
    this.maxPhysicOffset = commitLogOffset + size;
    return true;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Buffered bytes not in the file yet. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  /** Whether `commit()` without force would write now: buffer full, or it reaches into the next file. */
  get shouldWrite(): boolean {
    return this.pending.length >= WRITE_BEHIND_BYTES || this.pending.crossesFile(this.fileSize);
  }

  /** Makes every buffered unit visible to readers (end of a dispatch round). */
  publish(): void {
    this.pending.publish();
  }

  /**
   * Writes the buffered units (one write per file touched) when forced or `shouldWrite`, then publishes. On failure
   * the unwritten part stays buffered (and unpublished units stay unpublished).
   */
  async commit(force = true): Promise<void> {
    if (force || this.shouldWrite) {
      while (this.pending.length > 0) {
        const position = this.pending.start;
        let segment = this.segments.findByOffset(position);
        if (!segment) segment = this.segments.segmentForAppend(position);
        const inFile = position - segment.startOffset;
        const length = Math.min(this.pending.length, segment.fileSize - inFile);
        await segment.write([this.pending.view(position, position + length)], inFile);
        segment.wrotePosition = Math.max(segment.wrotePosition, inFile + length);
        this.pending.consumed(length);
      }
      this.pending.shrinkIfGrown();
    }
    this.publish();
  }

  /** Frees an empty buffer (idle queues should not keep one). */
  releaseBuffer(): void {
    this.pending.release();
  }

  /**
   * Visible units from byte `position` to the end of its file, at most `maxBytes`: the written part from the file,
   * the rest from the write-behind buffer (copied before any await, so a concurrent commit cannot shift it).
   * Null when the file is gone or nothing is visible there.
   */
  private async readVisible(position: number, maxBytes: number): Promise<Buffer | null> {
    const visibleEnd = this.visibleEnd;
    const fileStart = position - (position % this.fileSize);
    const end = Math.min(visibleEnd, fileStart + this.fileSize, position + maxBytes);
    if (end <= position) return null;
    const bufferedFrom = this.pending.published > 0 ? this.pending.start : end;
    let buffered: Buffer | undefined;
    if (end > bufferedFrom) {
      buffered = Buffer.from(this.pending.view(Math.max(position, bufferedFrom), end));
      if (position >= bufferedFrom) return buffered;
    }
    const segment = this.segments.findByOffset(position);
    if (!segment || segment.isDeleted) return null;
    const fileEnd = Math.min(end, bufferedFrom) - segment.startOffset;
    const inFile = position - segment.startOffset;
    if (fileEnd <= inFile) return buffered ?? null;
    try {
      const written = await segment.read(inFile, fileEnd - inFile);
      return buffered ? Buffer.concat([written, buffered]) : written;
    } catch {
      return null;
    }
  }

  /** The unit at byte `position` if visible, else null. */
  readUnitAt(position: number): Promise<Buffer | null> {
    return this.readVisible(position, CQ_STORE_UNIT_SIZE);
  }

  /** Files holding visible units, including one that only the write-behind buffer has reached so far (mtime: now). */
  visibleFiles(): QueueFileView[] {
    const files: QueueFileView[] = [...this.segments.files];
    const end = this.visibleEnd;
    const lastEnd = files.length > 0 ? files[files.length - 1].startOffset + this.fileSize : -1;
    if (this.pending.published > 0 && end > lastEnd) {
      const startOffset = Math.max(lastEnd, this.pending.start - (this.pending.start % this.fileSize));
      files.push({ startOffset, fileSize: this.fileSize, wrotePosition: 0, lastModifiedMs: () => Date.now() });
    }
    return files;
  }

  /** Byte end of the visible units inside `file` (its written part plus buffered units that belong to it). */
  visibleEndIn(file: QueueFileView): number {
    const end = Math.min(this.visibleEnd, file.startOffset + file.fileSize) - file.startOffset;
    return Math.max(file.wrotePosition, end);
  }

  /** Units from `queueOffset` to the end of the readable part of its file, at most `maxBytes`; null if gone. */
  readUnits(queueOffset: number, maxBytes: number): Promise<Buffer | null> {
    return this.readVisible(queueOffset * CQ_STORE_UNIT_SIZE, maxBytes - (maxBytes % CQ_STORE_UNIT_SIZE));
  }

  /** Queue offset of the first unit of the file after the one holding `queueOffset` (upstream `rollNextFile`). */
  nextFileQueueOffset(queueOffset: number): number {
    const unitsPerFile = this.fileSize / CQ_STORE_UNIT_SIZE;
    return queueOffset + unitsPerFile - (queueOffset % unitsPerFile);
  }

  /** Deletes files (never the last) whose last unit points below the commit-log min; returns how many. */
  async deleteExpiredFiles(commitLogMinOffset: number): Promise<number> {
    let count = 0;
    while (count < this.segments.files.length - 1) {
      const file = this.segments.files[count];
      const lastUnit = file.readSync(file.fileSize - CQ_STORE_UNIT_SIZE, CQ_STORE_UNIT_SIZE);
      if (readInt64(lastUnit, 0) >= commitLogMinOffset) break;
      count++;
    }
    if (count > 0) await this.segments.deleteFirst(count);
    this.correctMinOffset(commitLogMinOffset);
    return count;
  }

  /** fdatasync files with unflushed units when at least `leastPages` pages are dirty (0 = any). */
  async flush(leastPages: number): Promise<void> {
    for (const file of this.segments.files) {
      if (file.flushedPosition >= file.wrotePosition) continue;
      const dirtyPages = Math.floor(file.wrotePosition / 4096) - Math.floor(file.flushedPosition / 4096);
      if (leastPages > 0 && dirtyPages < leastPages && !file.isFull) continue;
      await file.flush();
    }
  }

  async destroy(): Promise<void> {
    this.pending.clear();
    await this.segments.destroyAll();
    this.minLogicOffset = 0;
    this.maxPhysicOffset = -1;
  }

  close(): void {
    this.segments.close();
  }
}
