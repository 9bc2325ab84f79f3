/**
 * Java `long` fields (offsets, timestamps, tag codes) read and written as JS numbers. Every value the broker stores
 * (byte offsets up to 8 PiB, epoch milliseconds, sign-extended int32 tag hashes) lies inside ±2^53, so numbers are
 * exact and avoid BigInt's cost on the hot path. Big-endian, like every integer RocketMQ writes.
 *
 * Bytes are read and written by index (one range check per call instead of the two checked int32 accessors): these
 * run several times per stored message on the append and dispatch paths.
 */
const TWO_POW_32 = 4294967296;

function checkRange(buffer: Buffer, offset: number): void {
  if (!(offset >= 0 && offset + 8 <= buffer.length)) throw new RangeError(`int64 at ${offset} is outside a buffer of ${buffer.length} bytes`);
}

export function readInt64(buffer: Buffer, offset: number): number {
  checkRange(buffer, offset);
  const high = (buffer[offset] << 24) | (buffer[offset + 1] << 16) | (buffer[offset + 2] << 8) | buffer[offset + 3];
  const low = ((buffer[offset + 4] << 24) | (buffer[offset + 5] << 16) | (buffer[offset + 6] << 8) | buffer[offset + 7]) >>> 0;
  return high * TWO_POW_32 + low;
}

export function writeInt64(buffer: Buffer, value: number, offset: number): void {
  checkRange(buffer, offset);
  const high = Math.floor(value / TWO_POW_32);
  // NaN writes zeros, as Buffer#writeInt32BE does.
  if (high < -0x80000000 || high > 0x7fffffff) throw new RangeError(`${value} does not fit an int64 exactly`);
  const low = value - high * TWO_POW_32;
  buffer[offset] = high >>> 24;
  buffer[offset + 1] = high >>> 16;
  buffer[offset + 2] = high >>> 8;
  buffer[offset + 3] = high;
  buffer[offset + 4] = low >>> 24;
  buffer[offset + 5] = low >>> 16;
  buffer[offset + 6] = low >>> 8;
  buffer[offset + 7] = low;
}
