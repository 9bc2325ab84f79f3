import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Store configuration with Apache RocketMQ's key names and defaults (spec/config.md §2.3–2.5, 2.7, 2.8;
 * Java `MessageStoreConfig`). Paths of the consume queues, index, checkpoint, abort and lock files are always derived
 * from `storePathRootDir` (config.md §3): there is no key for them.
 */
export type FlushDiskType = 'ASYNC_FLUSH' | 'SYNC_FLUSH';
export type BrokerRole = 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE';

export interface MessageStoreConfig {
  storePathRootDir: string;
  /** Defaults to `<storePathRootDir>/commitlog`. Multi-path (`,`-separated) is not supported. */
  storePathCommitLog: string;
  mappedFileSizeCommitLog: number;
  mappedFileSizeConsumeQueue: number;
  maxMessageSize: number;
  messageIndexEnable: boolean;
  maxHashSlotNum: number;
  maxIndexNum: number;
  maxMsgsNumBatch: number;
  defaultQueryMaxNum: number;
  checkCRCOnRecover: boolean;

  flushDiskType: FlushDiskType;
  syncFlushTimeout: number;
  flushIntervalCommitLog: number;
  flushCommitLogLeastPages: number;
  flushCommitLogThoroughInterval: number;
  flushIntervalConsumeQueue: number;
  flushConsumeQueueLeastPages: number;
  flushConsumeQueueThoroughInterval: number;
  osPageCacheBusyTimeOutMills: number;

  fileReservedTime: number;
  deleteWhen: string;
  diskMaxUsedSpaceRatio: number;
  cleanResourceInterval: number;
  cleanFileForciblyEnable: boolean;
  deleteCommitLogFilesInterval: number;
  /** JVM property `rocketmq.broker.diskSpaceWarningLevelRatio` upstream (0.90): above it writes are refused. */
  diskSpaceWarningLevelRatio: number;
  /** JVM property `rocketmq.broker.diskSpaceCleanForciblyRatio` upstream (0.85): above it files go regardless of age. */
  diskSpaceCleanForciblyRatio: number;

  accessMessageInMemoryMaxRatio: number;
  maxTransferBytesOnMessageInMemory: number;
  maxTransferCountOnMessageInMemory: number;
  maxTransferBytesOnMessageInDisk: number;
  maxTransferCountOnMessageInDisk: number;

  messageDelayLevel: string;
  brokerRole: BrokerRole;
  /** SYNC_MASTER: how long a put waits for a slave before FLUSH_SLAVE_TIMEOUT (ms). */
  slaveTimeout: number;
  /** Zero-fill the commit log ahead of the writer (commit-log-warmer.ts; masters only), in chunks of this many 4 KiB pages. */
  warmMapedFileEnable: boolean;
  flushLeastPagesWhenWarmMapedFile: number;
}

export const DEFAULT_MESSAGE_DELAY_LEVEL = '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h';

export function defaultMessageStoreConfig(): MessageStoreConfig {
  const root = join(homedir(), 'store');
  return {
    storePathRootDir: root,
    storePathCommitLog: join(root, 'commitlog'),
    mappedFileSizeCommitLog: 1024 * 1024 * 1024,
    mappedFileSizeConsumeQueue: 300_000 * 20,
    maxMessageSize: 4 * 1024 * 1024,
    messageIndexEnable: true,
    maxHashSlotNum: 5_000_000,
    maxIndexNum: 20_000_000,
    maxMsgsNumBatch: 64,
    defaultQueryMaxNum: 32,
    checkCRCOnRecover: true,
    flushDiskType: 'ASYNC_FLUSH',
    syncFlushTimeout: 5000,
    flushIntervalCommitLog: 500,
    flushCommitLogLeastPages: 4,
    flushCommitLogThoroughInterval: 10_000,
    flushIntervalConsumeQueue: 1000,
    flushConsumeQueueLeastPages: 2,
    flushConsumeQueueThoroughInterval: 60_000,
    osPageCacheBusyTimeOutMills: 1000,
    fileReservedTime: 72,
    deleteWhen: '04',
    diskMaxUsedSpaceRatio: 75,
    cleanResourceInterval: 10_000,
    cleanFileForciblyEnable: true,
    deleteCommitLogFilesInterval: 100,
    diskSpaceWarningLevelRatio: 0.9,
    diskSpaceCleanForciblyRatio: 0.85,
    accessMessageInMemoryMaxRatio: 40,
    maxTransferBytesOnMessageInMemory: 256 * 1024,
    maxTransferCountOnMessageInMemory: 32,
    maxTransferBytesOnMessageInDisk: 64 * 1024,
    maxTransferCountOnMessageInDisk: 8,
    messageDelayLevel: DEFAULT_MESSAGE_DELAY_LEVEL,
    brokerRole: 'ASYNC_MASTER',
    slaveTimeout: 3000,
    warmMapedFileEnable: false,
    flushLeastPagesWhenWarmMapedFile: 4096,
  };
}

/** Old spellings still found in broker.conf files (≤ 4.5.1), mapped to today's keys. */
export const storeConfigKeyAliases: Readonly<Record<string, keyof MessageStoreConfig>> = {
  mapedFileSizeCommitLog: 'mappedFileSizeCommitLog',
  mapedFileSizeConsumeQueue: 'mappedFileSizeConsumeQueue',
};

/**
 * Defaults overlaid with `overrides`. When only the root moves, the commit-log path follows it. The consume-queue file
 * size is rounded up to a multiple of the 20-byte unit, as upstream does.
 */
export function createMessageStoreConfig(overrides: Partial<MessageStoreConfig> = {}): MessageStoreConfig {
  const config = { ...defaultMessageStoreConfig(), ...overrides };
  if (overrides.storePathRootDir && !overrides.storePathCommitLog) {
    config.storePathCommitLog = join(overrides.storePathRootDir, 'commitlog');
  }
  config.mappedFileSizeConsumeQueue = Math.ceil(config.mappedFileSizeConsumeQueue / 20) * 20;
  config.diskMaxUsedSpaceRatio = Math.min(95, Math.max(10, config.diskMaxUsedSpaceRatio));
  return config;
}

export interface StorePaths {
  root: string;
  commitLog: string;
  consumeQueue: string;
  index: string;
  checkpoint: string;
  abort: string;
  lock: string;
  config: string;
}

export function storePaths(config: MessageStoreConfig): StorePaths {
  const root = config.storePathRootDir;
  return {
    root,
    commitLog: config.storePathCommitLog,
    consumeQueue: join(root, 'consumequeue'),
    index: join(root, 'index'),
    checkpoint: join(root, 'checkpoint'),
    abort: join(root, 'abort'),
    lock: join(root, 'lock'),
    config: join(root, 'config'),
  };
}

const delayUnits: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `messageDelayLevel` ("1s 5s …"): index i holds the delay in ms of level i+1. */
export function parseMessageDelayLevel(text: string): number[] {
  return text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => {
      const match = /^(\d+)([smhd])$/.exec(token);
      if (!match) throw new Error(`bad messageDelayLevel token '${token}' (expected <number><s|m|h|d>)`);
      return Number(match[1]) * delayUnits[match[2]];
    });
}
