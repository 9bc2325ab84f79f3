import { join } from 'node:path';
import { ConfigError } from '../../common/config/config-loader';
import { defineConfigSchema, type ConfigValues } from '../../common/config/config-schema';
import { NamesrvAddressError, parseNamesrvAddr } from '../../client/namesrv-address';
import { VALID_NAME_PATTERN } from '../../common/topic-validator';
import { createMessageStoreConfig, type MessageStoreConfig } from '../../store/message-store-config';
import { brokerKeys } from './broker-keys';
import { nettyKeys } from './netty-keys';
import { storeKeys } from './store-keys';

/**
 * The broker's configuration: every key of Apache RocketMQ's BrokerConfig, NettyServerConfig, NettyClientConfig
 * and MessageStoreConfig, one flat table as upstream applies one properties file to all four (spec/config.md §1).
 *
 * `resolveBrokerConfig` then applies upstream's start-up rules: master roles force brokerId 0, a SLAVE needs
 * brokerId > 0, haListenPort := listenPort + 1; it fills the paths derived from storePathRootDir and checks the
 * nameserver list. A rule broken stops start-up with a ConfigError naming the key.
 */
export const brokerConfigSchema = defineConfigSchema({ ...brokerKeys, ...nettyKeys, ...storeKeys });

export type BrokerConfig = ConfigValues<typeof brokerConfigSchema>;
export type BrokerConfigKey = keyof BrokerConfig;

/** Keys `mqbroker -m` prints (upstream's @ImportantField). */
export const IMPORTANT_KEYS: readonly BrokerConfigKey[] = [
  'brokerClusterName',
  'brokerName',
  'brokerId',
  'namesrvAddr',
  'brokerIP1',
  'listenPort',
  'storePathRootDir',
  'storePathCommitLog',
  'brokerRole',
  'flushDiskType',
  'autoCreateTopicEnable',
  'autoCreateSubscriptionGroup',
  'traceTopicEnable',
  'msgTraceTopicName',
  'rejectTransactionMessage',
  'transactionTimeOut',
  'transactionCheckMax',
  'transactionCheckInterval',
  'aclEnable',
  'mappedFileSizeCommitLog',
  'fileReservedTime',
  'deleteWhen',
  'maxMessageSize',
];

/** Applies upstream's start-up rules; returns a new object. */
export function resolveBrokerConfig(input: BrokerConfig): BrokerConfig {
  const config = { ...input };
  if (config.brokerRole === 'SLAVE') {
    if (config.brokerId <= 0) throw new ConfigError(`brokerId=${config.brokerId}: a SLAVE needs brokerId > 0`, 'brokerId');
  } else {
    config.brokerId = 0;
  }
  if (config.listenPort !== 0 && config.listenPort < 3) {
    throw new ConfigError(`listenPort=${config.listenPort}: the VIP port listenPort-2 must be a valid port`, 'listenPort');
  }
  config.haListenPort = config.listenPort === 0 ? 0 : config.listenPort + 1;
  if (config.storePathCommitLog === '') config.storePathCommitLog = join(config.storePathRootDir, 'commitlog');
  if (config.brokerConfigPath === '') config.brokerConfigPath = join(config.storePathRootDir, 'config', 'broker.properties');
  if (config.namesrvAddr.trim() !== '') {
    try {
      config.namesrvAddr = parseNamesrvAddr(config.namesrvAddr).join(';');
    } catch (error) {
      if (error instanceof NamesrvAddressError) throw new ConfigError(`namesrvAddr: ${error.message}`, 'namesrvAddr');
      throw error;
    }
  }
  for (const [key, value] of [['brokerClusterName', config.brokerClusterName], ['brokerName', config.brokerName]] as const) {
    if (!VALID_NAME_PATTERN.test(value)) throw new ConfigError(`${key}='${value}': only letters, digits, %, |, _ and - are allowed (it is also a topic name)`, key);
  }
  return config;
}

export function namesrvAddresses(config: BrokerConfig): string[] {
  return config.namesrvAddr.trim() === '' ? [] : config.namesrvAddr.split(';').filter(Boolean);
}

/** The store's view of the configuration. */
export function toMessageStoreConfig(config: BrokerConfig): MessageStoreConfig {
  return createMessageStoreConfig({
    storePathRootDir: config.storePathRootDir,
    storePathCommitLog: config.storePathCommitLog || join(config.storePathRootDir, 'commitlog'),
    mappedFileSizeCommitLog: config.mappedFileSizeCommitLog,
    mappedFileSizeConsumeQueue: config.mappedFileSizeConsumeQueue,
    maxMessageSize: config.maxMessageSize,
    messageIndexEnable: config.messageIndexEnable,
    maxHashSlotNum: config.maxHashSlotNum,
    maxIndexNum: config.maxIndexNum,
    maxMsgsNumBatch: config.maxMsgsNumBatch,
    defaultQueryMaxNum: config.defaultQueryMaxNum,
    checkCRCOnRecover: config.checkCRCOnRecover,
    flushDiskType: config.flushDiskType,
    syncFlushTimeout: config.syncFlushTimeout,
    flushIntervalCommitLog: config.flushIntervalCommitLog,
    flushCommitLogLeastPages: config.flushCommitLogLeastPages,
    flushCommitLogThoroughInterval: config.flushCommitLogThoroughInterval,
    flushIntervalConsumeQueue: config.flushIntervalConsumeQueue,
    flushConsumeQueueLeastPages: config.flushConsumeQueueLeastPages,
    flushConsumeQueueThoroughInterval: config.flushConsumeQueueThoroughInterval,
    osPageCacheBusyTimeOutMills: config.osPageCacheBusyTimeOutMills,
    fileReservedTime: config.fileReservedTime,
    deleteWhen: config.deleteWhen,
    diskMaxUsedSpaceRatio: config.diskMaxUsedSpaceRatio,
    cleanResourceInterval: config.cleanResourceInterval,
    cleanFileForciblyEnable: config.cleanFileForciblyEnable,
    deleteCommitLogFilesInterval: config.deleteCommitLogFilesInterval,
    diskSpaceWarningLevelRatio: config.diskSpaceWarningLevelRatio / 100,
    diskSpaceCleanForciblyRatio: config.diskSpaceCleanForciblyRatio / 100,
    accessMessageInMemoryMaxRatio: config.accessMessageInMemoryMaxRatio,
    maxTransferBytesOnMessageInMemory: config.maxTransferBytesOnMessageInMemory,
    maxTransferCountOnMessageInMemory: config.maxTransferCountOnMessageInMemory,
    maxTransferBytesOnMessageInDisk: config.maxTransferBytesOnMessageInDisk,
    maxTransferCountOnMessageInDisk: config.maxTransferCountOnMessageInDisk,
    messageDelayLevel: config.messageDelayLevel,
    brokerRole: config.brokerRole,
    slaveTimeout: config.slaveTimeout,
    warmMapedFileEnable: config.warmMapedFileEnable,
    flushLeastPagesWhenWarmMapedFile: config.flushLeastPagesWhenWarmMapedFile,
  });
}

/** Keys UPDATE_BROKER_CONFIG refuses (configBlackList plus the ones we can never change at run time). */
export function blackListedKeys(config: BrokerConfig): Set<string> {
  const keys = new Set(['configBlackList', 'brokerConfigPath', 'storePathRootDir', 'storePathCommitLog', 'listenPort', 'listenHost']);
  for (const key of config.configBlackList.split(';')) if (key.trim() !== '') keys.add(key.trim());
  return keys;
}
