import { readInt64 } from '../common/message/int64';
import type { MessageExt } from '../common/message/message-ext';
import { decodeStoredMessage } from '../common/message/stored-message-decoder';
import { storeTimestampOffset, StoredMessageOffset } from '../common/message/stored-message-format';
import type { CommitLog } from './commit-log';
import type { ConsumeQueue } from './consume-queue';
import { CQ_STORE_UNIT_SIZE, FILLER_UNIT_SIZE } from './consume-queue-format';
import type { IndexService } from './index-service';
import type { QueryMessageResult } from './store-types';

/** Look-ups that read the commit log through an offset: by physical offset, by time, by key. */

export interface LookedUpMessage {
  record: Buffer;
  message: MessageExt;
}

/** The record at `commitLogOffset` (read TOTALSIZE, then the record), or null if absent or invalid. */
export async function lookMessageByOffset(commitLog: CommitLog, commitLogOffset: number, size?: number): Promise<LookedUpMessage | null> {
  let record: Buffer | null;
  if (size === undefined) {
    // One read usually covers the record; a second one only for records over 4 KiB.
    const head = await commitLog.readChunk(commitLogOffset, 4096);
    if (!head || head.length < 4) return null;
    const length = head.readInt32BE(0);
    if (length <= 0) return null;
    record = length <= head.length ? head.subarray(0, length) : await commitLog.read(commitLogOffset, length);
  } else {
    record = size > 0 ? await commitLog.read(commitLogOffset, size) : null;
  }
  if (!record) return null;
  try {
    const message = decodeStoredMessage(record, 0);
    return message.commitLogOffset === commitLogOffset ? { record, message } : null;
  } catch {
    return null;
  }
}

/** STORETIMESTAMP of the record at `offset`, or -1 (upstream `pickupStoreTimestamp`). */
export async function pickupStoreTimestamp(commitLog: CommitLog, offset: number, size: number): Promise<number> {
  if (offset < commitLog.minOffset || size < StoredMessageOffset.BORN_HOST + 40) return -1;
  const head = await commitLog.read(offset, StoredMessageOffset.BORN_HOST + 40);
  if (!head) return -1;
  const bornV6 = (head.readInt32BE(StoredMessageOffset.SYS_FLAG) & 0x10) !== 0;
  return readInt64(head, storeTimestampOffset(bornV6));
}

/** Store time of the message at `queueOffset` of `queue`, or -1. */
export async function queueMessageStoreTimestamp(commitLog: CommitLog, queue: ConsumeQueue, queueOffset: number): Promise<number> {
  const unit = await queue.readUnits(queueOffset, CQ_STORE_UNIT_SIZE);
  if (!unit || unit.length < CQ_STORE_UNIT_SIZE) return -1;
  const size = unit.readInt32BE(8);
  if (size === FILLER_UNIT_SIZE) return -1;
  return pickupStoreTimestamp(commitLog, readInt64(unit, 0), size);
}

/**
 * Queue offset whose message was stored closest to `timestamp` (upstream `ConsumeQueue#getOffsetInQueueByTime`):
 * pick the first file modified at or after `timestamp` (else the last), binary-search its units by store time, and
 * take an exact hit or the nearer neighbour. 0 when nothing is found.
 */
export async function offsetInQueueByTime(commitLog: CommitLog, queue: ConsumeQueue, timestamp: number): Promise<number> {
  const files = queue.visibleFiles();
  if (files.length === 0) return 0;
  const file = files.find((candidate) => candidate.lastModifiedMs() >= timestamp) ?? files[files.length - 1];
  const filled = queue.visibleEndIn(file);
  if (filled < CQ_STORE_UNIT_SIZE) return 0;
  const minPhysicOffset = commitLog.minOffset;
  let low = queue.minLogicOffset > file.startOffset ? queue.minLogicOffset - file.startOffset : 0;
  let high = filled - CQ_STORE_UNIT_SIZE;
  let target = -1;
  let left = -1;
  let right = -1;
  let leftTime = -1;
  let rightTime = -1;
  while (high >= low) {
    const middle = Math.floor((low + high) / (2 * CQ_STORE_UNIT_SIZE)) * CQ_STORE_UNIT_SIZE;
    const unit = await queue.readUnitAt(file.startOffset + middle);
    if (!unit) return 0;
    const phyOffset = readInt64(unit, 0);
    const size = unit.readInt32BE(8);
    if (phyOffset < minPhysicOffset || size === FILLER_UNIT_SIZE) {
      low = middle + CQ_STORE_UNIT_SIZE;
      left = middle;
      continue;
    }
    const storeTime = await pickupStoreTimestamp(commitLog, phyOffset, size);
    if (storeTime < 0) return 0;
    if (storeTime === timestamp) {
      target = middle;
      break;
    }
    if (storeTime > timestamp) {
      high = middle - CQ_STORE_UNIT_SIZE;
      right = middle;
      rightTime = storeTime;
    } else {
      low = middle + CQ_STORE_UNIT_SIZE;
      left = middle;
      leftTime = storeTime;
    }
  }
  let offset: number;
  if (target !== -1) offset = target;
  else if (leftTime === -1) offset = right;
  else if (rightTime === -1) offset = left;
  else offset = Math.abs(timestamp - leftTime) > Math.abs(timestamp - rightTime) ? right : left;
  return offset < 0 ? 0 : (file.startOffset + offset) / CQ_STORE_UNIT_SIZE;
}

/**
 * QUERY_MESSAGE by key (upstream `DefaultMessageStore#queryMessage`): up to three index passes, each narrowing the end
 * time to the oldest hit of the previous one, until some record could be read.
 */
export async function queryMessageByKey(commitLog: CommitLog, index: IndexService | undefined, topic: string, key: string, maxNum: number, begin: number, end: number): Promise<QueryMessageResult> {
  const result: QueryMessageResult = { messages: [], indexLastUpdateTimestamp: 0, indexLastUpdatePhyoffset: 0 };
  if (!index) return result;
  let lastQueryTime = end;
  for (let round = 0; round < 3; round++) {
    const found = await index.query(topic, key, maxNum, begin, lastQueryTime);
    result.indexLastUpdateTimestamp = found.indexLastUpdateTimestamp;
    result.indexLastUpdatePhyoffset = found.indexLastUpdatePhyoffset;
    if (found.phyOffsets.length === 0) break;
    const offsets = [...found.phyOffsets].sort((a, b) => a - b);
    for (let i = 0; i < offsets.length; i++) {
      const hit = await lookMessageByOffset(commitLog, offsets[i]);
      if (!hit) continue;
      if (i === 0) lastQueryTime = hit.message.storeTimestamp;
      result.messages.push(hit.record);
    }
    if (result.messages.length > 0 || lastQueryTime < begin) break;
  }
  return result;
}
