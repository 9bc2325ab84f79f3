import { readInt64 } from '../common/message/int64';
import type { CommitLog } from './commit-log';
import { CQ_STORE_UNIT_SIZE } from './consume-queue-format';
import type { ConsumeQueueStore } from './consume-queue-store';
import type { MessageStoreConfig } from './message-store-config';
import type { GetMessageResult, GetMessageStatus, MessageFilter } from './store-types';

/**
 * The pull read path (spec/store.md §12, upstream `DefaultMessageStore#getMessage`): offset checks against the
 * queue's min/max, then a scan of at most max(16000 B, maxMsgNums×20) of consume queue, filtering by tag code, reading
 * each record from the commit log and filtering again, until maxMsgNums or the transfer limits for "in memory" /
 * "on disk" messages are reached (the first message always goes). Commit-log reads are coalesced: one read covers the
 * record and the next candidates within READ_WINDOW bytes, so a pull of neighbouring messages costs one pread.
 */
const READ_WINDOW = 256 * 1024;
const MIN_FILTER_BYTES = 16000;

export interface ReadPathContext {
  commitLog: CommitLog;
  consumeQueues: ConsumeQueueStore;
  config: MessageStoreConfig;
  /** Bytes of RAM considered page cache for the in-memory test. */
  memoryBytes: number;
}

function result(status: GetMessageStatus, nextBeginOffset: number, minOffset = 0, maxOffset = 0): GetMessageResult {
  return { status, nextBeginOffset, minOffset, maxOffset, messages: [], messageQueueOffsets: [], bufferTotalSize: 0, suggestPullingFromSlave: false };
}

export async function getMessage(context: ReadPathContext, topic: string, queueId: number, offset: number, maxMsgNums: number, filter?: MessageFilter): Promise<GetMessageResult> {
  const { commitLog, config } = context;
  const queue = context.consumeQueues.find(topic, queueId);
  if (!queue) return result('NO_MATCHED_LOGIC_QUEUE', 0);
  const minOffset = queue.minOffsetInQueue;
  const maxOffset = queue.maxOffsetInQueue;
  if (maxOffset === 0) return result('NO_MESSAGE_IN_QUEUE', 0, minOffset, maxOffset);
  if (offset < minOffset) return result('OFFSET_TOO_SMALL', minOffset, minOffset, maxOffset);
  if (offset === maxOffset) return result('OFFSET_OVERFLOW_ONE', offset, minOffset, maxOffset);
  if (offset > maxOffset) return result('OFFSET_OVERFLOW_BADLY', maxOffset, minOffset, maxOffset);

  const units = await queue.readUnits(offset, Math.max(MIN_FILTER_BYTES, maxMsgNums * CQ_STORE_UNIT_SIZE));
  if (!units) return result('OFFSET_FOUND_NULL', queue.nextFileQueueOffset(offset), minOffset, maxOffset);

  const out = result('NO_MATCHED_MESSAGE', offset, minOffset, maxOffset);
  const maxOffsetPy = commitLog.maxOffset;
  const memory = context.memoryBytes * (config.accessMessageInMemoryMaxRatio / 100);
  let nextPhyFileStart = -1;
  let maxPhyOffsetPulling = 0;
  let window: { start: number; data: Buffer } | undefined;
  let i = 0;
  for (; i < units.length; i += CQ_STORE_UNIT_SIZE) {
    const offsetPy = readInt64(units, i);
    const sizePy = units.readInt32BE(i + 8);
    const tagsCode = readInt64(units, i + 12);
    maxPhyOffsetPulling = offsetPy;
    if (nextPhyFileStart >= 0 && offsetPy < nextPhyFileStart) continue;
    const inDisk = maxOffsetPy - offsetPy > memory;
    if (isBatchFull(config, sizePy, maxMsgNums, out.bufferTotalSize, out.messages.length, inDisk)) break;
    if (filter && !filter.isMatchedByConsumeQueue(tagsCode)) {
      if (out.bufferTotalSize === 0) out.status = 'NO_MATCHED_MESSAGE';
      continue;
    }
    if (!window || offsetPy < window.start || offsetPy + sizePy > window.start + window.data.length) {
      const data = await commitLog.read(offsetPy, readSpan(units, i, offsetPy, sizePy, commitLog));
      window = data ? { start: offsetPy, data } : undefined;
    }
    if (!window) {
      if (out.bufferTotalSize === 0) out.status = 'MESSAGE_WAS_REMOVING';
      nextPhyFileStart = commitLog.nextSegmentStart(offsetPy);
      continue;
    }
    const record = window.data.subarray(offsetPy - window.start, offsetPy - window.start + sizePy);
    if (filter && !filter.isMatchedByCommitLog(record)) {
      if (out.bufferTotalSize === 0) out.status = 'NO_MATCHED_MESSAGE';
      continue;
    }
    out.messages.push(record);
    out.messageQueueOffsets.push(offset + i / CQ_STORE_UNIT_SIZE);
    out.bufferTotalSize += sizePy;
    out.status = 'FOUND';
    nextPhyFileStart = -1;
  }
  out.nextBeginOffset = offset + i / CQ_STORE_UNIT_SIZE;
  out.suggestPullingFromSlave = maxOffsetPy - maxPhyOffsetPulling > memory;
  return out;
}

/** Upstream `isTheBatchFull`. */
function isBatchFull(config: MessageStoreConfig, sizePy: number, maxMsgNums: number, bufferTotal: number, messageTotal: number, inDisk: boolean): boolean {
  if (bufferTotal === 0 || messageTotal === 0) return false;
  if (maxMsgNums <= messageTotal) return true;
  const maxBytes = inDisk ? config.maxTransferBytesOnMessageInDisk : config.maxTransferBytesOnMessageInMemory;
  const maxCount = inDisk ? config.maxTransferCountOnMessageInDisk : config.maxTransferCountOnMessageInMemory;
  return bufferTotal + sizePy > maxBytes || messageTotal > maxCount - 1;
}

/** Bytes to read at `offsetPy`: this record plus following units' records within READ_WINDOW and the same segment. */
function readSpan(units: Buffer, index: number, offsetPy: number, sizePy: number, commitLog: CommitLog): number {
  const segmentEnd = commitLog.nextSegmentStart(offsetPy);
  let end = offsetPy + sizePy;
  for (let j = index + CQ_STORE_UNIT_SIZE; j < units.length; j += CQ_STORE_UNIT_SIZE) {
    const nextEnd = readInt64(units, j) + units.readInt32BE(j + 8);
    if (nextEnd <= end) continue;
    if (nextEnd - offsetPy > READ_WINDOW || nextEnd > segmentEnd || nextEnd > commitLog.maxOffset) break;
    end = nextEnd;
  }
  return end - offsetPy;
}
