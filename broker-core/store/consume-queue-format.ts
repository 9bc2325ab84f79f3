import { readInt64, writeInt64 } from '../common/message/int64';

/**
 * Consume-queue unit (spec/store.md §6.1), 20 bytes, big-endian:
 *
 *   0                     8              12                    20
 *   +---------------------+--------------+---------------------+
 *   | commit-log offset   | message size | tags code           |
 *   | (int64)             | (int32)      | (int64)             |
 *   +---------------------+--------------+---------------------+
 *
 * Unit i (queue offset i) lives at byte i×20 of the queue's concatenated files; files are named by the 20-digit byte
 * offset of their first unit (`consumequeue/<topic>/<queueId>/<name>`), default 300 000 units = 6 000 000 bytes.
 * A filler unit {0, Integer.MAX_VALUE, 0} pads a queue whose first file starts before its first real unit.
 * Unwritten units are zeros; a unit is valid when offset ≥ 0 and size > 0.
 */
export const CQ_STORE_UNIT_SIZE = 20;
export const FILLER_UNIT_SIZE = 0x7fffffff;

export const ConsumeQueueUnitOffset = {
  COMMIT_LOG_OFFSET: 0,
  SIZE: 8,
  TAGS_CODE: 12,
} as const;

export interface ConsumeQueueUnit {
  commitLogOffset: number;
  size: number;
  tagsCode: number;
}

export function writeConsumeQueueUnit(target: Buffer, position: number, commitLogOffset: number, size: number, tagsCode: number): void {
  writeInt64(target, commitLogOffset, position);
  target.writeInt32BE(size, position + 8);
  writeInt64(target, tagsCode, position + 12);
}

export function encodeConsumeQueueUnit(unit: ConsumeQueueUnit): Buffer {
  const buffer = Buffer.allocUnsafe(CQ_STORE_UNIT_SIZE);
  writeConsumeQueueUnit(buffer, 0, unit.commitLogOffset, unit.size, unit.tagsCode);
  return buffer;
}

export function readConsumeQueueUnit(source: Buffer, position: number): ConsumeQueueUnit {
  return {
    commitLogOffset: readInt64(source, position),
    size: source.readInt32BE(position + 8),
    tagsCode: readInt64(source, position + 12),
  };
}

export function isValidUnit(source: Buffer, position: number): boolean {
  return readInt64(source, position) >= 0 && source.readInt32BE(position + 8) > 0;
}
