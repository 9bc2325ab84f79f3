import { describe, expect, it } from 'vitest';
import { decompressBody } from '../compression';
import { decodeStoredMessage, decodeStoredMessages } from '../stored-message-decoder';
import { encodeStoredMessage, patchStoredMessage, MESSAGE_MAGIC_CODE_V2 } from '../stored-message-format';
import { MessageSysFlag } from '../message-sysflag';

// Golden record written by hand from spec/message-format.md §1 (v1 magic, IPv4 hosts, zlib-compressed body).
// Body = zlib stream with one stored deflate block holding "hi": 78 01 | 01 0200 FDFF 68 69 | adler32 013B00D2.
// BODYCRC = CRC32(body as stored) & 0x7FFFFFFF = 0x4FDFA7B5.
const compressedHi = Buffer.from('7801010200fdff6869013b00d2', 'hex');
const propertiesText = 'TAGS\u0001TagA\u0002KEYS\u0001k1 k2\u0002';

const golden = Buffer.from(
  [
    '00000083', // TOTALSIZE 131
    'daa320a7', // MAGICCODE v1
    '4fdfa7b5', // BODYCRC
    '00000003', // QUEUEID 3
    '00000000', // FLAG 0
    '0000000000000007', // QUEUEOFFSET 7
    '0000000000000400', // PHYSICALOFFSET 1024
    '00000001', // SYSFLAG: compressed
    '0000018bcfe56800', // BORNTIMESTAMP 1700000000000
    'c0a8000a', '0000cb20', // BORNHOST 192.168.0.10:52000
    '0000018bcfe5687b', // STORETIMESTAMP 1700000000123
    '0a000001', '00002a9f', // STOREHOST 10.0.0.1:10911
    '00000002', // RECONSUMETIMES 2
    '0000000000000000', // PREPARED TRANSACTION OFFSET
    '0000000d', '7801010200fdff6869013b00d2', // BODY (13 bytes)
    '06', Buffer.from('TopicA').toString('hex'), // TOPIC
    '0015', Buffer.from(propertiesText).toString('hex'), // PROPERTIES (21 bytes)
  ].join(''),
  'hex',
);

const goldenInput = {
  topic: 'TopicA',
  queueId: 3,
  flag: 0,
  body: compressedHi,
  properties: new Map([
    ['TAGS', 'TagA'],
    ['KEYS', 'k1 k2'],
  ]),
  sysFlag: MessageSysFlag.COMPRESSED_FLAG,
  bornTimestamp: 1700000000000,
  bornHost: '192.168.0.10:52000',
  storeHost: '10.0.0.1:10911',
  reconsumeTimes: 2,
  preparedTransactionOffset: 0,
};

