import { CQ_STORE_UNIT_SIZE, writeConsumeQueueUnit } from './consume-queue-format';

/** Size a buffer starts at; `commit()` of consume-queue.ts writes once this much is buffered. */
export const WRITE_BEHIND_BYTES = 64 * 1024;

/**
 * The write-behind buffer of one consume queue: units that follow the queue file's written end, not in the file yet.
 * `start` is the queue byte position of its first unit; readers see only the first `published` bytes (units
 * dispatched in a finished round). Positions outside this class are queue byte positions, inside it buffer indexes.
 */
export class ConsumeQueueBuffer {
  private buffer = Buffer.alloc(0);
  /** Bytes buffered. */
  length = 0;
  /** Queue byte position of the first buffered unit (-1 before the first unit ever). */
  start = -1;
  /** Bytes readers may see (set by `publish()`). */
  published = 0;

  get end(): number {
    return this.start + this.length;
  }

  get publishedEnd(): number {
    return this.start + this.published;
  }

  append(commitLogOffset: number, size: number, tagsCode: number): void {
    if (this.length + CQ_STORE_UNIT_SIZE > this.buffer.length) {
      // Starts at the write-behind size; grows past it only inside one large dispatch round.
      const grown = Buffer.allocUnsafe(Math.max(WRITE_BEHIND_BYTES, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    writeConsumeQueueUnit(this.buffer, this.length, commitLogOffset, size, tagsCode);
    this.length += CQ_STORE_UNIT_SIZE;
  }

  /** Forgets every buffered unit (the queue is being cut or destroyed). */
  clear(): void {
    this.length = 0;
    this.published = 0;
  }

  publish(): void {
    this.published = this.length;
  }

  /** Whether the buffered units reach into the next queue file. */
  crossesFile(fileSize: number): boolean {
    return this.length > 0 && Math.floor(this.start / fileSize) !== Math.floor((this.end - 1) / fileSize);
  }

  /** A view of the units at queue positions [from, to), which must be buffered; valid until the buffer changes. */
  view(from: number, to: number): Buffer {
    return this.buffer.subarray(from - this.start, to - this.start);
  }

  /** The first `length` bytes were written to the file: drop them and move the start on. */
  consumed(length: number): void {
    this.buffer.copy(this.buffer, 0, length, this.length);
    this.length -= length;
    this.published = Math.max(0, this.published - length);
    this.start += length;
  }

  /** After a commit: gives back a buffer that grew past the write-behind size in a large round. */
  shrinkIfGrown(): void {
    if (this.length === 0 && this.buffer.length > WRITE_BEHIND_BYTES) this.buffer = Buffer.alloc(0);
  }

  /** Frees an empty buffer (idle queues should not keep one). */
  release(): void {
    if (this.length === 0) this.buffer = Buffer.alloc(0);
  }
}
