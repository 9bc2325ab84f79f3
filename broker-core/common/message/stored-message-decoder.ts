import { uncompressedBody } from './compression';
import { decodeHostAddress } from './host-address';
import { readInt64 } from './int64';
import { MessageConst } from './message-const';
import type { MessageExt } from './message-ext';
import { createOffsetMessageId } from './message-id';
import { decodeMessageProperties } from './message-properties';
import { isBornHostV6, isStoreHostV6, MessageSysFlag } from './message-sysflag';
import { hostFieldLength, MESSAGE_MAGIC_CODE, MESSAGE_MAGIC_CODE_V2, storedMessageLength } from './stored-message-format';

/** Decoder of the layout drawn in stored-message-format.ts (v1 and v2 magic, IPv4 and IPv6 hosts). */
export class MessageDecodeError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (record at byte ${offset})`);
    this.name = 'MessageDecodeError';
  }
}

export interface DecodeOptions {
  /** Skip copying the body (the result's body is empty). Default true = read it. */
  readBody?: boolean;
  /** Inflate a compressed body and clear sysflag bit 0, as Java clients do. Default false (body as stored). */
  decompressBody?: boolean;
}

export function decodeStoredMessage(buffer: Buffer, offset = 0, options: DecodeOptions = {}): MessageExt {
  const available = buffer.length - offset;
  if (available < 4) throw new MessageDecodeError('truncated record header', offset);
  const storeSize = buffer.readInt32BE(offset);
  if (storeSize < 4 || storeSize > available) throw new MessageDecodeError(`record size ${storeSize} outside the ${available} bytes left`, offset);
  const magicCode = buffer.readInt32BE(offset + 4);
  if (magicCode !== MESSAGE_MAGIC_CODE && magicCode !== MESSAGE_MAGIC_CODE_V2) {
    throw new MessageDecodeError(`bad magic code 0x${(magicCode >>> 0).toString(16)}`, offset);
  }
  const end = offset + storeSize;
  const need = (position: number, bytes: number) => {
    if (position + bytes > end) throw new MessageDecodeError('field runs past the record end', offset);
  };

  const bodyCRC = buffer.readInt32BE(offset + 8);
  const queueId = buffer.readInt32BE(offset + 12);
  const flag = buffer.readInt32BE(offset + 16);
  const queueOffset = readInt64(buffer, offset + 20);
  const commitLogOffset = readInt64(buffer, offset + 28);
  let sysFlag = buffer.readInt32BE(offset + 36);
  const bornTimestamp = readInt64(buffer, offset + 40);
  const bornV6 = isBornHostV6(sysFlag);
  const storeV6 = isStoreHostV6(sysFlag);
  let position = offset + 48;
  need(position, hostFieldLength(bornV6) + 8 + hostFieldLength(storeV6) + 4 + 8 + 4);
  const bornHost = decodeHostAddress(buffer, position, bornV6);
  position += hostFieldLength(bornV6);
  const storeTimestamp = readInt64(buffer, position);
  position += 8;
  const storeHost = decodeHostAddress(buffer, position, storeV6);
  position += hostFieldLength(storeV6);
  const reconsumeTimes = buffer.readInt32BE(position);
  position += 4;
  const preparedTransactionOffset = readInt64(buffer, position);
  position += 8;
  const bodyLength = buffer.readInt32BE(position);
  position += 4;
  if (bodyLength < 0) throw new MessageDecodeError(`negative body length ${bodyLength}`, offset);
  need(position, bodyLength);
  let body: Buffer = options.readBody === false ? Buffer.alloc(0) : Buffer.from(buffer.subarray(position, position + bodyLength));
  position += bodyLength;
  const v2 = magicCode === MESSAGE_MAGIC_CODE_V2;
  need(position, v2 ? 2 : 1);
  const topicLength = v2 ? buffer.readInt16BE(position) : buffer.readInt8(position);
  position += v2 ? 2 : 1;
  if (topicLength < 0) throw new MessageDecodeError(`negative topic length ${topicLength}`, offset);
  need(position, topicLength);
  const topic = buffer.toString('utf8', position, position + topicLength);
  position += topicLength;
  need(position, 2);
  const propertiesLength = buffer.readInt16BE(position);
  position += 2;
  if (propertiesLength < 0) throw new MessageDecodeError(`negative properties length ${propertiesLength}`, offset);
  need(position, propertiesLength);
  const properties = decodeMessageProperties(buffer.toString('utf8', position, position + propertiesLength));
  const expected = storedMessageLength(bodyLength, topicLength, propertiesLength, bornV6, storeV6, v2);
  if (expected !== storeSize) throw new MessageDecodeError(`fields add up to ${expected} bytes, TOTALSIZE says ${storeSize}`, offset);

  if (options.decompressBody && options.readBody !== false && (sysFlag & MessageSysFlag.COMPRESSED_FLAG) !== 0) {
    body = uncompressedBody(body, sysFlag);
    sysFlag &= ~MessageSysFlag.COMPRESSED_FLAG;
  }

  return {
    storeSize,
    magicCode,
    bodyCRC,
    queueId,
    flag,
    queueOffset,
    commitLogOffset,
    sysFlag,
    bornTimestamp,
    bornHost,
    storeTimestamp,
    storeHost,
    reconsumeTimes,
    preparedTransactionOffset,
    body,
    topic,
    properties,
    msgId: createOffsetMessageId(storeHost, commitLogOffset),
    tags: properties.get(MessageConst.TAGS),
    keys: properties.get(MessageConst.KEYS),
    uniqKey: properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
  };
}

/**
 * Decodes a pull / query body (records back to back). Like the Java client it stops at the first malformed record
 * and drops the rest; `strict` throws instead.
 */
export function decodeStoredMessages(body: Buffer, options: DecodeOptions & { strict?: boolean } = {}): MessageExt[] {
  const messages: MessageExt[] = [];
  let offset = 0;
  while (offset < body.length) {
    try {
      const message = decodeStoredMessage(body, offset, options);
      messages.push(message);
      offset += message.storeSize;
    } catch (error) {
      if (options.strict) throw error;
      break;
    }
  }
  return messages;
}
