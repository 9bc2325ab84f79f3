import { describe, expect, it } from 'vitest';
import { crc32, crc32Table, javaCrc32 } from './crc32';

describe('crc32', () => {
  it('matches the CRC-32 check value and Java UtilAll.crc32 masking', () => {
    const check = Buffer.from('123456789');
    expect(crc32(check)).toBe(0xcbf43926);
    expect(crc32Table(check)).toBe(0xcbf43926);
    expect(javaCrc32(check)).toBe(0x4bf43926); // sign bit cleared
    expect(crc32(Buffer.alloc(0))).toBe(0);
    expect(javaCrc32(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('table and native implementations agree', () => {
    const data = Buffer.alloc(1000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) & 0xff;
    expect(crc32Table(data)).toBe(crc32(data));
  });
});
