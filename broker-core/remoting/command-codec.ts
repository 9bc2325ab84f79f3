import { decodeJsonHeader, encodeJsonHeader } from './json-header';
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
  const header = command.serializeType === SerializeType.ROCKETMQ ? encodeRocketmqHeader(command) : encodeJsonHeader(command);
  const bodyLength = command.body?.length ?? 0;
  const length = 4 + header.length + bodyLength;
  if (length + LENGTH_PREFIX_SIZE > MAX_FRAME_SIZE) {
    throw new RangeError(`frame of ${length + LENGTH_PREFIX_SIZE} bytes exceeds the ${MAX_FRAME_SIZE}-byte maximum`);
  }
  const head = Buffer.allocUnsafe(8 + header.length);
  head.writeInt32BE(length, 0);
  head.writeUInt32BE(((command.serializeType & 0xff) << 24) | header.length, 4);
  header.copy(head, 8);
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
  return { ...header, body, serializeType: type };
}
