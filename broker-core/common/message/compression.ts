import { deflateSync, inflateSync } from 'node:zlib';
import { getCompressionType, isCompressed, MessageSysFlag, type CompressionType } from './message-sysflag';

/**
 * Body compression (spec/message-format.md §3). Java producers compress with `java.util.zip.Deflater`, i.e. a zlib
 * stream (RFC 1950 header + adler32), level 5; 4.x producers leave the compression-type bits at 0, which also means
 * zlib. LZ4 and ZSTD bodies (5.x producers) are reported as unsupported rather than guessed at.
 */
export const DEFAULT_COMPRESS_LEVEL = 5;
/** Java producers compress single messages whose body is larger than this (`compressMsgBodyOverHowmuch`). */
export const DEFAULT_COMPRESS_OVER_BYTES = 4096;

export class UnsupportedCompressionError extends Error {
  constructor(readonly type: CompressionType) {
    super(`message body compressed with ${type}, which this build cannot decompress`);
    this.name = 'UnsupportedCompressionError';
  }
}

export function compressBody(body: Buffer, level = DEFAULT_COMPRESS_LEVEL): Buffer {
  return deflateSync(body, { level });
}

export function decompressBody(body: Buffer, type: CompressionType = 'ZLIB'): Buffer {
  if (type !== 'ZLIB') throw new UnsupportedCompressionError(type);
  return inflateSync(body);
}

/** The body as the application sees it: inflated when the sysflag says it is compressed. */
export function uncompressedBody(body: Buffer, sysFlag: number): Buffer {
  return isCompressed(sysFlag) ? decompressBody(body, getCompressionType(sysFlag)) : body;
}

/** Sysflag of a 4.x-style zlib-compressed message: bit 0 set, type bits left 0. */
export function markCompressed(sysFlag: number): number {
  return sysFlag | MessageSysFlag.COMPRESSED_FLAG;
}
