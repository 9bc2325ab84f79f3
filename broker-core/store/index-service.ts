import * as fs from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../common/logger';
import { KEY_SEPARATOR } from '../common/message/message-const';
import { getTransactionType, MessageSysFlag } from '../common/message/message-sysflag';
import type { CommitLogDispatcher } from './consume-queue-store';
import type { DispatchRequest } from './dispatch-request';
import { IndexFile } from './index-file';
import { indexFileName, indexFileSize, indexKey } from './index-format';
import type { FileDescriptorPool } from './segment-file';

/**
 * The index files under `index/` and the dispatcher that fills them (spec/store.md §7). Keys are `topic#UNIQ_KEY` and
 * `topic#key` for each space-separated token of KEYS; ROLLBACK records are not indexed. A record at or before the
 * active file's endPhyOffset was indexed already (idempotent re-dispatch after recovery).
 */
const log = createLogger('store');
const INDEX_WRITE_BEHIND_BYTES = 256 * 1024;

export interface IndexQueryResult {
  phyOffsets: number[];
  indexLastUpdateTimestamp: number;
  indexLastUpdatePhyoffset: number;
}

export class IndexService implements CommitLogDispatcher {
  files: IndexFile[] = [];
  private retiring: IndexFile[] = [];

  constructor(
    readonly directory: string,
    private readonly hashSlotNum: number,
    private readonly indexNum: number,
    private readonly clock: () => number,
    private readonly pool?: FileDescriptorPool,
  ) {}

  load(abnormalShutdown: boolean): void {
    if (!fs.existsSync(this.directory)) return;
    const names = fs.readdirSync(this.directory).filter((name) => /^\d{17}$/.test(name)).sort();
    names.forEach((name, i) => {
      const path = join(this.directory, name);
      const isLast = i === names.length - 1;
      if (isLast && fs.statSync(path).size < indexFileSize(this.hashSlotNum, this.indexNum)) {
        // Killed while creating it: it holds nothing yet.
        log.warn(`${path}: index file shorter than its geometry (interrupted creation); removing it`);
        fs.rmSync(path, { force: true });
        return;
      }
      const probe = IndexFile.load(path, this.hashSlotNum, this.indexNum, false, false, this.pool);
      const active = isLast && !probe.isWriteFull;
      probe.close();
      this.files.push(active ? IndexFile.load(path, this.hashSlotNum, this.indexNum, true, abnormalShutdown, this.pool) : probe);
    });
    this.lowerEmptyFileSeed();
  }

  /**
   * A file still empty on disk was seeded at roll-over with its predecessor's in-memory end, which a crash may have
   * kept from reaching the predecessor's header (it is written when the old file is retired, after the new one was
   * created). Re-dispatch skips records below the active file's endPhyOffset, so seed it with what the predecessor's
   * header really covers: the records it lost are then indexed into the new file.
   */
  private lowerEmptyFileSeed(): void {
    const last = this.files[this.files.length - 1];
    const previous = this.files[this.files.length - 2];
    if (!last?.isActive || !previous || last.header.indexCount > 1) return;
    const durableEnd = previous.header.endPhyOffset;
    if (durableEnd < last.header.endPhyOffset) {
      log.warn(`${previous.path}: header ends at ${durableEnd}, before ${last.path} starts (${last.header.endPhyOffset}); re-indexing the gap`);
      last.header.endPhyOffset = durableEnd;
      last.header.beginPhyOffset = Math.min(last.header.beginPhyOffset, durableEnd);
    }
  }

  get isEmpty(): boolean {
    return this.files.length === 0;
  }

  private activeFile(): IndexFile {
    const last = this.files[this.files.length - 1];
    if (last && !last.isWriteFull && last.isActive) return last;
    if (last && last.isActive) this.retiring.push(last);
    fs.mkdirSync(this.directory, { recursive: true });
    let now = this.clock();
    const lastName = last ? Number(last.path.slice(-17)) : 0;
    while (Number(indexFileName(now)) <= lastName) now++;
    const file = IndexFile.create(join(this.directory, indexFileName(now)), this.hashSlotNum, this.indexNum, last?.header.endPhyOffset ?? 0, last?.header.endTimestamp ?? 0, this.pool);
    this.files.push(file);
    return file;
  }

  dispatch(request: DispatchRequest): void {
    let file = this.activeFile();
    const { endPhyOffset, indexCount } = file.header;
    if (request.commitLogOffset < endPhyOffset || (request.commitLogOffset === endPhyOffset && indexCount > 1)) return;
    if (getTransactionType(request.sysFlag) === MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) return;
    const put = (key: string) => {
      if (!file.putKey(indexKey(request.topic, key), request.commitLogOffset, request.storeTimestamp)) {
        file = this.activeFile();
        file.putKey(indexKey(request.topic, key), request.commitLogOffset, request.storeTimestamp);
      }
    };
    if (request.uniqKey) put(request.uniqKey);
    if (request.keys) {
      for (const key of request.keys.split(KEY_SEPARATOR)) if (key.length > 0) put(key);
    }
  }

  /**
   * Writes the entries added since the last write once they fill INDEX_WRITE_BEHIND_BYTES (or when forced); queries
   * read unwritten entries from memory. A file that became full is written and synced first.
   */
  async commit(force = false): Promise<void> {
    while (this.retiring.length > 0) {
      await this.retiring[0].retire();
      this.retiring.shift();
    }
    const last = this.files[this.files.length - 1];
    if (last?.isActive && (force || last.pendingEntryBytes >= INDEX_WRITE_BEHIND_BYTES)) await last.commitEntries();
  }

  /** Writes entries, slots and header of the active file. Must not overlap a dispatch round. */
  async persist(): Promise<void> {
    await this.commit(true);
    const last = this.files[this.files.length - 1];
    if (last?.isActive) await last.persist();
  }

  /** fdatasync of the active file (no writes, so it may run beside a dispatch round). */
  async sync(): Promise<void> {
    const last = this.files[this.files.length - 1];
    if (last?.isActive) await last.sync();
  }

  /** Offsets of messages whose key hash matches, newest file first (upstream `queryOffset`). */
  async query(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<IndexQueryResult> {
    const phyOffsets: number[] = [];
    const files = [...this.files];
    const newest = files[files.length - 1];
    for (let i = files.length - 1; i >= 0; i--) {
      const file = files[i];
      if (file.isTimeMatched(begin, end)) await file.selectPhyOffsets(phyOffsets, indexKey(topic, key), maxNum, begin, end);
      if (file.header.beginTimestamp < begin || phyOffsets.length >= maxNum) break;
    }
    return {
      phyOffsets,
      indexLastUpdateTimestamp: newest?.header.endTimestamp ?? 0,
      indexLastUpdatePhyoffset: newest?.header.endPhyOffset ?? 0,
    };
  }

  /** Deletes files (never the newest) whose last indexed message is below the commit-log min. */
  async deleteExpiredFiles(commitLogMinOffset: number): Promise<number> {
    let count = 0;
    while (count < this.files.length - 1 && this.files[count].header.endPhyOffset < commitLogMinOffset) count++;
    const removed = this.files.splice(0, count);
    for (const file of removed) await file.destroy();
    return count;
  }

  async destroyAll(): Promise<void> {
    const files = this.files;
    this.files = [];
    this.retiring = [];
    for (const file of files) await file.destroy();
  }

  close(): void {
    for (const file of this.files) file.close();
  }
}
