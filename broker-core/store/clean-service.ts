import { createLogger } from '../common/logger';
import type { CommitLog } from './commit-log';
import type { ConsumeQueueStore } from './consume-queue-store';
import type { DiskUsageProbe } from './disk-usage';
import type { IndexService } from './index-service';
import type { MessageStoreConfig } from './message-store-config';

const log = createLogger('store');

/**
 * Retention and disk limits (spec/store.md §11).
 *
 * Each run: measure the commit-log and consume-queue partitions; above `diskSpaceWarningLevelRatio` the store is
 * marked disk-full (puts refused) until usage drops again. Commit-log files are deleted when the local hour is listed
 * in `deleteWhen`, or usage passes `diskMaxUsedSpaceRatio`, or a manual request is pending: oldest first, at most 10
 * per run, stopping at the first file younger than `fileReservedTime` hours (by mtime) unless usage passed
 * `diskSpaceCleanForciblyRatio` with `cleanFileForciblyEnable`. The active (last) file is never deleted. Consume-queue
 * and index files whose messages are all below the new commit-log minimum follow.
 * Clock and disk probe are injected so tests drive this without waiting hours.
 */
const MAX_FILES_PER_RUN = 10;

export interface CleanServiceDeps {
  commitLog: CommitLog;
  consumeQueues: ConsumeQueueStore;
  index: IndexService | undefined;
  config: MessageStoreConfig;
  clock: () => number;
  diskUsage: DiskUsageProbe;
  commitLogPath: string;
  consumeQueuePath: string;
  setDiskFull: (full: boolean, remark: string) => void;
  /** Runs work between dispatch rounds (consume-queue and index files are deleted there). */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface CleanRunResult {
  deletedCommitLogFiles: number;
  deletedConsumeQueueFiles: number;
  deletedIndexFiles: number;
  commitLogDiskRatio: number;
}

export class CleanService {
  private timer: NodeJS.Timeout | undefined;
  private manualDeleteRuns = 0;
  private running: Promise<CleanRunResult> | undefined;
  private lastCommitLogMin = -1;

  constructor(private readonly deps: CleanServiceDeps) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce().catch((error) => log.error('clean run failed', error)), Math.max(1000, this.deps.config.cleanResourceInterval));
    this.timer.unref();
  }

  /** Admin DELETE_EXPIRED_COMMITLOG: the next 20 runs delete expired files at any hour. */
  requestManualDelete(): void {
    this.manualDeleteRuns = 20;
  }

  /** Measures the disk and updates the disk-full flag; returns the commit-log partition ratio. */
  checkDisk(): { commitLogRatio: number; consumeQueueRatio: number } {
    const { config, diskUsage } = this.deps;
    const commitLogRatio = diskUsage(this.deps.commitLogPath);
    const consumeQueueRatio = diskUsage(this.deps.consumeQueuePath);
    const limit = config.diskSpaceWarningLevelRatio;
    if (commitLogRatio > limit) {
      this.deps.setDiskFull(true, `disk full: commit-log partition ${Math.round(commitLogRatio * 100)}% used, writes stop above ${Math.round(limit * 100)}%`);
    } else {
      this.deps.setDiskFull(false, '');
    }
    return { commitLogRatio, consumeQueueRatio };
  }

  runOnce(): Promise<CleanRunResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<CleanRunResult> {
    const { config, clock, commitLog } = this.deps;
    const { commitLogRatio, consumeQueueRatio } = this.checkDisk();
    const ratio = Math.max(commitLogRatio, consumeQueueRatio);
    const now = clock();
    const hour = new Date(now).getHours();
    const timeToDelete = config.deleteWhen.split(';').some((token) => token.trim() !== '' && Number(token) === hour);
    const spaceFull = ratio > config.diskMaxUsedSpaceRatio / 100;
    const manual = this.manualDeleteRuns > 0;
    if (manual) this.manualDeleteRuns--;
    const forcibly = config.cleanFileForciblyEnable && (ratio > config.diskSpaceCleanForciblyRatio || commitLogRatio > config.diskSpaceWarningLevelRatio);

    let deletedCommitLogFiles = 0;
    if (timeToDelete || spaceFull || manual) {
      const reservedMs = config.fileReservedTime * 3_600_000;
      const files = commitLog.segments.files;
      let count = 0;
      while (count < files.length - 1 && count < MAX_FILES_PER_RUN) {
        const expired = files[count].lastModifiedMs() + reservedMs <= now;
        if (!expired && !forcibly) break;
        count++;
      }
      for (let i = 0; i < count; i++) {
        const [file] = await commitLog.segments.deleteFirst(1);
        log.info(`deleted commit-log segment ${file.path}${forcibly ? ' (disk nearly full)' : ''}`);
        deletedCommitLogFiles++;
        if (config.deleteCommitLogFilesInterval > 0 && i < count - 1) {
          await new Promise((resolve) => setTimeout(resolve, config.deleteCommitLogFilesInterval));
        }
      }
    }

    let deletedConsumeQueueFiles = 0;
    let deletedIndexFiles = 0;
    const minOffset = commitLog.minOffset;
    if (minOffset !== this.lastCommitLogMin) {
      this.lastCommitLogMin = minOffset;
      const { consumeQueues, index } = this.deps;
      deletedConsumeQueueFiles = await this.deps.exclusive(() => consumeQueues.deleteExpiredFiles(minOffset));
      if (index) deletedIndexFiles = await this.deps.exclusive(() => index.deleteExpiredFiles(minOffset));
    }
    return { deletedCommitLogFiles, deletedConsumeQueueFiles, deletedIndexFiles, commitLogDiskRatio: commitLogRatio };
  }

  async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
