import * as fs from 'node:fs';
import { CHECKPOINT_FILE_SIZE, CHECKPOINT_USED_BYTES, decodeCheckpoint, encodeCheckpoint } from './checkpoint-format';
import { pwriteSync } from './file-io';

/** The open `checkpoint` file (layout in checkpoint-format.ts); fields are plain properties written by `write()`. */
export class StoreCheckpoint {
  physicMsgTimestamp = 0;
  logicsMsgTimestamp = 0;
  indexMsgTimestamp = 0;
  /** Undefined when the file is missing or was written without our fields. */
  confirmedPhyOffset: number | undefined;
  dispatchedPhyOffset: number | undefined;
  consumeQueueCount: number | undefined;
  private readonly fd: number;
  /** Bytes 24..39 (5.x fields) as found, written back unchanged. */
  reserved = Buffer.alloc(16);
  /** True when the file did not exist at open. */
  readonly wasMissing: boolean;

  constructor(readonly path: string) {
    this.wasMissing = !fs.existsSync(path);
    this.fd = fs.openSync(path, this.wasMissing ? 'w+' : 'r+');
    if (this.wasMissing) {
      fs.ftruncateSync(this.fd, CHECKPOINT_FILE_SIZE);
      return;
    }
    const page = Buffer.alloc(CHECKPOINT_USED_BYTES);
    fs.readSync(this.fd, page, 0, CHECKPOINT_USED_BYTES, 0);
    Object.assign(this, decodeCheckpoint(page));
  }

  /** Upstream's `minTimestamp`: min(physic, logics) − 3 s, floored at 0. */
  get minTimestamp(): number {
    return Math.max(0, Math.min(this.physicMsgTimestamp, this.logicsMsgTimestamp) - 3000);
  }

  /** Writes the fields (a pwrite into the page cache); `sync` also fdatasyncs. */
  write(sync = false): void {
    pwriteSync(this.fd, encodeCheckpoint(this), 0);
    if (sync) fs.fdatasyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
