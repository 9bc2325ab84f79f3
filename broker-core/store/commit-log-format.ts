import { BLANK_MAGIC_CODE } from '../common/message/stored-message-format';

/**
 * Commit-log segment layout (spec/store.md §3, spec/message-format.md §1–2). A segment of `mappedFileSizeCommitLog`
 * bytes is named by its 20-digit start offset and holds whole records back to back (layout in
 * common/message/stored-message-format.ts). A record never spans two segments: when the next record (or batch) plus
 * 8 bytes does not fit, the writer ends the segment with a blank record and continues at the next segment's start.
 *
 *   segment 00000000000000000000                       segment 00000000001073741824
 *   +----------+----------+-----+----------+--------+  +----------+-----
 *   | record 0 | record 1 | ... | record k | BLANK  |  | record   | ...
 *   +----------+----------+-----+----------+--------+  +----------+-----
 *                                            |
 *             +------------------------------+---------------------------------+
 *             | TOTALSIZE = bytes left to the segment end (int32) | MAGIC 0xCBD43194 | rest untouched (zeros) |
 *             +---------------------------------------------------+------------------+------------------------+
 *
 * Unwritten bytes of a segment are zeros (files are created sparse at full size), so a reader that meets
 * TOTALSIZE 0 has reached the end of the data.
 */
export const BLANK_RECORD_LENGTH = 8;
/** Every segment keeps at least this much room for the blank marker. */
export const END_OF_FILE_MIN_BLANK_LENGTH = 8;
export { BLANK_MAGIC_CODE };

export function encodeBlankRecord(remaining: number): Buffer {
  const blank = Buffer.alloc(BLANK_RECORD_LENGTH);
  blank.writeInt32BE(remaining, 0);
  blank.writeInt32BE(BLANK_MAGIC_CODE, 4);
  return blank;
}
