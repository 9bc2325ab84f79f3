import { readInt64, writeInt64 } from '../../common/message/int64';

/**
 * The classic HA protocol (spec/ha.md §2): plain TCP between a master's HA port (listenPort + 1) and its slaves,
 * big-endian, no remoting frames.
 *
 *   slave -> master: a stream of reports, each the slave's commit-log max offset
 *     +----------------------+
 *     | maxOffset (int64)    |   8 bytes; only the last complete one received counts
 *     +----------------------+
 *
 *   master -> slave: transfer frames, a byte-exact copy of the master's commit log
 *     +----------------------+----------------+---------------------------+
 *     | offset (int64)       | size (int32)   | commit-log bytes [offset, offset + size) |
 *     +----------------------+----------------+---------------------------+
 *     size 0 = heartbeat; a body never crosses a commit-log segment boundary.
 */
export const REPORT_SIZE = 8;
export const TRANSFER_HEADER_SIZE = 12;

export function encodeReport(maxOffset: number): Buffer {
  const report = Buffer.allocUnsafe(REPORT_SIZE);
  writeInt64(report, maxOffset, 0);
  return report;
}

/** The last complete report in `buffer` (earlier ones are superseded), and how many bytes were consumed. */
export function lastReport(buffer: Buffer): { offset: number | undefined; consumed: number } {
  const complete = buffer.length - (buffer.length % REPORT_SIZE);
  if (complete === 0) return { offset: undefined, consumed: 0 };
  return { offset: readInt64(buffer, complete - REPORT_SIZE), consumed: complete };
}

export function encodeTransferHeader(offset: number, size: number): Buffer {
  const header = Buffer.allocUnsafe(TRANSFER_HEADER_SIZE);
  writeInt64(header, offset, 0);
  header.writeInt32BE(size, 8);
  return header;
}

export interface TransferFrame {
  offset: number;
  body: Buffer;
}

/** Complete frames at the front of `buffer`, and how many bytes they took. Bodies are views into `buffer`. */
export function readTransferFrames(buffer: Buffer, maxBody: number): { frames: TransferFrame[]; consumed: number } {
  const frames: TransferFrame[] = [];
  let at = 0;
  while (buffer.length - at >= TRANSFER_HEADER_SIZE) {
    const offset = readInt64(buffer, at);
    const size = buffer.readInt32BE(at + 8);
    if (size < 0 || size > maxBody || offset < 0) throw new RangeError(`bad HA transfer frame: offset ${offset}, size ${size}`);
    if (buffer.length - at - TRANSFER_HEADER_SIZE < size) break;
    frames.push({ offset, body: buffer.subarray(at + TRANSFER_HEADER_SIZE, at + TRANSFER_HEADER_SIZE + size) });
    at += TRANSFER_HEADER_SIZE + size;
  }
  return { frames, consumed: at };
}
