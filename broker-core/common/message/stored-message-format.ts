import { javaCrc32 } from '../crc32';
import { encodeHostAddress } from './host-address';
import { writeInt64 } from './int64';
import { MAX_TOPIC_LENGTH } from './message-const';
import { encodeMessageProperties, type MessageProperties } from './message-properties';
import { withHostFlags } from './message-sysflag';

/**
 * A stored message, v1 layout (spec/message-format.md §1). The same bytes are a commit-log record, one element of a
 * pull / query body and the body of VIEW_MESSAGE_BY_ID. Big-endian; offsets shown for IPv4 born and store hosts.
 *
 *    0      4      8      12     16     20            28            36     40            48
 *    +------+------+------+------+------+-------------+-------------+------+-------------+----------+
 *    |TOTAL |MAGIC |BODY  |QUEUE |FLAG  |QUEUE OFFSET |PHYSICAL     |SYS   |BORN         |BORN HOST |
 *    |SIZE  |CODE  |CRC   |ID    |      |(int64)      |OFFSET(int64)|FLAG  |TIMESTAMP    |8 or 20 B |
 *    +------+------+------+------+------+-------------+-------------+------+-------------+----------+
 *    56 (+12 if born v6)  64             72            76                 84
 *    +-------------+------------+--------+-------------------+--------+--------+-------+------+-------+-------+
 *    |STORE        |STORE HOST  |RECON-  |PREPARED TRANSACT. |BODY    |BODY    |TOPIC  |TOPIC |PROPS  |PROPS  |
 *    |TIMESTAMP    |8 or 20 B   |SUME    |OFFSET (int64)     |LENGTH  |n bytes |LEN 1 B|t B   |LEN i16|p bytes|
 *    +-------------+------------+--------+-------------------+--------+--------+-------+------+-------+-------+
 *
 * v2 (magic 0xDAA320AB) differs only in a 2-byte topic length; we decode it but always write v1.
 * The commit log fills QUEUE OFFSET, PHYSICAL OFFSET and STORE TIMESTAMP in place (`patchStoredMessage`).
 */
export const MESSAGE_MAGIC_CODE = 0xdaa320a7 | 0; // -626843481
export const MESSAGE_MAGIC_CODE_V2 = 0xdaa320ab | 0; // -626843477
/** Magic of the end-of-segment blank record (spec/message-format.md §2). */
export const BLANK_MAGIC_CODE = 0xcbd43194 | 0; // -875286124
export const MAX_PROPERTIES_LENGTH = 32767;

export const StoredMessageOffset = {
  TOTAL_SIZE: 0,
  MAGIC_CODE: 4,
  BODY_CRC: 8,
  QUEUE_ID: 12,
  FLAG: 16,
  QUEUE_OFFSET: 20,
  PHYSICAL_OFFSET: 28,
  SYS_FLAG: 36,
  BORN_TIMESTAMP: 40,
  BORN_HOST: 48,
} as const;

export function hostFieldLength(ipv6: boolean): number {
  return ipv6 ? 20 : 8;
}

/** Offset of STORETIMESTAMP, which moves with the born host width. */
export function storeTimestampOffset(bornHostV6: boolean): number {
  return StoredMessageOffset.BORN_HOST + hostFieldLength(bornHostV6);
}

/** Total record length for the given field lengths (v1: 1-byte topic length; v2: 2 bytes). */
export function storedMessageLength(bodyLength: number, topicLength: number, propertiesLength: number, bornHostV6 = false, storeHostV6 = false, v2 = false): number {
  return 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + hostFieldLength(bornHostV6) + 8 + hostFieldLength(storeHostV6) + 4 + 8 + 4 + bodyLength + (v2 ? 2 : 1) + topicLength + 2 + propertiesLength;
}

export interface StoredMessageInput {
  topic: string;
  queueId: number;
  flag: number;
  /** The body as stored: already compressed when the sysflag says so. */
  body: Buffer;
  properties: MessageProperties | string;
  sysFlag: number;
  bornTimestamp: number;
  bornHost: string;
  storeHost: string;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  /** Placeholders (0) when absent: the commit log patches them at append time. */
  queueOffset?: number;
  commitLogOffset?: number;
  storeTimestamp?: number;
  /** Computed from the body when absent. */
  bodyCRC?: number;
}

export type MessageEncodeFailure = 'TOPIC_TOO_LONG' | 'PROPERTIES_SIZE_EXCEEDED';

export class MessageEncodeError extends Error {
  constructor(readonly reason: MessageEncodeFailure, message: string) {
    super(message);
    this.name = 'MessageEncodeError';
  }
}

// Producers and the store host repeat; remembering the last encodings avoids re-parsing `ip:port` per message.
const hostCache = new Map<string, Buffer>();
function cachedHostBytes(address: string): Buffer {
  let bytes = hostCache.get(address);
  if (!bytes) {
    bytes = encodeHostAddress(address);
    if (hostCache.size >= 1024) hostCache.clear();
    hostCache.set(address, bytes);
  }
  return bytes;
}

/**
 * A record validated and measured but not yet written: the commit log writes it straight into its group buffer
 * (`writePreparedMessage`), so a put costs no record-sized allocation or extra copy. Host-width sysflag bits are set
 * from the addresses given.
 */
