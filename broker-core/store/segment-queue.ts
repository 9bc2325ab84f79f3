import * as fs from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../common/logger';
import { isOffsetFileName, offsetToFileName } from './file-io';
import { defaultDescriptorPool, FileDescriptorPool, SegmentFile } from './segment-file';

const log = createLogger('store');

/**
 * An ordered run of fixed-size segments in one directory, each named by its 20-digit start offset (spec/store.md §2,
 * upstream MappedFileQueue). Offsets are global: segment k covers [start, start + fileSize).
 */
export class SegmentQueue {
  files: SegmentFile[] = [];

  constructor(
    readonly directory: string,
    readonly fileSize: number,
    private readonly pool: FileDescriptorPool = defaultDescriptorPool,
  ) {}

  /**
   * Loads the existing segments with positions = file size (recovery fixes the last). Any segment but the last must
   * have the configured size; a short last segment (cut by a crash or by hand) is re-extended and reported.
   */
  load(): { repairedLast: boolean } {
    let repairedLast = false;
    if (!fs.existsSync(this.directory)) return { repairedLast };
    const names = fs.readdirSync(this.directory).filter(isOffsetFileName).sort();
    names.forEach((name, i) => {
      const path = join(this.directory, name);
      const size = fs.statSync(path).size;
      const isLast = i === names.length - 1;
      if (size !== this.fileSize) {
        if (!isLast || size > this.fileSize) {
          throw new Error(`${path}: length ${size} does not match the configured segment size ${this.fileSize}`);
        }
        log.warn(`${path}: short segment (${size} of ${this.fileSize} bytes), re-extending; its tail will be validated`);
        fs.truncateSync(path, this.fileSize);
        repairedLast = true;
      }
      const file = new SegmentFile(path, Number(name), this.fileSize, this.pool);
      file.wrotePosition = this.fileSize;
      file.flushedPosition = this.fileSize;
      this.files.push(file);
    });
    return { repairedLast };
  }

  get first(): SegmentFile | undefined {
    return this.files[0];
  }

  get last(): SegmentFile | undefined {
    return this.files[this.files.length - 1];
  }

  get minOffset(): number {
    return this.files.length > 0 ? this.files[0].startOffset : 0;
  }

  /** Start of the last segment + what was appended to it. */
  get maxOffset(): number {
    const last = this.last;
    return last ? last.startOffset + last.wrotePosition : 0;
  }

  /** The segment holding `offset`, or undefined when outside [min, last end). */
  findByOffset(offset: number): SegmentFile | undefined {
    const first = this.first;
    if (!first || offset < first.startOffset) return undefined;
    const index = Math.floor(offset / this.fileSize) - Math.floor(first.startOffset / this.fileSize);
    const candidate = this.files[index];
    if (candidate && offset >= candidate.startOffset && offset < candidate.endOffset) return candidate;
    return this.files.find((file) => offset >= file.startOffset && offset < file.endOffset);
  }

  /** Creates the segment starting at `startOffset` and appends it to the queue. */
  create(startOffset: number): SegmentFile {
    fs.mkdirSync(this.directory, { recursive: true });
    const file = SegmentFile.create(join(this.directory, offsetToFileName(startOffset)), startOffset, this.fileSize, this.pool);
    this.files.push(file);
    return file;
  }

  /** The segment to append at `offset` (created when needed; `offset` must be the queue's end or a fresh start). */
  segmentForAppend(offset: number): SegmentFile {
    const last = this.last;
    if (last && !last.isFull) return last;
    const start = last ? last.endOffset : offset - (offset % this.fileSize);
    return this.create(start);
  }

  /**
   * Makes `offset` the end of the queue: later segments are deleted, the one holding it is cut there (its tail turned
   * into a hole so stale bytes can never be mistaken for records) and earlier ones are marked full.
   */
  async truncateTo(offset: number): Promise<void> {
    const keep: SegmentFile[] = [];
    for (const file of this.files) {
      if (file.startOffset > offset) {
        await file.destroy();
        continue;
      }
      keep.push(file);
      if (offset >= file.endOffset) {
        file.wrotePosition = file.fileSize;
        file.flushedPosition = file.fileSize;
      } else {
        const position = offset - file.startOffset;
        if (position < file.fileSize) file.truncateTailSync(position);
        file.flushedPosition = position;
      }
    }
    this.files = keep;
  }

  /** Removes and deletes the first `count` segments. */
  async deleteFirst(count: number): Promise<SegmentFile[]> {
    const removed = this.files.splice(0, count);
    for (const file of removed) await file.destroy();
    return removed;
  }

  async deleteLast(): Promise<void> {
    const last = this.files.pop();
    if (last) await last.destroy();
  }

  async destroyAll(): Promise<void> {
    const files = this.files;
    this.files = [];
    for (const file of files) await file.destroy();
    fs.rmSync(this.directory, { recursive: true, force: true });
  }

  close(): void {
    for (const file of this.files) file.close();
  }
}
