import { readInt64, writeInt64 } from '../common/message/int64';

/**
 * The `checkpoint` file (spec/store.md §8): one 4 KiB page, big-endian.
 *
 *   0   physicMsgTimestamp  i64   store time of the last flushed commit-log message        (upstream)
 *   8   logicsMsgTimestamp  i64   store time of the last message in flushed consume queues (upstream)
 *   16  indexMsgTimestamp   i64   end time of the last full index file                     (upstream)
 *   24  masterFlushedOffset i64   5.x controller mode, left untouched
 *   32  confirmPhyOffset    i64   5.x controller mode, left untouched
 *   40  confirmedPhyOffset  i64   ours: commit log fdatasync'ed and valid up to here
 *   48  dispatchedPhyOffset i64   ours: consume queues and index durably built up to here
 *   56  consumeQueueCount   i64   ours: queues with files when dispatchedPhyOffset was recorded
 *   64  marker "RMQ-TS01"         ours: bytes 40..63 are meaningful (absent in files written by Java brokers)
 *
 * Java brokers read only the first 24 bytes, so the file stays usable by them.
 */

export const CHECKPOINT_FILE_SIZE = 4096;
export const CHECKPOINT_USED_BYTES = 72;
const MARKER = Buffer.from('RMQ-TS01', 'ascii');

export interface CheckpointFields {
  physicMsgTimestamp: number;
  logicsMsgTimestamp: number;
  indexMsgTimestamp: number;
  /** Bytes 24..39 as found (5.x fields), written back unchanged. */
  reserved: Buffer;
  /** Undefined when the page was written without our fields (e.g. by a Java broker). */
  confirmedPhyOffset: number | undefined;
  dispatchedPhyOffset: number | undefined;
  consumeQueueCount: number | undefined;
}

export function decodeCheckpoint(page: Buffer): CheckpointFields {
  const ours = page.subarray(64, 72).equals(MARKER);
  return {
    physicMsgTimestamp: readInt64(page, 0),
    logicsMsgTimestamp: readInt64(page, 8),
    indexMsgTimestamp: readInt64(page, 16),
    reserved: Buffer.from(page.subarray(24, 40)),
    confirmedPhyOffset: ours ? readInt64(page, 40) : undefined,
    dispatchedPhyOffset: ours ? readInt64(page, 48) : undefined,
    consumeQueueCount: ours ? readInt64(page, 56) : undefined,
  };
}

export function encodeCheckpoint(fields: CheckpointFields): Buffer {
  const page = Buffer.alloc(CHECKPOINT_USED_BYTES);
  writeInt64(page, fields.physicMsgTimestamp, 0);
  writeInt64(page, fields.logicsMsgTimestamp, 8);
  writeInt64(page, fields.indexMsgTimestamp, 16);
  fields.reserved.copy(page, 24, 0, 16);
  writeInt64(page, fields.confirmedPhyOffset ?? 0, 40);
  writeInt64(page, fields.dispatchedPhyOffset ?? 0, 48);
  writeInt64(page, fields.consumeQueueCount ?? 0, 56);
  MARKER.copy(page, 64);
  return page;
}