export interface PreparedStoredMessage {
  readonly length: number;
  readonly input: StoredMessageInput;
  readonly propertiesText: string;
  readonly propertiesLength: number;
  readonly topicLength: number;
  readonly sysFlag: number;
  readonly bornHost: Buffer;
  readonly storeHost: Buffer;
}

// Checked at prepare time so that writing, which happens later inside a commit-log group, cannot fail on a field.
const INT32_FIELDS = ['queueId', 'flag', 'sysFlag', 'reconsumeTimes'] as const;
const INT64_FIELDS = ['bornTimestamp', 'preparedTransactionOffset'] as const;
const OPTIONAL_INT64_FIELDS = ['queueOffset', 'commitLogOffset', 'storeTimestamp'] as const;

function checkInt32(name: string, value: number): void {
  if (value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`${name} ${value} does not fit an int32`);
}

function checkInt64(name: string, value: number): void {
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) throw new RangeError(`${name} ${value} is not an exact int64`);
}

/** Validates lengths and measures the record (throws MessageEncodeError like `encodeStoredMessage`). */
export function prepareStoredMessage(input: StoredMessageInput): PreparedStoredMessage {
  const propertiesText = typeof input.properties === 'string' ? input.properties : encodeMessageProperties(input.properties);
  const topicLength = Buffer.byteLength(input.topic, 'utf8');
  if (topicLength > MAX_TOPIC_LENGTH) {
    throw new MessageEncodeError('TOPIC_TOO_LONG', `topic of ${topicLength} bytes exceeds ${MAX_TOPIC_LENGTH}`);
  }
  const propertiesLength = Buffer.byteLength(propertiesText, 'utf8');
  if (propertiesLength > MAX_PROPERTIES_LENGTH) {
    throw new MessageEncodeError('PROPERTIES_SIZE_EXCEEDED', `properties of ${propertiesLength} bytes exceed ${MAX_PROPERTIES_LENGTH}`);
  }
  for (const name of INT32_FIELDS) checkInt32(name, input[name]);
  for (const name of INT64_FIELDS) checkInt64(name, input[name]);
  for (const name of OPTIONAL_INT64_FIELDS) checkInt64(name, input[name] ?? 0);
  checkInt32('bodyCRC', input.bodyCRC ?? 0);
  const bornHost = cachedHostBytes(input.bornHost);
  const storeHost = cachedHostBytes(input.storeHost);
  const bornV6 = bornHost.length === 20;
  const storeV6 = storeHost.length === 20;
  return {
    length: storedMessageLength(input.body.length, topicLength, propertiesLength, bornV6, storeV6),
    input,
    propertiesText,
    propertiesLength,
    topicLength,
    sysFlag: withHostFlags(input.sysFlag, bornV6, storeV6),
    bornHost,
    storeHost,
  };
}

/** Writes a prepared record at `offset` of `out` (which must have `prepared.length` bytes there). */
export function writePreparedMessage(prepared: PreparedStoredMessage, out: Buffer, offset: number): void {
  const { input, length } = prepared;
  const body = input.body;
  out.writeInt32BE(length, offset);
  out.writeInt32BE(MESSAGE_MAGIC_CODE, offset + 4);
  out.writeInt32BE(input.bodyCRC ?? javaCrc32(body), offset + 8);
  out.writeInt32BE(input.queueId, offset + 12);
  out.writeInt32BE(input.flag, offset + 16);
  writeInt64(out, input.queueOffset ?? 0, offset + 20);
  writeInt64(out, input.commitLogOffset ?? 0, offset + 28);
  out.writeInt32BE(prepared.sysFlag, offset + 36);
  writeInt64(out, input.bornTimestamp, offset + 40);
  let position = offset + 48;
  position += prepared.bornHost.copy(out, position);
  writeInt64(out, input.storeTimestamp ?? 0, position);
  position += 8;
  position += prepared.storeHost.copy(out, position);
  out.writeInt32BE(input.reconsumeTimes, position);
  position += 4;
  writeInt64(out, input.preparedTransactionOffset, position);
  position += 8;
  out.writeInt32BE(body.length, position);
  position += 4;
  position += body.copy(out, position);
  out.writeInt8(prepared.topicLength, position);
  position += 1;
  position += out.write(input.topic, position, 'utf8');
  out.writeInt16BE(prepared.propertiesLength, position);
  position += 2;
  out.write(prepared.propertiesText, position, 'utf8');
}

/** Encodes one record in the v1 layout. Host-width sysflag bits are set from the addresses given. */
export function encodeStoredMessage(input: StoredMessageInput): Buffer {
  const prepared = prepareStoredMessage(input);
  const out = Buffer.allocUnsafe(prepared.length);
  writePreparedMessage(prepared, out, 0);
  return out;
}

/** Fills the three fields the commit log only knows at append time. */
export function patchStoredMessage(record: Buffer, offset: number, queueOffset: number, physicalOffset: number, storeTimestamp: number): void {
  writeInt64(record, queueOffset, offset + StoredMessageOffset.QUEUE_OFFSET);
  writeInt64(record, physicalOffset, offset + StoredMessageOffset.PHYSICAL_OFFSET);
  const bornHostV6 = (record.readInt32BE(offset + StoredMessageOffset.SYS_FLAG) & 0x10) !== 0;
  writeInt64(record, storeTimestamp, offset + storeTimestampOffset(bornHostV6));
}
