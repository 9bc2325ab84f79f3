import type { GetMessageResult } from '../../store/store-types';
import { ResponseCode } from '../../protocol/response-code';

/**
 * Store read statuses as pull response codes (spec/message-format.md §9.3, semantics.md §7):
 *
 *   FOUND                                        SUCCESS
 *   NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING     PULL_RETRY_IMMEDIATELY
 *   OFFSET_FOUND_NULL, OFFSET_OVERFLOW_ONE       PULL_NOT_FOUND (long-polled when the pull may be suspended)
 *   NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE  PULL_OFFSET_MOVED if the requested offset ≠ 0, else PULL_NOT_FOUND
 *   OFFSET_OVERFLOW_BADLY, OFFSET_TOO_SMALL      PULL_OFFSET_MOVED
 */
export function pullResponseCode(result: GetMessageResult, requestOffset: number): number {
  switch (result.status) {
    case 'FOUND':
      return ResponseCode.SUCCESS;
    case 'NO_MATCHED_MESSAGE':
    case 'MESSAGE_WAS_REMOVING':
      return ResponseCode.PULL_RETRY_IMMEDIATELY;
    case 'OFFSET_FOUND_NULL':
    case 'OFFSET_OVERFLOW_ONE':
      return ResponseCode.PULL_NOT_FOUND;
    case 'NO_MESSAGE_IN_QUEUE':
    case 'NO_MATCHED_LOGIC_QUEUE':
      return requestOffset !== 0 ? ResponseCode.PULL_OFFSET_MOVED : ResponseCode.PULL_NOT_FOUND;
    case 'OFFSET_OVERFLOW_BADLY':
    case 'OFFSET_TOO_SMALL':
      return ResponseCode.PULL_OFFSET_MOVED;
  }
}

/**
 * The body of a SUCCESS answer: the records back to back. Records the store read in one go sit next to each other
 * in one buffer; then the body is a view over them and nothing is copied.
 */
export function joinRecords(records: readonly Buffer[]): Buffer {
  if (records.length === 1) return records[0];
  let contiguous = true;
  let total = records[0]?.length ?? 0;
  for (let i = 1; i < records.length; i++) {
    const previous = records[i - 1];
    const record = records[i];
    total += record.length;
    if (record.buffer !== previous.buffer || record.byteOffset !== previous.byteOffset + previous.length) contiguous = false;
  }
  if (contiguous && records.length > 0) return Buffer.from(records[0].buffer, records[0].byteOffset, total);
  return Buffer.concat(records as Buffer[], total);
}
