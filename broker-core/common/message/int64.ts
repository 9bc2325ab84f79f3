/**
 * Java `long` fields (offsets, timestamps, tag codes) read and written as JS numbers. Every value the broker stores
 * (byte offsets up to 8 PiB, epoch milliseconds, sign-extended int32 tag hashes) lies inside ±2^53, so numbers are
 * exact and avoid BigInt's cost on the hot path. Big-endian, like every integer RocketMQ writes.
 */
const TWO_POW_32 = 4294967296;

export function readInt64(buffer: Buffer, offset: number): number {
  return buffer.readInt32BE(offset) * TWO_POW_32 + buffer.readUInt32BE(offset + 4);
}

export function writeInt64(buffer: Buffer, value: number, offset: number): void {
  const high = Math.floor(value / TWO_POW_32);
  buffer.writeInt32BE(high, offset);
  buffer.writeUInt32BE(value - high * TWO_POW_32, offset + 4);
}
