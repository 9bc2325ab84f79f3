import { createLogger } from '../common/logger';
import {
  decodeIndexHeader,
  encodeIndexHeader,
  entryPosition,
  HASH_SLOT_SIZE,
  INDEX_ENTRY_SIZE,
  INDEX_HEADER_SIZE,
  indexFileSize,
  indexKeyHash,
  readIndexEntry,
  slotPosition,
  writeIndexEntry,
  type IndexHeader,
} from './index-format';
import { pwriteSync } from './file-io';
import { SegmentFile, type FileDescriptorPool } from './segment-file';

const log = createLogger('store');
const SLOT_PAGE = 4096;

/**
 * One index file (format in index-format.ts).
 *
 * The active (newest) file keeps its slot table in memory (20 MB at default geometry), marks dirty 4 KiB slot pages
 * and buffers new entries, written in one write per 256 KiB (`commitEntries`, index-service.ts); queries read the
 * unwritten ones from memory. `persist()` writes the entries and dirty slot pages, then
 * the header, so on disk the header always describes a consistent state; a crash between the two can leave slots
 * pointing at entries past `indexCount`, which `load(..., repair=true)` walks back along their prevIndex chains.
 * Full files are read-only and read positionally; their slot table is not kept in memory.
 */
export class IndexFile {
  header: IndexHeader;
  private slots: Buffer | undefined;
  private dirtyPages: Uint8Array | undefined;
  private pending = Buffer.alloc(0);
  private pendingLength = 0;
  /** Entries [1, writtenCount) are in the file. */
  private writtenCount: number;
  readonly file: SegmentFile;

  private constructor(
    path: string,
    readonly hashSlotNum: number,
    readonly indexNum: number,
    header: IndexHeader,
    pool?: FileDescriptorPool,
  ) {
    this.file = new SegmentFile(path, 0, indexFileSize(hashSlotNum, indexNum), pool);
    this.header = header;
    this.writtenCount = header.indexCount;
  }

  get path(): string {
    return this.file.path;
  }

  static create(path: string, hashSlotNum: number, indexNum: number, seedPhyOffset: number, seedTimestamp: number, pool?: FileDescriptorPool): IndexFile {
    const header = { beginTimestamp: seedTimestamp, endTimestamp: seedTimestamp, beginPhyOffset: seedPhyOffset, endPhyOffset: seedPhyOffset, hashSlotCount: 0, indexCount: 1 };
    SegmentFile.create(path, 0, indexFileSize(hashSlotNum, indexNum), pool);
    const file = new IndexFile(path, hashSlotNum, indexNum, header, pool);
    file.slots = Buffer.alloc(hashSlotNum * HASH_SLOT_SIZE);
    file.dirtyPages = new Uint8Array(Math.ceil(file.slots.length / SLOT_PAGE));
    file.writeHeaderSync();
    return file;
  }

  /** Opens an existing file; `active` loads its slot table, `repair` fixes slots left ahead of the header by a crash. */
  static load(path: string, hashSlotNum: number, indexNum: number, active: boolean, repair: boolean, pool?: FileDescriptorPool): IndexFile {
    const probe = new SegmentFile(path, 0, indexFileSize(hashSlotNum, indexNum), pool);
    const header = decodeIndexHeader(probe.readSync(0, INDEX_HEADER_SIZE));
    probe.close();
    if (header.indexCount < 1) header.indexCount = 1;
    const file = new IndexFile(path, hashSlotNum, indexNum, header, pool);
    if (active) {
      file.slots = file.file.readSync(INDEX_HEADER_SIZE, hashSlotNum * HASH_SLOT_SIZE);
      file.dirtyPages = new Uint8Array(Math.ceil(file.slots.length / SLOT_PAGE));
      if (repair) file.repairSlots();
    }
    return file;
  }

  private repairSlots(): void {
    const slots = this.slots!;
    const count = this.header.indexCount;
    let repaired = 0;
    for (let slot = 0; slot < this.hashSlotNum; slot++) {
      let value = slots.readInt32BE(slot * HASH_SLOT_SIZE);
      if (value < count && value >= 0) continue;
      const seen = new Set<number>();
      while (value >= count || value < 0) {
        if (value < 0 || seen.has(value) || value >= this.indexNum) {
          value = 0;
          break;
        }
        seen.add(value);
        value = readIndexEntry(this.file.readSync(entryPosition(this.hashSlotNum, value), INDEX_ENTRY_SIZE), 0).prevIndex;
      }
      slots.writeInt32BE(value, slot * HASH_SLOT_SIZE);
      this.markDirty(slot);
      repaired++;
    }
    if (repaired > 0) log.warn(`${this.path}: repaired ${repaired} hash slots written after the last header`);
  }

  get isWriteFull(): boolean {
    return this.header.indexCount >= this.indexNum;
  }

  get isActive(): boolean {
    return this.slots !== undefined;
  }

  private markDirty(slot: number): void {
    this.dirtyPages![Math.floor((slot * HASH_SLOT_SIZE) / SLOT_PAGE)] = 1;
  }

