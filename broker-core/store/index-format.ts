import { javaStringHashCode } from '../common/java-hash';
import { readInt64, writeInt64 } from '../common/message/int64';

/**
 * Index file (spec/store.md §7, upstream IndexFile), named by creation time `yyyyMMddHHmmssSSS` (local):
 *
 *   0                 40                               40 + slots×4                        40 + slots×4 + num×20
 *   +-----------------+--------------------------------+-----------------------------------+
 *   | header (40 B)   | hash slots: int32 × maxHashSlot| entries: 20 B × maxIndexNum        |
 *   +-----------------+--------------------------------+-----------------------------------+
 *
 *   header: 0 beginTimestamp i64 | 8 endTimestamp i64 | 16 beginPhyOffset i64 | 24 endPhyOffset i64 |
 *           32 hashSlotCount i32 | 36 indexCount i32 (starts at 1: entry 0 is never used, 0 means "none")
 *   slot:   index of the newest entry whose key hashes to the slot (0 = empty)
 *   entry:  0 keyHash i32 (≥ 0) | 4 phyOffset i64 | 12 timeDiff i32 (seconds since beginTimestamp) |
 *           16 prevIndex i32 (previous entry of the same slot, 0 = end of chain)
 *
 * Default geometry (5 000 000 slots, 20 000 000 entries) makes a 420 000 040-byte file; it is created sparse and
 * written positionally.
 */
export const INDEX_HEADER_SIZE = 40;
export const HASH_SLOT_SIZE = 4;
export const INDEX_ENTRY_SIZE = 20;

export interface IndexHeader {
  beginTimestamp: number;
  endTimestamp: number;
  beginPhyOffset: number;
  endPhyOffset: number;
  hashSlotCount: number;
  indexCount: number;
}

export function indexFileSize(hashSlotNum: number, indexNum: number): number {
  return INDEX_HEADER_SIZE + hashSlotNum * HASH_SLOT_SIZE + indexNum * INDEX_ENTRY_SIZE;
}

export function slotPosition(slot: number): number {
  return INDEX_HEADER_SIZE + slot * HASH_SLOT_SIZE;
}

export function entryPosition(hashSlotNum: number, index: number): number {
  return INDEX_HEADER_SIZE + hashSlotNum * HASH_SLOT_SIZE + index * INDEX_ENTRY_SIZE;
}

/** |String.hashCode(key)|, with Integer.MIN_VALUE mapped to 0 (Java `indexKeyHashMethod`). */
export function indexKeyHash(key: string): number {
  const hash = Math.abs(javaStringHashCode(key));
  return hash > 0x7fffffff ? 0 : hash;
}

export function indexKey(topic: string, key: string): string {
  return `${topic}#${key}`;
}

export function encodeIndexHeader(header: IndexHeader): Buffer {
  const buffer = Buffer.alloc(INDEX_HEADER_SIZE);
  writeInt64(buffer, header.beginTimestamp, 0);
  writeInt64(buffer, header.endTimestamp, 8);
  writeInt64(buffer, header.beginPhyOffset, 16);
  writeInt64(buffer, header.endPhyOffset, 24);
  buffer.writeInt32BE(header.hashSlotCount, 32);
  buffer.writeInt32BE(header.indexCount, 36);
  return buffer;
}

export function decodeIndexHeader(buffer: Buffer): IndexHeader {
  return {
    beginTimestamp: readInt64(buffer, 0),
    endTimestamp: readInt64(buffer, 8),
    beginPhyOffset: readInt64(buffer, 16),
    endPhyOffset: readInt64(buffer, 24),
    hashSlotCount: buffer.readInt32BE(32),
    indexCount: buffer.readInt32BE(36),
  };
}

export interface IndexEntry {
  keyHash: number;
  phyOffset: number;
  timeDiff: number;
  prevIndex: number;
}

export function writeIndexEntry(target: Buffer, position: number, entry: IndexEntry): void {
  target.writeInt32BE(entry.keyHash, position);
  writeInt64(target, entry.phyOffset, position + 4);
  target.writeInt32BE(entry.timeDiff, position + 12);
  target.writeInt32BE(entry.prevIndex, position + 16);
}

export function readIndexEntry(source: Buffer, position: number): IndexEntry {
  return {
    keyHash: source.readInt32BE(position),
    phyOffset: readInt64(source, position + 4),
    timeDiff: source.readInt32BE(position + 12),
    prevIndex: source.readInt32BE(position + 16),
  };
}

/** `yyyyMMddHHmmssSSS` in local time, the name of a new index file. */
export function indexFileName(epochMillis: number): string {
  const d = new Date(epochMillis);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}${pad(d.getMilliseconds(), 3)}`;
}
