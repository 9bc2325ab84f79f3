import * as fs from 'node:fs';
import { createLogger } from '../common/logger';
import { CommitLog } from './commit-log';
import { recoverCommitLog } from './commit-log-recovery';
import { ConsumeQueueStore } from './consume-queue-store';
import { IndexService } from './index-service';
import type { MessageStoreConfig, StorePaths } from './message-store-config';
import { QueueOffsetTable } from './queue-offset-table';
import type { FileDescriptorPool } from './segment-file';
import { SegmentQueue } from './segment-queue';
import type { StoreCheckpoint } from './store-checkpoint';

const log = createLogger('store');

/**
 * Start-up order (spec/store.md §9, with the recovery choice documented in commit-log-recovery.ts):
 * load commit-log segments → validate the tail and cut it → load consume queues and drop units past the cut →
 * load the index (repairing slots after a crash) → choose where reput resumes. The caller then replays the commit log
 * from that offset into the consume queues and index, and only after that rebuilds the queue-offset table.
 *
 * Reput resumes at the checkpoint's `dispatchedPhyOffset`, or at the commit-log minimum (full rebuild) when that is
 * unknown or the derived data is visibly damaged: index directory empty while the log holds data, or fewer queues on
 * disk than the checkpoint counted (a deleted consume queue).
 */
export interface LoadedStore {
  commitLog: CommitLog;
  consumeQueues: ConsumeQueueStore;
  index: IndexService | undefined;
  queueOffsets: QueueOffsetTable;
  reputFromOffset: number;
  lastStoreTimestamp: number;
  recoveredFrom: number;
}

export async function loadStore(
  config: MessageStoreConfig,
  paths: StorePaths,
  checkpoint: StoreCheckpoint,
  abnormalShutdown: boolean,
  delayLevels: readonly number[],
  clock: () => number,
  pool?: FileDescriptorPool,
): Promise<LoadedStore> {
  const segments = new SegmentQueue(paths.commitLog, config.mappedFileSizeCommitLog, pool);
  const { repairedLast } = segments.load();
  const recovery = recoverCommitLog(segments, {
    checkCRC: config.checkCRCOnRecover,
    delayLevels,
    confirmedOffset: checkpoint.confirmedPhyOffset,
    lastSegmentRepaired: repairedLast,
  });
  await segments.truncateTo(recovery.processOffset);
  if (abnormalShutdown || recovery.discarded) {
    const summary = `validated ${recovery.processOffset - recovery.validatedFrom} bytes from ${recovery.validatedFrom}, end ${recovery.processOffset}`;
    if (recovery.discarded) log.warn(`commit log: cut an invalid tail after ${abnormalShutdown ? 'an abnormal shutdown' : 'damage'}; ${summary}`);
    else log.info(`commit log recovered after an abnormal shutdown; ${summary}`);
  }

  const queueOffsets = new QueueOffsetTable();
  const commitLog = new CommitLog(segments, queueOffsets, clock);
  commitLog.resetMaxOffset(recovery.processOffset, recovery.lastStoreTimestamp);

  const consumeQueues = new ConsumeQueueStore(paths.consumeQueue, config.mappedFileSizeConsumeQueue, pool);
  consumeQueues.load();
  if (segments.files.length === 0) {
    await consumeQueues.destroyAll();
  } else if (consumeQueues.maxPhysicOffset > recovery.processOffset) {
    await consumeQueues.truncateDirty(recovery.processOffset);
  }
  consumeQueues.correctMinOffsets(commitLog.minOffset);

  let index: IndexService | undefined;
  if (config.messageIndexEnable) {
    index = new IndexService(paths.index, config.maxHashSlotNum, config.maxIndexNum, clock, pool);
    index.load(abnormalShutdown);
  }

  const hasData = commitLog.maxOffset > commitLog.minOffset;
  const indexMissing = index !== undefined && index.isEmpty && hasData;
  const queuesMissing = checkpoint.consumeQueueCount !== undefined && consumeQueues.storedQueueCount < checkpoint.consumeQueueCount;
  let reputFromOffset: number;
  if (checkpoint.dispatchedPhyOffset === undefined || indexMissing || queuesMissing) {
    if (hasData) log.warn(`rebuilding consume queues and index from the commit log (${indexMissing ? 'index missing' : queuesMissing ? 'consume queue missing' : 'no dispatch checkpoint'})`);
    reputFromOffset = commitLog.minOffset;
  } else {
    reputFromOffset = Math.min(Math.max(checkpoint.dispatchedPhyOffset, commitLog.minOffset), commitLog.maxOffset);
  }
  return { commitLog, consumeQueues, index, queueOffsets, reputFromOffset, lastStoreTimestamp: recovery.lastStoreTimestamp, recoveredFrom: recovery.validatedFrom };
}

/** After reput caught up: next queue offset of every queue = its consume queue's max. */
export function rebuildQueueOffsetTable(table: QueueOffsetTable, consumeQueues: ConsumeQueueStore): void {
  table.clear();
  for (const queue of consumeQueues.all()) table.set(QueueOffsetTable.key(queue.topic, queue.queueId), queue.maxOffsetInQueue);
}

export function ensureDirectories(paths: StorePaths): void {
  for (const dir of [paths.root, paths.commitLog, paths.consumeQueue, paths.config]) fs.mkdirSync(dir, { recursive: true });
}
