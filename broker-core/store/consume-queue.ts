import { createLogger } from '../common/logger';
import { readInt64 } from '../common/message/int64';
import { CQ_STORE_UNIT_SIZE, FILLER_UNIT_SIZE, isValidUnit, writeConsumeQueueUnit } from './consume-queue-format';
import type { FileDescriptorPool } from './segment-file';
import { SegmentQueue } from './segment-queue';

const log = createLogger('store');

/**
 * One consume queue (topic, queueId): an index of the queue's messages in the commit log, 20-byte units in
 * fixed-size files (format in consume-queue-format.ts). Offsets in this class are byte positions unless named
 * "queue offset" (= unit index).
 *
 * Units are buffered by `putUnit` during a dispatch round and written by `commit()` in one write per file; they are
 * visible to readers (max offset) only after that write. Only the reput service writes, one round at a time.
 */
export class ConsumeQueue {
  readonly segments: SegmentQueue;
  /** Byte position of the first unit whose message is still in the commit log. */
  minLogicOffset = 0;
  /** End (offset + size) of the newest real unit, committed or pending; -1 when none. */
  maxPhysicOffset = -1;
  private pending = Buffer.alloc(0);
  private pendingLength = 0;
  private pendingStart = -1;

  constructor(
    readonly topic: string,
    readonly queueId: number,
    directory: string,
    readonly fileSize: number,
    pool?: FileDescriptorPool,
  ) {
    this.segments = new SegmentQueue(directory, fileSize, pool);
  }

  /** Next queue offset to be written and visible (count of units ever written). */
  get maxOffsetInQueue(): number {
    return this.segments.last ? this.segments.maxOffset / CQ_STORE_UNIT_SIZE : 0;
  }

  get minOffsetInQueue(): number {
    return this.minLogicOffset / CQ_STORE_UNIT_SIZE;
  }

  private get logicalEnd(): number {
    if (this.pendingLength > 0) return this.pendingStart + this.pendingLength;
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
    this.pendingLength = 0;
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
    const count = first.wrotePosition / CQ_STORE_UNIT_SIZE;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const unit = first.readSync(middle * CQ_STORE_UNIT_SIZE, CQ_STORE_UNIT_SIZE);
      if (unit.readInt32BE(8) === FILLER_UNIT_SIZE || readInt64(unit, 0) < commitLogMinOffset) low = middle + 1;
      else high = middle;
    }
    this.minLogicOffset = first.startOffset + low * CQ_STORE_UNIT_SIZE;
  }

  /** Buffers one unit. Returns false when it was already built (idempotent re-dispatch). */
  putUnit(commitLogOffset: number, size: number, tagsCode: number, queueOffset: number): boolean {
    if (commitLogOffset + size <= this.maxPhysicOffset) return false;
    const expected = queueOffset * CQ_STORE_UNIT_SIZE;
    let end = this.logicalEnd;
    if (end < 0) {
      // First unit ever: the queue may start mid-file (older messages already gone); pad from the file start.
      end = expected - (expected % this.fileSize);
      this.pendingStart = end;
      this.minLogicOffset = expected;
    } else if (this.pendingLength === 0) {
      this.pendingStart = end;
    }
    if (expected < end) return false;
    if (expected > end) {
      log.warn(`consume queue ${this.topic}/${this.queueId}: expected unit at ${expected} but queue ends at ${end}; padding with filler units`);
      for (let position = end; position < expected; position += CQ_STORE_UNIT_SIZE) this.appendPending(0, FILLER_UNIT_SIZE, 0);
    }
    this.appendPending(commitLogOffset, size, tagsCode);
    this.maxPhysicOffset = commitLogOffset + size;
    return true;
  }

  private appendPending(commitLogOffset: number, size: number, tagsCode: number): void {
    if (this.pendingLength + CQ_STORE_UNIT_SIZE > this.pending.length) {
      const grown = Buffer.allocUnsafe(Math.max(CQ_STORE_UNIT_SIZE * 64, this.pending.length * 2));
      this.pending.copy(grown, 0, 0, this.pendingLength);
      this.pending = grown;
    }
    writeConsumeQueueUnit(this.pending, this.pendingLength, commitLogOffset, size, tagsCode);
    this.pendingLength += CQ_STORE_UNIT_SIZE;
  }

  get hasPending(): boolean {
    return this.pendingLength > 0;
  }

  /** Writes the buffered units (one write per file touched); on failure the unwritten part stays buffered. */
  async commit(): Promise<void> {
    while (this.pendingLength > 0) {
      const position = this.pendingStart;
      let segment = this.segments.findByOffset(position);
      if (!segment) segment = this.segments.segmentForAppend(position);
      const inFile = position - segment.startOffset;
      const length = Math.min(this.pendingLength, segment.fileSize - inFile);
      await segment.write([this.pending.subarray(0, length)], inFile);
      segment.wrotePosition = Math.max(segment.wrotePosition, inFile + length);
      this.pending.copy(this.pending, 0, length, this.pendingLength);
      this.pendingLength -= length;
      this.pendingStart += length;
    }
    if (this.pending.length > 64 * 1024) this.pending = Buffer.alloc(0);
  }

  /** Units from `queueOffset` to the end of the readable part of its file, at most `maxBytes`; null if gone. */
  async readUnits(queueOffset: number, maxBytes: number): Promise<Buffer | null> {
    const position = queueOffset * CQ_STORE_UNIT_SIZE;
    const segment = this.segments.findByOffset(position);
    if (!segment || segment.isDeleted) return null;
    const inFile = position - segment.startOffset;
    const length = Math.min(segment.wrotePosition - inFile, maxBytes - (maxBytes % CQ_STORE_UNIT_SIZE));
    if (length <= 0) return null;
    try {
      return await segment.read(inFile, length);
    } catch {
      return null;
    }
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
    this.pendingLength = 0;
    await this.segments.destroyAll();
    this.minLogicOffset = 0;
    this.maxPhysicOffset = -1;
  }

  close(): void {
    this.segments.close();
  }
}
