import { describe, expect, it } from 'vitest';
import { decodeBatchMessages, encodeBatchMessages } from '../batch-format';
import { compressBody, decompressBody, UnsupportedCompressionError, uncompressedBody } from '../compression';
import { decodeHostAddress, encodeHostAddress } from '../host-address';
import { createOffsetMessageId, decodeOffsetMessageId, uniqueIdIp, uniqueIdTimestamp, UniqueIdGenerator } from '../message-id';
import { decodeMessageProperties, encodeMessageProperties } from '../message-properties';
import {
  getCompressionType,
  getTransactionType,
  isPreparedOrRollback,
  MessageSysFlag,
  setCompressionType,
  setTransactionType,
  withHostFlags,
} from '../message-sysflag';

describe('properties text (spec §4)', () => {
  it('writes every pair followed by char 2 and skips null values', () => {
    const text = encodeMessageProperties([
      ['TAGS', 'A'],
      ['SKIP', undefined],
      ['KEYS', 'k1 k2'],
    ]);
    expect(Buffer.from(text).toString('hex')).toBe('5441475301' + '4102' + '4b45595301' + '6b31206b3202');
  });

  it('parses with the Java rules', () => {
    expect([...decodeMessageProperties('TAGS\u0001A\u0002KEYS\u0001k\u0002')]).toEqual([
      ['TAGS', 'A'],
      ['KEYS', 'k'],
    ]);
    // Missing trailing separator tolerated.
    expect([...decodeMessageProperties('a\u0001b\u0002cc\u0001dd')]).toEqual([
      ['a', 'b'],
      ['cc', 'dd'],
    ]);
    // Segment shorter than 3 chars, empty key, empty value: dropped.
    expect([...decodeMessageProperties('x\u0002\u0001vv\u0002k\u0001\u0002ok\u0001y\u0002')]).toEqual([['ok', 'y']]);
    // The value keeps further char-1 characters.
    expect(decodeMessageProperties('k\u0001a\u0001b\u0002').get('k')).toBe('a\u0001b');
    expect(decodeMessageProperties('').size).toBe(0);
  });

  it('round-trips preserving order', () => {
    const text = 'UNIQ_KEY\u0001AB\u0002WAIT\u0001true\u0002TAGS\u0001t\u0002';
    expect(encodeMessageProperties(decodeMessageProperties(text))).toBe(text);
  });
});

describe('offset message id (spec §6)', () => {
  it('matches the spec example both ways', () => {
    expect(createOffsetMessageId('10.0.0.1:10911', 500)).toBe('0A00000100002A9F00000000000001F4');
    expect(decodeOffsetMessageId('0A00000100002A9F00000000000001F4')).toEqual({ storeHost: '10.0.0.1:10911', commitLogOffset: 500 });
    expect(decodeOffsetMessageId('0a00000100002a9f00000000000001f4').commitLogOffset).toBe(500);
  });

  it('handles large offsets and IPv6 hosts', () => {
    const id = createOffsetMessageId('[2001:db8::7]:10911', 2 ** 40 + 5);
    expect(id).toBe('20010DB8000000000000000000000007' + '00002A9F' + '0000010000000005');
    expect(decodeOffsetMessageId(id)).toEqual({ storeHost: '[2001:db8:0:0:0:0:0:7]:10911', commitLogOffset: 2 ** 40 + 5 });
    expect(() => decodeOffsetMessageId('XYZ')).toThrow();
  });
});

