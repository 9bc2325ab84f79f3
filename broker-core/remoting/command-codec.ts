import { decodeJsonHeader, jsonHeaderText } from './json-header';
import { decodeRocketmqHeader, encodeRocketmqHeader } from './rocketmq-header';
import { RemotingDecodeError } from './remoting-error';
import { SerializeType, type RemotingCommand } from './remoting-command';

/**
 * Frame layout (spec/remoting.md §2), all big-endian:
 *
 *   0        4                    8              8+headerLen                    4+length
 *   +--------+--------------------+--------------+-------------------------------+
 *   | length | type<<24|headerLen | header bytes | body bytes                    |
 *   +--------+--------------------+--------------+-------------------------------+
 *
 * `length` counts everything after itself (4 + headerLen + bodyLen). Type byte 0 = JSON, 1 = ROCKETMQ.
 * A whole frame, prefix included, is at most MAX_FRAME_SIZE bytes.
 */
export const MAX_FRAME_SIZE = 16 * 1024 * 1024;
export const LENGTH_PREFIX_SIZE = 4;

/** Encodes a command as [prefix + header] and body, so large bodies are written without being copied. */
export function encodeCommandParts(command: RemotingCommand): [Buffer, Buffer | undefined] {
  const binary = command.serializeType === SerializeType.ROCKETMQ ? encodeRocketmqHeader(command) : undefined;
  const text = binary ? '' : jsonHeaderText(command);
  const headerLength = binary ? binary.length : Buffer.byteLength(text, 'utf8');
  const bodyLength = command.body?.length ?? 0;
  const length = 4 + headerLength + bodyLength;
  if (length + LENGTH_PREFIX_SIZE > MAX_FRAME_SIZE) {
    throw new RangeError(`frame of ${length + LENGTH_PREFIX_SIZE} bytes exceeds the ${MAX_FRAME_SIZE}-byte maximum`);
  }
  const head = Buffer.allocUnsafe(8 + headerLength);
  head.writeInt32BE(length, 0);
  head.writeUInt32BE(((command.serializeType & 0xff) << 24) | headerLength, 4);
  if (binary) binary.copy(head, 8);
  else head.write(text, 8, 'utf8');
  return [head, bodyLength > 0 ? command.body : undefined];
}

export function encodeCommand(command: RemotingCommand): Buffer {
  const [head, body] = encodeCommandParts(command);
  return body ? Buffer.concat([head, body]) : head;
}

/** Decodes the bytes after the length prefix (what FrameDecoder yields). */
export function decodeCommand(frame: Buffer): RemotingCommand {
  if (frame.length < 4) throw new RemotingDecodeError(`frame of ${frame.length} bytes has no header length`);
  const word = frame.readUInt32BE(0);
  const type = (word >>> 24) & 0xff;
  const headerLength = word & 0x00ffffff;
  if (headerLength > frame.length - 4) {
    throw new RemotingDecodeError(`header length ${headerLength} exceeds frame length ${frame.length}`);
  }
  const headerBytes = frame.subarray(4, 4 + headerLength);
  let header;
  if (type === SerializeType.JSON) header = decodeJsonHeader(headerBytes);
  else if (type === SerializeType.ROCKETMQ) header = decodeRocketmqHeader(headerBytes);
  else throw new RemotingDecodeError(`unknown serialize type ${type}`);
  const body = frame.length > 4 + headerLength ? frame.subarray(4 + headerLength) : undefined;
  // Spelled out rather than spread: this runs once per frame.
  return {
    code: header.code,
    language: header.language,
    version: header.version,
    opaque: header.opaque,
    flag: header.flag,
    remark: header.remark,
    extFields: header.extFields,
    body,
    serializeType: type,
  };
}
