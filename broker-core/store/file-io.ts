import * as fs from 'node:fs';

/**
 * Positional file I/O on raw descriptors. Node has no mmap, so the store reads and writes with pread/pwritev and lets
 * the OS page cache do the caching. The callback API (wrapped here) avoids FileHandle's per-call overhead on the
 * append path.
 */

export function pwritev(fd: number, buffers: Buffer[], position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const total = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
    const step = (pending: Buffer[], at: number, left: number) => {
      fs.writev(fd, pending, at, (error, written) => {
        if (error) return reject(error);
        if (written >= left) return resolve();
        if (written === 0) return reject(new Error('pwritev wrote 0 bytes'));
        step(dropBytes(pending, written), at + written, left - written);
      });
    };
    if (total === 0) resolve();
    else step(buffers, position, total);
  });
}

function dropBytes(buffers: Buffer[], count: number): Buffer[] {
  let skip = count;
  let index = 0;
  while (index < buffers.length && skip >= buffers[index].length) skip -= buffers[index++].length;
  const rest = buffers.slice(index);
  if (skip > 0) rest[0] = rest[0].subarray(skip);
  return rest;
}

/** Reads up to `length` bytes at `position`; shorter only at end of file. */
export function pread(fd: number, length: number, position: number, target?: Buffer): Promise<Buffer> {
  const buffer = target ?? Buffer.allocUnsafe(length);
  return new Promise((resolve, reject) => {
    const step = (done: number) => {
      fs.read(fd, buffer, done, length - done, position + done, (error, bytesRead) => {
        if (error) return reject(error);
        const total = done + bytesRead;
        if (bytesRead === 0 || total >= length) return resolve(total === buffer.length ? buffer : buffer.subarray(0, total));
        step(total);
      });
    };
    if (length === 0) resolve(buffer.subarray(0, 0));
    else step(0);
  });
}

export function preadSync(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const bytesRead = fs.readSync(fd, buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

export function pwriteSync(fd: number, buffer: Buffer, position: number): void {
  let done = 0;
  while (done < buffer.length) done += fs.writeSync(fd, buffer, done, buffer.length - done, position + done);
}

export function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

/** 20-digit zero-padded decimal, the name of every commit-log and consume-queue segment. */
export function offsetToFileName(offset: number): string {
  return String(offset).padStart(20, '0');
}

export function isOffsetFileName(name: string): boolean {
  return /^\d{20}$/.test(name);
}
