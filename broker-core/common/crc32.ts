import * as zlib from 'node:zlib';

/**
 * CRC-32 (IEEE 802.3, the java.util.zip.CRC32 polynomial) and RocketMQ's masked variant.
 *
 * Java's `UtilAll.crc32(bytes)` returns `CRC32.getValue() & 0x7FFFFFFF`: the top bit is dropped so the value fits a
 * positive Java int. REGISTER_BROKER's `bodyCrc32` header and the commit log's body CRC carry that masked value.
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

type NativeCrc32 = (data: Uint8Array, value?: number) => number;
// zlib.crc32 exists from Node 20.15; the table below covers older 20.x releases.
const nativeCrc32 = (zlib as unknown as { crc32?: NativeCrc32 }).crc32;

/** Unsigned CRC-32 of `data` (0 .. 2^32-1). */
export function crc32(data: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(data) >>> 0 : crc32Table(data);
}

/** RocketMQ's `UtilAll.crc32`: CRC-32 with the sign bit cleared (0 .. 2^31-1). */
export function javaCrc32(data: Uint8Array): number {
  return crc32(data) & 0x7fffffff;
}

/** The table implementation, exported so tests can check it against the native one. */
export function crc32Table(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
