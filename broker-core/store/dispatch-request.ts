import { javaCrc32 } from '../common/crc32';
import { javaStringHashCode } from '../common/java-hash';
import { readInt64 } from '../common/message/int64';
import { MessageConst, SystemTopic } from '../common/message/message-const';
import { decodeMessageProperties, pickMessageProperties, type MessageProperties } from '../common/message/message-properties';
import { isBornHostV6, isStoreHostV6 } from '../common/message/message-sysflag';
import { BLANK_MAGIC_CODE, hostFieldLength, MESSAGE_MAGIC_CODE, MESSAGE_MAGIC_CODE_V2, storedMessageLength } from '../common/message/stored-message-format';

/**
 * Record validation shared by recovery and dispatch (spec/store.md §3.3): reads one commit-log record and, for a
 * message, extracts what the consume-queue and index builders need. Layout in stored-message-format.ts.
 */
export interface DispatchRequest {
  topic: string;
  queueId: number;
  commitLogOffset: number;
  msgSize: number;
  /** TAGS hash sign-extended to 64 bits; the delivery time for SCHEDULE_TOPIC_XXXX (spec/store.md §6.4). */
  tagsCode: number;
  storeTimestamp: number;
  consumeQueueOffset: number;
  keys?: string;
  uniqKey?: string;
  sysFlag: number;
  preparedTransactionOffset: number;
  bornTimestamp: number;
  properties: MessageProperties;
}

const DISPATCH_PROPERTIES = [MessageConst.TAGS, MessageConst.KEYS, MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, MessageConst.DELAY_TIME_LEVEL] as const;

/** A dispatched record; its properties map is decoded from the text only if someone asks (arrival listeners). */
class DispatchedRecord implements DispatchRequest {
  private decoded: MessageProperties | undefined;

  constructor(
    readonly topic: string,
    readonly queueId: number,
    readonly commitLogOffset: number,
    readonly msgSize: number,
    readonly tagsCode: number,
    readonly storeTimestamp: number,
    readonly consumeQueueOffset: number,
    readonly keys: string | undefined,
    readonly uniqKey: string | undefined,
    readonly sysFlag: number,
    readonly preparedTransactionOffset: number,
    readonly bornTimestamp: number,
    private readonly propertiesText: string,
  ) {}

  get properties(): MessageProperties {
    return (this.decoded ??= decodeMessageProperties(this.propertiesText));
  }
}

export type RecordCheck =
  | { kind: 'message'; size: number; request: DispatchRequest }
  | { kind: 'blank'; size: number }
  /** Zeros: nothing was ever written here. */
  | { kind: 'end' }
  /** The record continues past the bytes given; read `size` bytes from its start and check again. */
  | { kind: 'incomplete'; size: number }
  | { kind: 'corrupt'; size: number; reason: string };

export interface RecordCheckOptions {
  checkCRC: boolean;
  /** Delay of each level in ms (index = level − 1), for the tag code of delayed messages. */
  delayLevels: readonly number[];
}

/** Tag code of a message: Java `String.hashCode` of TAGS widened to a long, 0 without tags. */
export function tagsCodeOf(tags: string | undefined): number {
  return tags ? javaStringHashCode(tags) : 0;
}

/** Delivery time of a delayed message (Java `ScheduleMessageService#computeDeliverTimestamp`). */
export function deliverTimestamp(level: number, storeTimestamp: number, delayLevels: readonly number[]): number {
  const delay = delayLevels[level - 1];
  return delay === undefined ? storeTimestamp + 1000 : storeTimestamp + delay;
}

// Records of one topic come in runs: reusing the last decoded string skips a decode, and its cached hash makes the
// consume-queue map look-up that follows cheaper.
let lastTopic = '';
let lastTopicBytes = Buffer.alloc(0);

function topicAt(buffer: Buffer, position: number, length: number): string {
  if (length === lastTopicBytes.length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (buffer[position + i] !== lastTopicBytes[i]) {
        same = false;
        break;
      }
    }
    if (same) return lastTopic;
  }
  lastTopic = buffer.toString('utf8', position, position + length);
  lastTopicBytes = Buffer.from(buffer.subarray(position, position + length));
  return lastTopic;
}

