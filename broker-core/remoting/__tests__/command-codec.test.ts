import { describe, expect, it } from 'vitest';
import { decodeCommand, encodeCommand } from '../command-codec';
import { FrameDecoder } from '../frame-decoder';
import { SerializeType, type RemotingCommand } from '../remoting-command';
import { RemotingDecodeError } from '../remoting-error';

// Golden vectors written by hand from spec/remoting.md §2-§4.

const routeRequestJsonHeader =
  '{"code":105,"extFields":{"topic":"T"},"flag":0,"language":"JAVA","opaque":1,"serializeTypeCurrentRPC":"JSON","version":409}';

function jsonFrame(header: string, body = Buffer.alloc(0)): Buffer {
  const headerBytes = Buffer.from(header, 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeInt32BE(4 + headerBytes.length + body.length, 0);
  prefix.writeInt32BE(headerBytes.length, 4); // type byte 0 = JSON
  return Buffer.concat([prefix, headerBytes, body]);
}

const routeRequest: RemotingCommand = {
  code: 105,
  language: 'JAVA',
  version: 409,
  opaque: 1,
  flag: 0,
  remark: undefined,
  extFields: { topic: 'T' },
  body: undefined,
  serializeType: SerializeType.JSON,
};

// ROCKETMQ binary: same command. Header = 33 bytes, frame length = 37.
const routeRequestBinary = Buffer.from(
  [
    '00000025', // length = 4 + 33
    '01000021', // type 1 (ROCKETMQ) << 24 | header length 33
    '0069', // code 105
    '00', // language JAVA
    '0199', // version 409
    '00000001', // opaque
    '00000000', // flag
    '00000000', // remark length 0 => null
    '0000000c', // extFields area: 12 bytes
    '0005', '746f706963', // key "topic"
    '00000001', '54', // value "T"
  ].join(''),
  'hex',
);

describe('command codec: JSON header', () => {
  it('decodes a hand-written JSON frame and encodes it back to the same bytes', () => {
    const frame = jsonFrame(routeRequestJsonHeader);
    const decoded = decodeCommand(frame.subarray(4));
    expect(decoded).toEqual(routeRequest);
    expect(encodeCommand(decoded).equals(frame)).toBe(true);
  });

  it('carries the body after the header and marks responses with flag bit 0', () => {
    const header = '{"code":0,"flag":1,"language":"JAVA","opaque":9,"remark":"ok","serializeTypeCurrentRPC":"JSON","version":409}';
    const frame = jsonFrame(header, Buffer.from('hello'));
    const decoded = decodeCommand(frame.subarray(4));
    expect(decoded.flag & 1).toBe(1);
    expect(decoded.remark).toBe('ok');
    expect(decoded.body?.toString()).toBe('hello');
    expect(encodeCommand(decoded).equals(frame)).toBe(true);
  });

  it('coerces extFields numbers and booleans (as ali-ons sends them) to strings and ignores unknown keys', () => {
    const header = '{"code":310,"extFields":{"queueId":0,"k":false,"g":1700000000000},"flag":0,"language":"JAVA","opaque":3,"version":121,"x":1}';
    const decoded = decodeCommand(jsonFrame(header).subarray(4));
    expect(decoded.extFields).toEqual({ queueId: '0', k: 'false', g: '1700000000000' });
  });

  it('accepts the language as an ordinal, as fastjson does', () => {
    const header = '{"code":34,"flag":0,"language":3,"opaque":3,"version":121}';
    expect(decodeCommand(jsonFrame(header).subarray(4)).language).toBe('PYTHON');
  });

  it('rejects invalid JSON and a header length beyond the frame', () => {
    expect(() => decodeCommand(jsonFrame('{"code":').subarray(4))).toThrow(RemotingDecodeError);
    const frame = Buffer.from('0000000400000100', 'hex');
    expect(() => decodeCommand(frame.subarray(4))).toThrow(RemotingDecodeError);
  });
});

describe('command codec: ROCKETMQ binary header', () => {
  it('decodes a hand-written binary frame and encodes it back to the same bytes', () => {
    const decoded = decodeCommand(routeRequestBinary.subarray(4));
    expect(decoded).toEqual({ ...routeRequest, serializeType: SerializeType.ROCKETMQ });
    expect(encodeCommand(decoded).equals(routeRequestBinary)).toBe(true);
  });

  it('encodes a remark and a body', () => {
    const command: RemotingCommand = {
      ...routeRequest,
      serializeType: SerializeType.ROCKETMQ,
      code: 17,
      flag: 1,
      remark: 'é',
      extFields: undefined,
      body: Buffer.from([1, 2, 3]),
    };
    const bytes = encodeCommand(command);
    // remark "é" is 2 UTF-8 bytes: header = 2+1+2+4+4+(4+2)+4 = 23
    expect(bytes.toString('hex')).toBe(
      ['0000001e', '01000017', '0011', '00', '0199', '00000001', '00000001', '00000002', 'c3a9', '00000000', '010203'].join(''),
    );
    expect(decodeCommand(bytes.subarray(4))).toEqual({ ...command, extFields: undefined });
  });

  it('rejects a remark length that points beyond the header', () => {
    const bad = Buffer.from(routeRequestBinary);
    bad.writeInt32BE(1000, 4 + 4 + 13); // remark length field
    expect(() => decodeCommand(bad.subarray(4))).toThrow(RemotingDecodeError);
  });

  it('refuses to encode codes above int16', () => {
    expect(() => encodeCommand({ ...routeRequest, code: 200050, serializeType: SerializeType.ROCKETMQ })).toThrow(RangeError);
  });
});

describe('frame decoder', () => {
  const a = jsonFrame(routeRequestJsonHeader);
  const b = Buffer.from(routeRequestBinary);

  it('reassembles frames split across reads, one byte at a time', () => {
    const decoder = new FrameDecoder();
    const frames: Buffer[] = [];
    for (const byte of Buffer.concat([a, b])) frames.push(...decoder.push(Buffer.from([byte])));
    expect(frames.map((frame) => decodeCommand(frame).serializeType)).toEqual([0, 1]);
  });

  it('splits coalesced reads into frames', () => {
    const decoder = new FrameDecoder();
    const frames = decoder.push(Buffer.concat([a, b, a]));
    expect(frames).toHaveLength(3);
    expect(frames[2].equals(a.subarray(4))).toBe(true);
  });

  it('refuses a length prefix above 16 MiB before buffering it', () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(Buffer.from('7fffffff', 'hex'))).toThrow(RemotingDecodeError);
  });

  it('accepts a frame of exactly 16 MiB and refuses one byte more', () => {
    const ok = Buffer.alloc(4);
    ok.writeInt32BE(16 * 1024 * 1024 - 4, 0);
    expect(() => new FrameDecoder().push(ok)).not.toThrow();
    const tooBig = Buffer.alloc(4);
    tooBig.writeInt32BE(16 * 1024 * 1024 - 3, 0);
    expect(() => new FrameDecoder().push(tooBig)).toThrow(RemotingDecodeError);
  });
});
