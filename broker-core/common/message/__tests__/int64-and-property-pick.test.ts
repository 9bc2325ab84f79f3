import { describe, expect, it } from 'vitest';
import { readInt64, writeInt64 } from '../int64';
import { decodeMessageProperties, pickMessageProperties } from '../message-properties';

describe('int64 big-endian codec', () => {
  // Hand-written vectors: two's complement, most significant byte first.
  const vectors: Array<[number, string]> = [
    [0, '0000000000000000'],
    [1, '0000000000000001'],
    [0xffffffff, '00000000ffffffff'],
    [0x100000000, '0000000100000000'],
    [1_073_741_824, '0000000040000000'], // second 1 GiB commit-log segment
    [1_700_000_000_123, '0000018bcfe5687b'], // an epoch-ms store time
    [Number.MAX_SAFE_INTEGER, '001fffffffffffff'],
    [-1, 'ffffffffffffffff'],
    [-1127396096, 'ffffffffbccd4d00'], // "ZZZZZZZZ".hashCode() sign-extended, a tag code
    [-Number.MAX_SAFE_INTEGER, 'ffe0000000000001'],
  ];

  it('writes and reads the golden vectors', () => {
    for (const [value, hex] of vectors) {
      const buffer = Buffer.alloc(10, 0xaa);
      writeInt64(buffer, value, 1);
      expect(buffer.toString('hex')).toBe(`aa${hex}aa`);
      expect(readInt64(Buffer.from(`55${hex}`, 'hex'), 1)).toBe(value);
    }
  });

  it('refuses offsets outside the buffer and values past 64 bits', () => {
    expect(() => readInt64(Buffer.alloc(8), 1)).toThrow(RangeError);
    expect(() => writeInt64(Buffer.alloc(8), 1, -1)).toThrow(RangeError);
    expect(() => writeInt64(Buffer.alloc(8), 2 ** 64, 0)).toThrow(RangeError);
  });
});

describe('pickMessageProperties', () => {
  const names = ['TAGS', 'KEYS', 'UNIQ_KEY', 'DELAY'];
  const texts = [
    '',
    'TAGS\u0001TagA\u0002',
    'WAIT\u0001true\u0002TAGS\u0001TagA\u0002KEYS\u0001k1 k2\u0002UNIQ_KEY\u0001AC1\u0002',
    'TAGS\u0001first\u0002TAGS\u0001second\u0002', // last duplicate wins, as with Map#set
    'KEYS\u0001no-trailing-separator',
    'TAGS\u0001\u0002KEYS\u0001x\u0002', // empty value: ignored
    'TA\u0002TAGS\u0001ok\u0002', // segment shorter than 3 characters
    'TAGSX\u0001nope\u0002XTAGS\u0001nope\u0002DELAY\u00013\u0002', // names must match exactly
    'TAGS\u0002KEYS\u0001v\u0002', // no separator in the first segment: the one found later is past its end
    '\u0001TAGS\u0002KEYS\u0001\u0001\u0002',
  ];

  it('agrees with decodeMessageProperties on every name', () => {
    for (const text of texts) {
      const decoded = decodeMessageProperties(text);
      expect(pickMessageProperties(text, names)).toEqual(names.map((name) => decoded.get(name)));
    }
  });
});