export function checkRecord(buffer: Buffer, offset: number, options: RecordCheckOptions): RecordCheck {
  const available = buffer.length - offset;
  if (available < 8) {
    if (available >= 4 && buffer.readInt32BE(offset) === 0) return { kind: 'end' };
    return { kind: 'incomplete', size: 8 };
  }
  const totalSize = buffer.readInt32BE(offset);
  const magic = buffer.readInt32BE(offset + 4);
  if (magic === BLANK_MAGIC_CODE) return totalSize >= 8 ? { kind: 'blank', size: totalSize } : { kind: 'corrupt', size: -1, reason: 'bad blank size' };
  if (totalSize === 0 && magic === 0) return { kind: 'end' };
  if (magic !== MESSAGE_MAGIC_CODE && magic !== MESSAGE_MAGIC_CODE_V2) return { kind: 'corrupt', size: -1, reason: `bad magic 0x${(magic >>> 0).toString(16)}` };
  if (totalSize < 84 + 4 + 1 + 2) return { kind: 'corrupt', size: -1, reason: `impossible size ${totalSize}` };
  if (totalSize > available) return { kind: 'incomplete', size: totalSize };

  const end = offset + totalSize;
  const queueId = buffer.readInt32BE(offset + 12);
  const queueOffset = readInt64(buffer, offset + 20);
  const physicalOffset = readInt64(buffer, offset + 28);
  const sysFlag = buffer.readInt32BE(offset + 36);
  const bornTimestamp = readInt64(buffer, offset + 40);
  let position = offset + 48 + hostFieldLength(isBornHostV6(sysFlag));
  const storeTimestamp = readInt64(buffer, position);
  position += 8 + hostFieldLength(isStoreHostV6(sysFlag)) + 4;
  if (position + 12 > end) return { kind: 'corrupt', size: totalSize, reason: 'fields past record end' };
  const preparedTransactionOffset = readInt64(buffer, position);
  position += 8;
  const bodyLength = buffer.readInt32BE(position);
  position += 4;
  if (bodyLength < 0 || position + bodyLength > end) return { kind: 'corrupt', size: totalSize, reason: `bad body length ${bodyLength}` };
  if (options.checkCRC && javaCrc32(buffer.subarray(position, position + bodyLength)) !== buffer.readInt32BE(offset + 8)) {
    return { kind: 'corrupt', size: totalSize, reason: 'body CRC mismatch' };
  }
  position += bodyLength;
  const v2 = magic === MESSAGE_MAGIC_CODE_V2;
  const topicLength = v2 ? buffer.readInt16BE(position) : buffer.readInt8(position);
  position += v2 ? 2 : 1;
  if (topicLength <= 0 || position + topicLength + 2 > end) return { kind: 'corrupt', size: totalSize, reason: `bad topic length ${topicLength}` };
  const topic = topicAt(buffer, position, topicLength);
  position += topicLength;
  const propertiesLength = buffer.readInt16BE(position);
  position += 2;
  if (propertiesLength < 0 || position + propertiesLength > end) return { kind: 'corrupt', size: totalSize, reason: 'bad properties length' };
  const propertiesText = propertiesLength > 0 ? buffer.toString('utf8', position, position + propertiesLength) : '';
  const computed = storedMessageLength(bodyLength, topicLength, propertiesLength, isBornHostV6(sysFlag), isStoreHostV6(sysFlag), v2);
  if (computed !== totalSize) return { kind: 'corrupt', size: totalSize, reason: `fields add up to ${computed}, TOTALSIZE ${totalSize}` };

  const [tags, keys, uniqKey, delayLevel] = pickMessageProperties(propertiesText, DISPATCH_PROPERTIES);
  let tagsCode = tagsCodeOf(tags);
  if (topic === SystemTopic.SCHEDULE_TOPIC) {
    const level = Number.parseInt(delayLevel ?? '', 10);
    if (level > 0) tagsCode = deliverTimestamp(Math.min(level, options.delayLevels.length), storeTimestamp, options.delayLevels);
  }
  return {
    kind: 'message',
    size: totalSize,
    request: new DispatchedRecord(topic, queueId, physicalOffset, totalSize, tagsCode, storeTimestamp, queueOffset, keys, uniqKey, sysFlag, preparedTransactionOffset, bornTimestamp, propertiesText),
  };
}
