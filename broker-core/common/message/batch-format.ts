import { encodeMessageProperties, decodeMessageProperties, type MessageProperties } from './message-properties';
import { MAX_PROPERTIES_LENGTH } from './stored-message-format';

/**
 * SEND_BATCH_MESSAGE body (spec/message-format.md §8, Java `MessageDecoder#encodeMessages`): records back to back,
 *
 *    0            4            8            12     16            20+n          22+n
 *    +------------+------------+------------+------+-------------+------+------+-----------+
 *    | TOTALSIZE  | MAGICCODE  | BODYCRC    | FLAG | BODY LENGTH | BODY n B    | PROPS LEN | PROPS p B
 *    | 22 + n + p | 0, ignored | 0, ignored |      | (int32)     |             | (int16)   |
 *    +------------+------------+------------+------+-------------+-------------+-----------+
 *
 * Topic, queue, sysflag and born data come from the request header; the broker recomputes every CRC.
 */
export interface BatchMessage {
  flag: number;
  body: Buffer;
  properties: MessageProperties;
}

export class BatchDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchDecodeError';
  }
}

const BATCH_RECORD_OVERHEAD = 22;

export function encodeBatchMessages(messages: readonly BatchMessage[]): Buffer {
  const parts: Buffer[] = [];
  for (const message of messages) {
    const properties = Buffer.from(encodeMessageProperties(message.properties), 'utf8');
    if (properties.length > MAX_PROPERTIES_LENGTH) {
      throw new RangeError(`properties of ${properties.length} bytes exceed ${MAX_PROPERTIES_LENGTH}`);
    }
    const record = Buffer.allocUnsafe(BATCH_RECORD_OVERHEAD + message.body.length + properties.length);
    record.writeInt32BE(record.length, 0);
    record.writeInt32BE(0, 4);
    record.writeInt32BE(0, 8);
    record.writeInt32BE(message.flag, 12);
    record.writeInt32BE(message.body.length, 16);
    message.body.copy(record, 20);
    record.writeInt16BE(properties.length, 20 + message.body.length);
    properties.copy(record, 22 + message.body.length);
    parts.push(record);
  }
  return Buffer.concat(parts);
}

/** Decodes a batch body; any inconsistency fails the whole batch (the broker answers MESSAGE_ILLEGAL). */
export function decodeBatchMessages(body: Buffer): BatchMessage[] {
  const messages: BatchMessage[] = [];
  let offset = 0;
  while (offset < body.length) {
    if (body.length - offset < BATCH_RECORD_OVERHEAD) throw new BatchDecodeError(`truncated batch record at byte ${offset}`);
    const totalSize = body.readInt32BE(offset);
    const flag = body.readInt32BE(offset + 12);
    const bodyLength = body.readInt32BE(offset + 16);
    if (bodyLength < 0 || offset + 20 + bodyLength + 2 > body.length) throw new BatchDecodeError(`bad body length ${bodyLength} at byte ${offset}`);
    const messageBody = body.subarray(offset + 20, offset + 20 + bodyLength);
    const propertiesLength = body.readInt16BE(offset + 20 + bodyLength);
    const propertiesStart = offset + 22 + bodyLength;
    if (propertiesLength < 0 || propertiesStart + propertiesLength > body.length) {
      throw new BatchDecodeError(`bad properties length ${propertiesLength} at byte ${offset}`);
    }
    if (totalSize !== BATCH_RECORD_OVERHEAD + bodyLength + propertiesLength) {
      throw new BatchDecodeError(`TOTALSIZE ${totalSize} does not match the fields at byte ${offset}`);
    }
    const properties = decodeMessageProperties(body.toString('utf8', propertiesStart, propertiesStart + propertiesLength));
    messages.push({ flag, body: messageBody, properties });
    offset += totalSize;
  }
  return messages;
}
