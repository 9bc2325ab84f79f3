import * as fs from 'node:fs';
import { resolve } from 'node:path';
import { isProcessAlive } from '../common/process-alive';

/**
 * The `lock` file that keeps two stores off one directory (spec/store.md §8). Upstream takes an fcntl lock on it;
 * Node has no file-lock API, so the file holds the owner's pid instead: an open fails while that pid is alive, and a
 * stale file (owner dead, or written by a Java broker) is taken over. Within one process a registry refuses a second
 * open of the same directory. Removed at shutdown.
 */
export class StoreLockedError extends Error {
  constructor(path: string, owner: string) {
    super(`store ${path} is locked by ${owner} (MQ already started?)`);
    this.name = 'StoreLockedError';
  }
}

const heldInThisProcess = new Set<string>();

export class StoreLock {
  private released = false;

  private constructor(readonly path: string) {}

  static acquire(path: string): StoreLock {
    const key = resolve(path);
    if (heldInThisProcess.has(key)) throw new StoreLockedError(path, 'this process');
    try {
      fs.writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isProcessAlive(owner)) {
        throw new StoreLockedError(path, `pid ${owner}`);
      }
      fs.writeFileSync(path, `${process.pid}\n`);
    }
    heldInThisProcess.add(key);
    return new StoreLock(path);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    heldInThisProcess.delete(resolve(this.path));
    fs.rmSync(this.path, { force: true });
  }
}
