import { createLogger } from '../common/logger';
import { checkRecord } from './dispatch-request';
import type { SegmentFile } from './segment-file';
import type { SegmentQueue } from './segment-queue';

const log = createLogger('store');

/**
 * Commit-log recovery at start-up: find where valid data ends and cut everything after it.
 *
 * Choice (differs from upstream on purpose, to keep start-up time independent of the store size):
 * upstream's normal recovery re-validates the last three segments, and its abnormal recovery picks a whole segment by
 * checkpoint timestamps and re-validates (and re-dispatches) from its start — up to gigabytes of CRC work. We record
 * in the checkpoint the *confirmed* offset (`confirmedPhyOffset`): everything below it was fdatasync'ed, and it always
 * lies on a record or segment boundary. Recovery validates record by record (magic, size, field lengths, body CRC when
 * `checkCRCOnRecover`, and the record's own PHYSICALOFFSET) only from there to the first invalid record, so after a
 * crash the work is bounded by what was written but not yet flushed, and after a clean shutdown it is nothing.
 * We fall back to upstream's window — the start of the third-from-last segment — when the confirmed offset is
 * unknown (checkpoint missing or written by a Java broker), outside the log, or not on a valid boundary; and we start
 * no later than the last segment's start when that segment was found shorter than configured (cut by hand or by a
 * failing disk). Zeros mean "never written"; anything else invalid is a torn tail and is cut.
 */
const READ_CHUNK = 4 * 1024 * 1024;

export interface CommitLogRecoveryOptions {
  checkCRC: boolean;
  delayLevels: readonly number[];
  confirmedOffset: number | undefined;
  /** The last segment was shorter than configured and has been re-extended. */
  lastSegmentRepaired: boolean;
}

export interface CommitLogRecoveryResult {
  /** End of the last valid record: the new max offset. */
  processOffset: number;
  /** Where validation started. */
  validatedFrom: number;
  /** Store time of the last valid message seen during validation (0 if none). */
  lastStoreTimestamp: number;
  /** Bytes beyond processOffset that were cut (a torn or invalid tail), or 0. */
  discarded: boolean;
}

function fallbackStart(segments: SegmentQueue): number {
  const files = segments.files;
  return files[Math.max(0, files.length - 3)].startOffset;
}

/** True when `offset` starts a valid record, a blank, untouched zeros, or a segment. */
function isBoundary(segments: SegmentQueue, offset: number, options: CommitLogRecoveryOptions): boolean {
  const segment = segments.findByOffset(offset);
  if (!segment) return offset === segments.last!.endOffset;
  const position = offset - segment.startOffset;
  if (position === 0) return true;
  const head = segment.readSync(position, Math.min(READ_CHUNK, segment.fileSize - position));
  const check = checkRecord(head, 0, { checkCRC: false, delayLevels: options.delayLevels });
  return check.kind === 'blank' || check.kind === 'end' || check.kind === 'incomplete' || (check.kind === 'message' && check.request.commitLogOffset === offset);
}

export function chooseValidationStart(segments: SegmentQueue, options: CommitLogRecoveryOptions): number {
  const first = segments.first!;
  const last = segments.last!;
  let start = options.confirmedOffset;
  if (start === undefined || start < first.startOffset || start > last.endOffset || !isBoundary(segments, start, options)) {
    if (start !== undefined) log.warn(`checkpoint offset ${start} unusable; validating from the third-from-last segment`);
    start = fallbackStart(segments);
  }
  if (options.lastSegmentRepaired) start = Math.min(start, last.startOffset);
  return start;
}

export function recoverCommitLog(segments: SegmentQueue, options: CommitLogRecoveryOptions): CommitLogRecoveryResult {
  if (segments.files.length === 0) return { processOffset: 0, validatedFrom: 0, lastStoreTimestamp: 0, discarded: false };
  const validatedFrom = chooseValidationStart(segments, options);
  let offset = validatedFrom;
  let lastStoreTimestamp = 0;
  let discarded = false;

  scan: for (;;) {
    const segment: SegmentFile | undefined = segments.findByOffset(offset);
    if (!segment) break;
    let position = offset - segment.startOffset;
    while (position < segment.fileSize) {
      const chunk = segment.readSync(position, Math.min(READ_CHUNK, segment.fileSize - position));
      let at = 0;
      while (at < chunk.length) {
        const check = checkRecord(chunk, at, { checkCRC: options.checkCRC, delayLevels: options.delayLevels });
        if (check.kind === 'incomplete') {
          if (position + at + check.size > segment.fileSize) {
            discarded = true;
            break scan;
          }
          if (at === 0) {
            // A record larger than the chunk: read it whole.
            const whole = segment.readSync(position, check.size);
            const again = checkRecord(whole, 0, { checkCRC: options.checkCRC, delayLevels: options.delayLevels });
            if (again.kind !== 'message' || again.request.commitLogOffset !== segment.startOffset + position) {
              discarded = true;
              break scan;
            }
            lastStoreTimestamp = again.request.storeTimestamp;
            position += again.size;
            offset = segment.startOffset + position;
          }
          break;
        }
        if (check.kind === 'blank') {
          offset = segment.endOffset;
          continue scan;
        }
        if (check.kind !== 'message' || check.request.commitLogOffset !== segment.startOffset + position + at) {
          discarded = check.kind !== 'end';
          if (discarded) log.warn(`commit log: invalid record at ${segment.startOffset + position + at} (${check.kind === 'corrupt' ? check.reason : 'offset field mismatch'}); cutting the tail there`);
          offset = segment.startOffset + position + at;
          break scan;
        }
        lastStoreTimestamp = check.request.storeTimestamp;
        at += check.size;
        offset = segment.startOffset + position + at;
      }
      position = offset - segment.startOffset;
    }
    // Reached the segment end without a blank record: only possible if the segment is exactly full; move on.
    offset = segment.endOffset;
  }
  return { processOffset: offset, validatedFrom, lastStoreTimestamp, discarded };
}
