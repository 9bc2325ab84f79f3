import * as fs from 'node:fs';
import { CleanService } from './clean-service';
import type { CommitLog } from './commit-log';
import { CommitLogFlusher } from './commit-log-flusher';
import { CommitLogWarmer, warmingChunkBytes } from './commit-log-warmer';
import type { ConsumeQueueStore } from './consume-queue-store';
import { DerivedDataFlusher } from './derived-data-flusher';
import type { DispatchRequest } from './dispatch-request';
import { statfsDiskUsage, type DiskUsageProbe } from './disk-usage';
import type { IndexService } from './index-service';
import { parseMessageDelayLevel, storePaths, type MessageStoreConfig, type StorePaths } from './message-store-config';
import { Mutex } from './mutex';
import type { QueueOffsetTable } from './queue-offset-table';
import { ReputService } from './reput-service';
import { StoreCheckpoint } from './store-checkpoint';
import { ensureDirectories, loadStore, rebuildQueueOffsetTable } from './store-loader';
import { StoreLock } from './store-lock';

/**
 * Wiring of the store's parts at open (the order is in store-loader.ts): lock, checkpoint, recovery, reput catch-up,
 * queue-offset table, flushers and retention, a first checkpoint of the recovered state, then the `abort` marker that
 * says "running" until a clean shutdown removes it. Events the store object handles arrive through `hooks`, which
 * may be filled in after assembly.
 */
export interface StoreHooks {
  onArrived?: (requests: DispatchRequest[]) => void;
  onDispatchError?: (error: unknown) => void;
  onDispatchRecovered?: () => void;
  setDiskFull?: (full: boolean, remark: string) => void;
}

export interface StoreComponents {
  config: MessageStoreConfig;
  paths: StorePaths;
  delayLevels: number[];
  commitLog: CommitLog;
  consumeQueues: ConsumeQueueStore;
  index: IndexService | undefined;
  queueOffsets: QueueOffsetTable;
  checkpoint: StoreCheckpoint;
  lock: StoreLock;
  dispatchMutex: Mutex;
  reput: ReputService;
  flusher: CommitLogFlusher;
  warmer: CommitLogWarmer | undefined;
  derivedFlusher: DerivedDataFlusher;
  cleaner: CleanService;
}

export async function assembleStore(config: MessageStoreConfig, clock: () => number, diskUsage: DiskUsageProbe | undefined, hooks: StoreHooks): Promise<StoreComponents> {
  const paths = storePaths(config);
  ensureDirectories(paths);
  const lock = StoreLock.acquire(paths.lock);
  let checkpoint: StoreCheckpoint | undefined;
  try {
    const delayLevels = parseMessageDelayLevel(config.messageDelayLevel);
    const abnormal = fs.existsSync(paths.abort);
    checkpoint = new StoreCheckpoint(paths.checkpoint);
    const cp = checkpoint;
    const loaded = await loadStore(config, paths, cp, abnormal, delayLevels, clock);
    const { commitLog, consumeQueues, index, queueOffsets } = loaded;
    const dispatchMutex = new Mutex();
    let lastDispatchedTimestamp = 0;
    const reput = new ReputService(commitLog, index ? [consumeQueues, index] : [consumeQueues], dispatchMutex, {
      delayLevels,
      onArrived: (requests) => {
        lastDispatchedTimestamp = requests[requests.length - 1].storeTimestamp;
        hooks.onArrived?.(requests);
      },
      onDispatchError: (error) => hooks.onDispatchError?.(error),
      onDispatchRecovered: () => hooks.onDispatchRecovered?.(),
    }, loaded.reputFromOffset);
    await reput.waitUntilCaughtUp();
    rebuildQueueOffsetTable(queueOffsets, consumeQueues);
    // Not on a slave: its writer (ha/replica-append.ts) is synchronous and cannot await a zero write in flight.
    const warmer = config.warmMapedFileEnable && config.brokerRole !== 'SLAVE' ? new CommitLogWarmer(commitLog.segments, () => commitLog.maxOffset, warmingChunkBytes(config)) : undefined;
    commitLog.onAppended = () => {
      reput.wakeup();
      warmer?.poke();
    };
    if (warmer) {
      commitLog.beforeWrite = (reach) => warmer.clearOf(reach);
      warmer.poke();
    }

    const flusher = new CommitLogFlusher(commitLog, config, (offset, storeTimestamp) => {
      cp.confirmedPhyOffset = offset;
      if (storeTimestamp > 0) cp.physicMsgTimestamp = storeTimestamp;
      cp.write(false);
    });
    const derivedFlusher = new DerivedDataFlusher(consumeQueues, index, reput, cp, dispatchMutex, config, () => lastDispatchedTimestamp);
    const cleaner = new CleanService({
      commitLog,
      consumeQueues,
      index,
      config,
      clock,
      diskUsage: diskUsage ?? statfsDiskUsage,
      commitLogPath: paths.commitLog,
      consumeQueuePath: paths.consumeQueue,
      setDiskFull: (full, remark) => hooks.setDiskFull?.(full, remark),
      exclusive: (work) => dispatchMutex.run(work),
    });

    cp.confirmedPhyOffset = commitLog.maxOffset;
    await derivedFlusher.checkpointNow();
    fs.writeFileSync(paths.abort, '');
    return { config, paths, delayLevels, commitLog, consumeQueues, index, queueOffsets, checkpoint: cp, lock, dispatchMutex, reput, flusher, warmer, derivedFlusher, cleaner };
  } catch (error) {
    checkpoint?.close();
    lock.release();
    throw error;
  }
}