describe('client unique id (spec §7)', () => {
  const now = new Date(2024, 2, 5, 12, 0, 0, 250).getTime(); // 4 d 12 h 250 ms after the local month start

  it('lays out ip, pid, process hash, month-relative time and counter', () => {
    const generator = new UniqueIdGenerator(Buffer.from([10, 0, 0, 1]), 0x12345, 0x01020304);
    expect(generator.next(now)).toBe('0A000001' + '2345' + '01020304' + '172C9EFA' + '0000');
    expect(generator.next(now)).toBe('0A000001' + '2345' + '01020304' + '172C9EFA' + '0001');
  });

  it('recovers the timestamp, falling back to last month when the span lies in the future', () => {
    const id = new UniqueIdGenerator(Buffer.from([10, 0, 0, 1]), 1, 2).next(now);
    expect(uniqueIdTimestamp(id, now + 60_000)).toBe(now);
    const earlyNextMonth = new Date(2024, 3, 2).getTime(); // span would be in the future in April
    expect(uniqueIdTimestamp(id, earlyNextMonth)).toBe(now);
    expect(uniqueIdIp(id)).toBe('10.0.0.1');
  });

  it('supports IPv6 client addresses (56 hex chars)', () => {
    const ip = Buffer.alloc(16);
    ip[15] = 1;
    const id = new UniqueIdGenerator(ip, 7, 9).next(now);
    expect(id).toHaveLength(56);
    expect(uniqueIdTimestamp(id, now + 1)).toBe(now);
  });
});

describe('batch body (spec §8)', () => {
  const golden = Buffer.from(
    ['00000022', '00000000', '00000000', '00000001', '00000002', '6162', '000a', Buffer.from('WAIT\u0001true\u0002').toString('hex')].join(''),
    'hex',
  );

  it('encodes and decodes the golden record', () => {
    const messages = [{ flag: 1, body: Buffer.from('ab'), properties: new Map([['WAIT', 'true']]) }];
    expect(encodeBatchMessages(messages)).toEqual(golden);
    const decoded = decodeBatchMessages(Buffer.concat([golden, golden]));
    expect(decoded).toHaveLength(2);
    expect(decoded[1].flag).toBe(1);
    expect(decoded[1].body.toString()).toBe('ab');
    expect(decoded[1].properties.get('WAIT')).toBe('true');
  });

  it('rejects inconsistent records', () => {
    const bad = Buffer.from(golden);
    bad.writeInt32BE(40, 0);
    expect(() => decodeBatchMessages(bad)).toThrow(/TOTALSIZE/);
    expect(() => decodeBatchMessages(golden.subarray(0, 30))).toThrow();
  });
});

describe('sysflag helpers (spec §3)', () => {
  it('gets and sets transaction and compression types', () => {
    const prepared = setTransactionType(MessageSysFlag.COMPRESSED_FLAG, MessageSysFlag.TRANSACTION_PREPARED_TYPE);
    expect(prepared).toBe(0x5);
    expect(getTransactionType(prepared)).toBe(MessageSysFlag.TRANSACTION_PREPARED_TYPE);
    expect(isPreparedOrRollback(prepared)).toBe(true);
    expect(isPreparedOrRollback(MessageSysFlag.TRANSACTION_COMMIT_TYPE)).toBe(false);
    expect(getCompressionType(0x1)).toBe('ZLIB');
    expect(getCompressionType(setCompressionType(0x1, 'LZ4'))).toBe('LZ4');
    expect(setCompressionType(0, 'ZLIB')).toBe(0x300);
    expect(withHostFlags(0x31, false, true)).toBe(0x21);
  });
});

describe('hosts and compression', () => {
  it('encodes hosts as address + int32 port', () => {
    expect(encodeHostAddress('127.0.0.1:10911').toString('hex')).toBe('7f00000100002a9f');
    expect(decodeHostAddress(Buffer.from('7f00000100002a9f', 'hex'), 0, false)).toBe('127.0.0.1:10911');
    expect(encodeHostAddress('::ffff:1.2.3.4:80').toString('hex')).toBe('00000000000000000000ffff01020304' + '00000050');
  });

  it('inflates zlib bodies and refuses unknown codecs', () => {
    const body = Buffer.from('x'.repeat(10_000));
    const compressed = compressBody(body);
    expect(compressed[0]).toBe(0x78);
    expect(decompressBody(compressed)).toEqual(body);
    expect(uncompressedBody(compressed, 0x1)).toEqual(body);
    expect(() => uncompressedBody(compressed, 0x101)).toThrow(UnsupportedCompressionError);
  });
});