  /** Adds one key in memory; false when the file is full. */
  putKey(key: string, phyOffset: number, storeTimestamp: number): boolean {
    if (this.isWriteFull || !this.slots) return false;
    const keyHash = indexKeyHash(key);
    const slot = keyHash % this.hashSlotNum;
    const header = this.header;
    let slotValue = this.slots.readInt32BE(slot * HASH_SLOT_SIZE);
    if (slotValue <= 0 || slotValue > header.indexCount) slotValue = 0;
    let timeDiff = header.beginTimestamp <= 0 ? 0 : Math.trunc((storeTimestamp - header.beginTimestamp) / 1000);
    timeDiff = Math.min(0x7fffffff, Math.max(0, timeDiff));

    if (this.pendingLength + INDEX_ENTRY_SIZE > this.pending.length) {
      const grown = Buffer.allocUnsafe(Math.max(INDEX_ENTRY_SIZE * 256, this.pending.length * 2));
      this.pending.copy(grown, 0, 0, this.pendingLength);
      this.pending = grown;
    }
    writeIndexEntry(this.pending, this.pendingLength, { keyHash, phyOffset, timeDiff, prevIndex: slotValue });
    this.pendingLength += INDEX_ENTRY_SIZE;
    this.slots.writeInt32BE(header.indexCount, slot * HASH_SLOT_SIZE);
    this.markDirty(slot);

    if (header.indexCount <= 1) {
      header.beginPhyOffset = phyOffset;
      header.beginTimestamp = storeTimestamp;
    }
    if (slotValue === 0) header.hashSlotCount++;
    header.indexCount++;
    header.endPhyOffset = phyOffset;
    header.endTimestamp = storeTimestamp;
    return true;
  }

  /** Entry bytes added in memory and not written yet. */
  get pendingEntryBytes(): number {
    return this.pendingLength;
  }

  /** Writes the entries added since the last call (one contiguous write). */
  async commitEntries(): Promise<void> {
    if (this.pendingLength === 0) return;
    const length = this.pendingLength;
    const first = this.writtenCount;
    await this.file.write([this.pending.subarray(0, length)], entryPosition(this.hashSlotNum, first));
    this.pending.copy(this.pending, 0, length, this.pendingLength);
    this.pendingLength -= length;
    this.writtenCount = first + length / INDEX_ENTRY_SIZE;
    if (this.pending.length > 2 * 1024 * 1024) this.pending = Buffer.alloc(0);
  }

  /** Entries, then dirty slot pages (coalesced into runs), then the header. */
  async persist(): Promise<void> {
    await this.commitEntries();
    if (this.slots && this.dirtyPages) {
      const pages = this.dirtyPages;
      for (let page = 0; page < pages.length; page++) {
        if (!pages[page]) continue;
        let end = page;
        while (end + 1 < pages.length && pages[end + 1]) end++;
        const from = page * SLOT_PAGE;
        const to = Math.min(this.slots.length, (end + 1) * SLOT_PAGE);
        pages.fill(0, page, end + 1);
        await this.file.write([Buffer.from(this.slots.subarray(from, to))], INDEX_HEADER_SIZE + from);
        page = end;
      }
    }
    await this.file.write([encodeIndexHeader(this.header)], 0);
  }

  private writeHeaderSync(): void {
    const fd = this.file.acquire();
    try {
      pwriteSync(fd, encodeIndexHeader(this.header), 0);
    } finally {
      this.file.release();
    }
  }

  async sync(): Promise<void> {
    this.file.wrotePosition = this.file.fileSize;
    this.file.flushedPosition = 0;
    await this.file.flush();
  }

  /** Persist, sync and drop the in-memory slot table (the file became full). */
  async retire(): Promise<void> {
    await this.persist();
    await this.sync();
    this.slots = undefined;
    this.dirtyPages = undefined;
  }

  isTimeMatched(begin: number, end: number): boolean {
    const { beginTimestamp, endTimestamp } = this.header;
    return (begin < beginTimestamp && end > endTimestamp) || (begin >= beginTimestamp && begin <= endTimestamp) || (end >= beginTimestamp && end <= endTimestamp);
  }

  private async readSlot(slot: number): Promise<number> {
    if (this.slots) return this.slots.readInt32BE(slot * HASH_SLOT_SIZE);
    return (await this.file.read(slotPosition(slot), HASH_SLOT_SIZE)).readInt32BE(0);
  }

  private async readEntry(index: number): Promise<Buffer> {
    if (index >= this.writtenCount) {
      const at = (index - this.writtenCount) * INDEX_ENTRY_SIZE;
      if (at + INDEX_ENTRY_SIZE <= this.pendingLength) return Buffer.from(this.pending.subarray(at, at + INDEX_ENTRY_SIZE));
    }
    return this.file.read(entryPosition(this.hashSlotNum, index), INDEX_ENTRY_SIZE);
  }

  /** Follows the key's slot chain newest → oldest, collecting offsets whose hash and time match (upstream rules). */
  async selectPhyOffsets(out: number[], key: string, maxNum: number, begin: number, end: number): Promise<void> {
    const keyHash = indexKeyHash(key);
    const slotValue = await this.readSlot(keyHash % this.hashSlotNum);
    if (slotValue <= 0 || slotValue > this.header.indexCount || this.header.indexCount <= 1) return;
    for (let next = slotValue; out.length < maxNum; ) {
      const entry = readIndexEntry(await this.readEntry(next), 0);
      if (entry.timeDiff < 0) break;
      const time = this.header.beginTimestamp + entry.timeDiff * 1000;
      if (entry.keyHash === keyHash && time >= begin && time <= end) out.push(entry.phyOffset);
      if (entry.prevIndex <= 0 || entry.prevIndex > this.header.indexCount || entry.prevIndex === next || time < begin) break;
      next = entry.prevIndex;
    }
  }

  async destroy(): Promise<void> {
    this.slots = undefined;
    await this.file.destroy();
  }

  close(): void {
    this.file.close();
  }
}
