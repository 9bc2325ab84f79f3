import * as fs from 'node:fs';
import { fdatasync, pread, preadSync, pwriteSync, pwritev } from './file-io';

/**
 * One fixed-size segment (commit-log or consume-queue file), the counterpart of upstream's MappedFile without the
 * mapping: positions plus a lazily opened descriptor.
 *
 * Descriptor rule: an fd is used only between `acquire()` and `release()`. The shared pool closes idle descriptors
 * beyond its cap (least recently used first) and never one in use, and `destroy()` waits for users to leave before it
 * closes and unlinks, so a descriptor number is never reused under a read that is still queued in the thread pool.
 */

/** Source of zero-fill writes, shared (never written to). */
const ZEROS = Buffer.alloc(1024 * 1024);

export class SegmentGoneError extends Error {
  constructor(path: string) {
    super(`segment ${path} has been deleted`);
    this.name = 'SegmentGoneError';
  }
}

export class FileDescriptorPool {
  private readonly open = new Map<SegmentFile, true>();
  constructor(readonly maxOpen = 1000) {}

  touch(file: SegmentFile): void {
    this.open.delete(file);
    this.open.set(file, true);
    if (this.open.size > this.maxOpen) this.evict();
  }

  forget(file: SegmentFile): void {
    this.open.delete(file);
  }

  get size(): number {
    return this.open.size;
  }

  private evict(): void {
    for (const file of this.open.keys()) {
      if (this.open.size <= this.maxOpen) return;
      if (file.closeIfIdle()) this.open.delete(file);
    }
  }
}

export const defaultDescriptorPool = new FileDescriptorPool();

export class SegmentFile {
  /** Bytes appended (readable limit). */
  wrotePosition = 0;
  /** Bytes known to be on disk (fdatasync'ed). */
  flushedPosition = 0;
  private fd = -1;
  private users = 0;
  private deleted = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly path: string,
    readonly startOffset: number,
    readonly fileSize: number,
    private readonly pool: FileDescriptorPool = defaultDescriptorPool,
  ) {}

  /** Creates the file at its full size (sparse: unwritten bytes read as zeros). */
  static create(path: string, startOffset: number, fileSize: number, pool?: FileDescriptorPool): SegmentFile {
    const fd = fs.openSync(path, 'wx+');
    try {
      fs.ftruncateSync(fd, fileSize);
    } finally {
      fs.closeSync(fd);
    }
    return new SegmentFile(path, startOffset, fileSize, pool);
  }

  get endOffset(): number {
    return this.startOffset + this.fileSize;
  }

  get isFull(): boolean {
    return this.wrotePosition >= this.fileSize;
  }

  get isDeleted(): boolean {
    return this.deleted;
  }

  acquire(): number {
    if (this.deleted) throw new SegmentGoneError(this.path);
    if (this.fd < 0) this.fd = fs.openSync(this.path, 'r+');
    this.users++;
    this.pool.touch(this);
    return this.fd;
  }

  release(): void {
    this.users--;
    if (this.users === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Called by the pool: closes the descriptor if nobody uses it. */
  closeIfIdle(): boolean {
    if (this.users > 0) return false;
    if (this.fd >= 0) {
      fs.closeSync(this.fd);
      this.fd = -1;
    }
    return true;
  }

  /** Reads into `target` when given (it must hold `length` bytes), else into a new buffer. */
  async read(position: number, length: number, target?: Buffer): Promise<Buffer> {
    const fd = this.acquire();
    try {
      return await pread(fd, length, position, target);
    } finally {
      this.release();
    }
  }

  readSync(position: number, length: number): Buffer {
    const fd = this.acquire();
    try {
      return preadSync(fd, length, position);
    } finally {
      this.release();
    }
  }

  async write(buffers: Buffer[], position: number): Promise<void> {
    const fd = this.acquire();
    try {
      await pwritev(fd, buffers, position);
    } finally {
      this.release();
    }
  }

  /**
   * Writes zeros over [position, position + length) and fdatasyncs them, so later writes there need no block
   * allocation (commit-log-warmer.ts). Leaves `flushedPosition` alone: it is about data, not zeros.
   */
  async zeroFill(position: number, length: number): Promise<void> {
    const buffers: Buffer[] = [];
    for (let left = length; left > 0; left -= ZEROS.length) buffers.push(left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left));
    const fd = this.acquire();
    try {
      await pwritev(fd, buffers, position);
      await fdatasync(fd);
    } finally {
      this.release();
    }
  }

  /** A pwrite on this thread (into the page cache; see commit-log.ts for why the append path uses it). */
  writeSync(buffer: Buffer, position: number): void {
    const fd = this.acquire();
    try {
      pwriteSync(fd, buffer, position);
    } finally {
      this.release();
    }
  }

  /** fdatasync everything written so far; returns the position it covers. */
  async flush(): Promise<number> {
    const target = this.wrotePosition;
    if (target <= this.flushedPosition) return this.flushedPosition;
    const fd = this.acquire();
    try {
      await fdatasync(fd);
    } finally {
      this.release();
    }
    if (target > this.flushedPosition) this.flushedPosition = target;
    return target;
  }

  /** Cuts the file back to `position` and re-extends it, so everything after reads as zeros (a hole). */
  truncateTailSync(position: number): void {
    const fd = this.acquire();
    try {
      fs.ftruncateSync(fd, position);
      fs.ftruncateSync(fd, this.fileSize);
    } finally {
      this.release();
    }
    this.wrotePosition = position;
    this.flushedPosition = Math.min(this.flushedPosition, position);
  }

  lastModifiedMs(): number {
    try {
      return fs.statSync(this.path).mtimeMs;
    } catch {
      return 0;
    }
  }

  /** Marks the file gone, waits for current users, then closes and unlinks it. */
  async destroy(): Promise<void> {
    this.deleted = true;
    if (this.users > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.closeIfIdle();
    this.pool.forget(this);
    fs.rmSync(this.path, { force: true });
  }

  close(): void {
    this.closeIfIdle();
    this.pool.forget(this);
  }
}
