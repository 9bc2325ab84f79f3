import { languageFromByte, languageToByte } from '../protocol/language-code';
import type { HeaderFields } from './json-header';
import { RemotingDecodeError } from './remoting-error';

/**
 * ROCKETMQ binary header (serialize type 1), big-endian (spec/remoting.md §4):
 *
 *   +--------+----------+---------+--------+--------+-----------------+-------------------------------------+
 *   | code   | language | version | opaque | flag   | remark          | extFields                           |
 *   | int16  | int8     | int16   | int32  | int32  | int32 n + bytes | int32 m, then entries:              |
 *   |        |          |         |        |        | (n = 0 => null) |   int16 k + key, int32 v + value    |
 *   +--------+----------+---------+--------+--------+-----------------+-------------------------------------+
 *
 * Codes above int16 (POP, 200050+) cannot be carried in this form; encoding them throws.
 */
export function encodeRocketmqHeader(command: HeaderFields): Buffer {
  if (command.code > 0x7fff || command.code < -0x8000) {
    throw new RangeError(`code ${command.code} does not fit the ROCKETMQ binary header (int16)`);
  }
  const remark = command.remark ? Buffer.from(command.remark, 'utf8') : Buffer.alloc(0);
  const entries: Buffer[] = [];
  for (const [key, value] of Object.entries(command.extFields ?? {})) {
    if (value === undefined || value === null) continue;
    const keyBytes = Buffer.from(key, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const entry = Buffer.allocUnsafe(2 + keyBytes.length + 4 + valueBytes.length);
    entry.writeInt16BE(keyBytes.length, 0);
    keyBytes.copy(entry, 2);
    entry.writeInt32BE(valueBytes.length, 2 + keyBytes.length);
    valueBytes.copy(entry, 6 + keyBytes.length);
    entries.push(entry);
  }
  const extBytes = Buffer.concat(entries);
  const out = Buffer.allocUnsafe(2 + 1 + 2 + 4 + 4 + 4 + remark.length + 4 + extBytes.length);
  let pos = 0;
  pos = out.writeInt16BE(command.code, pos);
  pos = out.writeInt8(languageToByte(command.language), pos);
  pos = out.writeInt16BE((command.version << 16) >> 16, pos);
  pos = out.writeInt32BE(command.opaque | 0, pos);
  pos = out.writeInt32BE(command.flag | 0, pos);
  pos = out.writeInt32BE(remark.length, pos);
  pos += remark.copy(out, pos);
  pos = out.writeInt32BE(extBytes.length, pos);
  extBytes.copy(out, pos);
  return out;
}

export function decodeRocketmqHeader(bytes: Buffer): HeaderFields {
  const reader = new BoundedReader(bytes);
  const code = reader.int16();
  const language = languageFromByte(reader.int8());
  const version = reader.int16();
  const opaque = reader.int32();
  const flag = reader.int32();
  const remarkLength = reader.int32();
  const remark = remarkLength > 0 ? reader.utf8(remarkLength) : undefined;
  const extLength = reader.int32();
  let extFields: Record<string, string> | undefined;
  if (extLength > 0) {
    const ext = new BoundedReader(reader.bytes(extLength));
    extFields = {};
    while (!ext.done()) {
      const key = ext.utf8(ext.int16());
      const valueLength = ext.int32();
      // A zero-length value decodes as null upstream; null entries are dropped from the map.
      if (valueLength > 0) extFields[key] = ext.utf8(valueLength);
    }
  }
  return { code, language, version, opaque, flag, remark, extFields };
}

/** Reads within a buffer and turns any length that points outside it into a decode error. */
class BoundedReader {
  private pos = 0;
  constructor(private readonly buffer: Buffer) {}

  done(): boolean {
    return this.pos >= this.buffer.length;
  }

  int8(): number {
    this.need(1);
    return this.buffer.readInt8(this.pos++);
  }

  int16(): number {
    this.need(2);
    const value = this.buffer.readInt16BE(this.pos);
    this.pos += 2;
    return value;
  }

  int32(): number {
    this.need(4);
    const value = this.buffer.readInt32BE(this.pos);
    this.pos += 4;
    return value;
  }

  bytes(length: number): Buffer {
    this.need(length);
    const slice = this.buffer.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }

  utf8(length: number): string {
    return this.bytes(length).toString('utf8');
  }

  private need(length: number): void {
    if (length < 0 || this.pos + length > this.buffer.length) {
      throw new RemotingDecodeError(`ROCKETMQ header truncated: need ${length} bytes at ${this.pos} of ${this.buffer.length}`);
    }
  }
}