describe('stored message v1 layout', () => {
  it('decodes the golden record field by field', () => {
    expect(golden.length).toBe(131);
    const message = decodeStoredMessage(golden, 0);
    expect(message.storeSize).toBe(131);
    expect(message.bodyCRC).toBe(0x4fdfa7b5);
    expect(message.queueId).toBe(3);
    expect(message.flag).toBe(0);
    expect(message.queueOffset).toBe(7);
    expect(message.commitLogOffset).toBe(1024);
    expect(message.sysFlag).toBe(1);
    expect(message.bornTimestamp).toBe(1700000000000);
    expect(message.bornHost).toBe('192.168.0.10:52000');
    expect(message.storeTimestamp).toBe(1700000000123);
    expect(message.storeHost).toBe('10.0.0.1:10911');
    expect(message.reconsumeTimes).toBe(2);
    expect(message.preparedTransactionOffset).toBe(0);
    expect(message.body).toEqual(compressedHi);
    expect(message.topic).toBe('TopicA');
    expect([...message.properties]).toEqual([
      ['TAGS', 'TagA'],
      ['KEYS', 'k1 k2'],
    ]);
    expect(message.tags).toBe('TagA');
    expect(message.keys).toBe('k1 k2');
    expect(message.uniqKey).toBeUndefined();
    expect(message.msgId).toBe('0A00000100002A9F0000000000000400');
    expect(decompressBody(message.body).toString()).toBe('hi');
  });

  it('inflates the body on request and clears the compressed bit like Java clients', () => {
    const message = decodeStoredMessage(golden, 0, { decompressBody: true });
    expect(message.body.toString()).toBe('hi');
    expect(message.sysFlag).toBe(0);
  });

  it('encodes the same bytes (placeholders patched by the commit log)', () => {
    const encoded = encodeStoredMessage(goldenInput);
    // Placeholders before the commit log patches them.
    expect(encoded.readBigInt64BE(20)).toBe(0n);
    expect(encoded.readBigInt64BE(28)).toBe(0n);
    expect(encoded.readBigInt64BE(56)).toBe(0n);
    patchStoredMessage(encoded, 0, 7, 1024, 1700000000123);
    expect(encoded.toString('hex')).toBe(golden.toString('hex'));
    const direct = encodeStoredMessage({ ...goldenInput, queueOffset: 7, commitLogOffset: 1024, storeTimestamp: 1700000000123 });
    expect(direct).toEqual(golden);
  });

  it('handles IPv6 born and store hosts (20-byte host fields, sysflag bits 4 and 5)', () => {
    const record = encodeStoredMessage({
      ...goldenInput,
      bornHost: '[::1]:9000',
      storeHost: '[fe80::1]:10911',
      queueOffset: 1,
      commitLogOffset: 2,
      storeTimestamp: 3,
    });
    expect(record.length).toBe(131 + 24);
    expect(record.readInt32BE(36)).toBe(0x1 | 0x10 | 0x20);
    expect(record.subarray(48, 68).toString('hex')).toBe('00000000000000000000000000000001' + '00002328');
    expect(record.readBigInt64BE(68)).toBe(3n); // store timestamp moved by 12 bytes
    const message = decodeStoredMessage(record);
    expect(message.bornHost).toBe('[0:0:0:0:0:0:0:1]:9000');
    expect(message.storeHost).toBe('[fe80:0:0:0:0:0:0:1]:10911');
    expect(message.msgId).toBe('FE800000000000000000000000000001' + '00002A9F' + '0000000000000002');
    expect(message.msgId).toHaveLength(56);
  });

  it('reads the v2 magic with a 2-byte topic length', () => {
    const v1 = golden;
    const topicAt = 84 + 4 + 13;
    const v2 = Buffer.concat([v1.subarray(0, topicAt), Buffer.from([0x00]), v1.subarray(topicAt)]);
    v2.writeInt32BE(132, 0);
    v2.writeInt32BE(MESSAGE_MAGIC_CODE_V2, 4);
    const message = decodeStoredMessage(v2);
    expect(message.topic).toBe('TopicA');
    expect(message.properties.get('KEYS')).toBe('k1 k2');
  });

  it('decodes a pull body of several records and stops at the first malformed one', () => {
    const second = encodeStoredMessage({ ...goldenInput, topic: 'T2', queueOffset: 8, commitLogOffset: 1155 });
    const broken = Buffer.from(golden);
    broken.writeInt32BE(0x12345678, 4);
    const body = Buffer.concat([golden, second, broken, golden]);
    const messages = decodeStoredMessages(body);
    expect(messages.map((m) => [m.topic, m.queueOffset, m.commitLogOffset])).toEqual([
      ['TopicA', 7, 1024],
      ['T2', 8, 1155],
    ]);
    expect(() => decodeStoredMessages(body, { strict: true })).toThrow(/magic/);
  });

  it('rejects a record whose fields do not add up to TOTALSIZE', () => {
    const bad = Buffer.from(golden);
    bad.writeInt16BE(20, 131 - 21 - 2); // properties length one short
    expect(() => decodeStoredMessage(bad)).toThrow(/TOTALSIZE/);
  });

  it('refuses properties longer than 32767 bytes and topics longer than 127', () => {
    expect(() => encodeStoredMessage({ ...goldenInput, properties: new Map([['K', 'x'.repeat(32767)]]) })).toThrow(/exceed/);
    expect(() => encodeStoredMessage({ ...goldenInput, topic: 'T'.repeat(128) })).toThrow(/127/);
  });
});
