import { createLogger } from '../common/logger';
import { patchStoredMessage, writePreparedMessage } from '../common/message/stored-message-format';
import type { AppendOutcome, AppendRequest } from './commit-log';
import { BLANK_RECORD_LENGTH, encodeBlankRecord, END_OF_FILE_MIN_BLANK_LENGTH } from './commit-log-format';
import type { QueueOffsetTable } from './queue-offset-table';
import type { SegmentFile } from './segment-file';
import type { SegmentQueue } from './segment-queue';

const log = createLogger('store');

/** One segment's part of a group: bytes [start, end) of the group buffer go to `position` in the segment. */
export interface SegmentWrite {
  segment: SegmentFile;
  position: number;
  start: number;
  end: number;
}

export interface GroupContext {
  /** The group buffer, large enough for the group plus one blank record per request. */
  staging: Buffer;
  segments: SegmentQueue;
  queueOffsets: QueueOffsetTable;
  storeTimestamp: number;
  /** Segments created for this group are added here (the caller removes them if the write fails). */
  created: SegmentFile[];
}

export interface EncodedGroup {
  writes: SegmentWrite[];
  /** One per request, in order, when the group encoded whole. */
  outcomes: AppendOutcome[];
  /** The queue offset each touched queue had before the group (to roll back a failed write). */
  undoOffsets: Map<string, number>;
  failure?: AppendOutcome;
}

/**
 * Lays a group of appends out in the group buffer as they will sit in the log (commit-log-format.ts): stamps the store
 * time, assigns queue and physical offsets, encodes each record in place, and where a request does not fit the rest
 * of a segment, ends it with a blank record and continues in a new segment. Writes nothing to files; the queue-offset
 * table is advanced, with `undoOffsets` to put it back.
 */
export function encodeGroup(group: ReadonlyArray<{ request: AppendRequest }>, first: SegmentFile, context: GroupContext): EncodedGroup {
  const { staging, segments, queueOffsets, storeTimestamp, created } = context;
  const undoOffsets = new Map<string, number>();
  const outcomes: AppendOutcome[] = [];
  let segment = first;
  let write: SegmentWrite = { segment, position: segment.wrotePosition, start: 0, end: 0 };
  const writes: SegmentWrite[] = [write];
  const endPosition = () => write.position + (write.end - write.start);

  try {
    for (const { request: item } of group) {
      if (item.totalBytes + END_OF_FILE_MIN_BLANK_LENGTH > segment.fileSize - endPosition()) {
        encodeBlankRecord(segment.fileSize - endPosition()).copy(staging, write.end);
        const blankEnd = write.end + BLANK_RECORD_LENGTH;
        writes[writes.length - 1] = write = { ...write, end: blankEnd };
        // The blank record counts up to the segment end; only its 8 bytes are written.
        try {
          segment = segments.create(segment.endOffset);
          created.push(segment);
        } catch (error) {
          return { writes, outcomes, undoOffsets, failure: { ok: false, status: 'CREATE_MAPPED_FILE_FAILED', remark: String(error) } };
        }
        write = { segment, position: 0, start: blankEnd, end: blankEnd };
        writes.push(write);
      }
      const key = queueOffsets.keyOf(item.topic, item.queueId);
      const firstQueueOffset = item.assignQueueOffset ? queueOffsets.get(key) : 0;
      const wroteOffset = segment.startOffset + endPosition();
      const physicalOffsets: number[] = [];
      const records = item.records;
      for (let i = 0; i < records.length; i++) {
        const record = records[i];
        const at = write.end;
        const physicalOffset = segment.startOffset + endPosition();
        if (Buffer.isBuffer(record)) record.copy(staging, at);
        else writePreparedMessage(record, staging, at);
        patchStoredMessage(staging, at, item.assignQueueOffset ? firstQueueOffset + i : 0, physicalOffset, storeTimestamp);
        physicalOffsets.push(physicalOffset);
        write.end += record.length;
      }
      if (item.assignQueueOffset) {
        if (!undoOffsets.has(key)) undoOffsets.set(key, firstQueueOffset);
        queueOffsets.set(key, firstQueueOffset + records.length);
      }
      outcomes.push({ ok: true, wroteOffset, wroteBytes: item.totalBytes, queueOffset: firstQueueOffset, storeTimestamp, physicalOffsets, pageCacheRT: 0 });
    }
  } catch (error) {
    // Prepared records were validated; this is a bug, and nothing has been written yet.
    log.error('[BUG] encoding a commit-log group failed', error);
    return { writes, outcomes, undoOffsets, failure: { ok: false, status: 'UNKNOWN_ERROR', remark: `commit log encode failed: ${(error as Error).message}` } };
  }
  return { writes, outcomes, undoOffsets };
}
