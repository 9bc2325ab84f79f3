import { availableParallelism, hostname } from 'node:os';
import { configKey } from '../../common/config/config-schema';
import { localAddress } from './local-address';

/**
 * The broker's own keys (spec/config.md §2.1, 2.2, 2.8, 2.9; Java `BrokerConfig` of 4.9.x, plus the 5.x keys we
 * honour). Keys upstream uses to size Java thread pools have no counterpart in a single-threaded broker: they are
 * accepted, so upstream files load without warnings, and reported back, but change nothing ("no effect").
 */
const cores = availableParallelism();
const noEffect = (what = 'Java thread pool / queue tuning') => ({ description: `no effect (${what})` });

/** The host name, as upstream defaults it, with characters a topic name may not hold (e.g. dots) replaced by '-'. */
function defaultBrokerName(): string {
  return (hostname() || 'DEFAULT_BROKER').replace(/[^%|a-zA-Z0-9_-]/g, '-');
}

export const brokerKeys = {
  // identity, network, registration (§2.1)
  rocketmqHome: configKey.string(process.env.ROCKETMQ_HOME ?? '', { description: 'ROCKETMQ_HOME: where conf/plain_acl.yml is read (default: the current directory)' }),
  namesrvAddr: configKey.string(process.env.NAMESRV_ADDR ?? '', { description: 'nameservers, "host:port;host:port"' }),
  brokerClusterName: configKey.string('DefaultCluster'),
  brokerName: configKey.string(defaultBrokerName(), { description: 'broker group name (default: host name)' }),
  brokerId: configKey.long(0, { description: '0 master, > 0 slave (masters are forced to 0)' }),
  brokerIP1: configKey.string(localAddress(), { description: 'advertised address: brokerIP1:listenPort' }),
  brokerIP2: configKey.string(localAddress(), { description: 'advertised HA address: brokerIP2:haListenPort' }),
  brokerPermission: configKey.int(6, { min: 0, max: 15, description: 'broker-wide perm (6 = RW; wipeWritePerm sets 4)' }),
  registerNameServerPeriod: configKey.int(30_000, { description: 'ms between registrations (clamped to 10 000..60 000)' }),
  registerBrokerTimeoutMills: configKey.int(6000, { min: 1, description: 'per-nameserver REGISTER_BROKER timeout' }),
  forceRegister: configKey.boolean(true),
  compressedRegister: configKey.boolean(false, { description: 'send the deflated registration body' }),
  fetchNamesrvAddrByAddressServer: configKey.boolean(false, noEffect('no address server')),
  regionId: configKey.string('DefaultRegion', { description: 'MSG_REGION of send answers' }),
  traceOn: configKey.boolean(true, { description: 'TRACE_ON of send answers' }),
  brokerConfigPath: configKey.string('', { description: 'file UPDATE_BROKER_CONFIG rewrites (the -c file; default <storePathRootDir>/config/broker.properties)' }),
  configBlackList: configKey.string('configBlackList;brokerConfigPath', { description: 'keys UPDATE_BROKER_CONFIG refuses' }),
  // topics, groups, features (§2.2)
  defaultTopicQueueNums: configKey.int(8, { min: 1, max: 1024, description: 'queues of TBW102 (caps auto-created topics)' }),
  autoCreateTopicEnable: configKey.boolean(true),
  autoCreateSubscriptionGroup: configKey.boolean(true),
  clusterTopicEnable: configKey.boolean(true),
  brokerTopicEnable: configKey.boolean(true),
  traceTopicEnable: configKey.boolean(false),
  msgTraceTopicName: configKey.string('RMQ_SYS_TRACE_TOPIC'),
  rejectTransactionMessage: configKey.boolean(false),
  notifyConsumerIdsChangedEnable: configKey.boolean(true),
  enablePropertyFilter: configKey.boolean(false, { description: 'allow SQL92 subscriptions' }),
  filterSupportRetry: configKey.boolean(false),
  enableCalcFilterBitMap: configKey.boolean(false, noEffect('no bloom filter bitmaps')),
  expectConsumerNumUseFilter: configKey.int(32, noEffect('no bloom filter bitmaps')),
  maxErrorRateOfBloomFilter: configKey.int(20, noEffect('no bloom filter bitmaps')),
  filterDataCleanTimeSpan: configKey.long(86_400_000, noEffect('SQL registrations live with their consumers')),
  aclEnable: configKey.boolean(false, { description: 'ACL 1.0: check every request against $ROCKETMQ_HOME/conf/plain_acl.yml (and conf/acl/*.yml)' }),
  slaveReadEnable: configKey.boolean(false),
  longPollingEnable: configKey.boolean(true),
  shortPollingTimeMills: configKey.long(1000, { min: 0 }),
  transferMsgByHeap: configKey.boolean(true, noEffect('bodies are always sent from memory')),
  disableConsumeIfConsumerReadSlowly: configKey.boolean(false, noEffect('no slow-consumer protection')),
  consumerFallbehindThreshold: configKey.long(17_179_869_184, noEffect('no slow-consumer protection')),
  enableDetailStat: configKey.boolean(true),
  autoDeleteUnusedStats: configKey.boolean(false),
  storeReplyMessageEnable: configKey.boolean(true),
  startAcceptSendRequestTimeStamp: configKey.long(0, { description: 'refuse sends before this epoch ms' }),
  isolateLogEnable: configKey.boolean(false, noEffect('logs go to stderr')),
  highSpeedMode: configKey.boolean(false, noEffect()),
  messageStorePlugIn: configKey.string('', noEffect('no store plug-ins')),
  // our keys (5.x has channelExpiredTimeout)
  channelExpiredTimeout: configKey.long(120_000, { min: 1, description: 'drop a client without heartbeat for this long (ms)' }),
  clientHousekeepingInterval: configKey.long(10_000, { min: 1, description: 'ms between scans for expired clients and locks' }),
  rebalanceLockMaxLiveTime: configKey.long(60_000, { min: 1, description: 'ms an orderly-consumer queue lock lives without renewal' }),
  flushConsumerOffsetInterval: configKey.int(5000, { min: 1, description: 'ms between consumerOffset.json writes' }),
  flushConsumerOffsetHistoryInterval: configKey.int(60_000, noEffect('no offset history')),
  // transactions (§2.8)
  transactionTimeOut: configKey.long(6000),
  transactionCheckMax: configKey.int(15),
  transactionCheckInterval: configKey.long(60_000),
  // thread pools, queues, fast failure (§2.9)
  sendMessageThreadPoolNums: configKey.int(Math.min(cores, 4), noEffect()),
  putMessageFutureThreadPoolNums: configKey.int(Math.min(cores, 4), noEffect()),
  pullMessageThreadPoolNums: configKey.int(16 + cores * 2, noEffect()),
  processReplyMessageThreadPoolNums: configKey.int(16 + cores * 2, noEffect()),
  queryMessageThreadPoolNums: configKey.int(8 + cores, noEffect()),
  adminBrokerThreadPoolNums: configKey.int(16, noEffect()),
  clientManageThreadPoolNums: configKey.int(32, noEffect()),
  consumerManageThreadPoolNums: configKey.int(32, noEffect()),
  heartbeatThreadPoolNums: configKey.int(Math.min(32, cores), noEffect()),
  endTransactionThreadPoolNums: configKey.int(Math.max(8 + cores * 2, 16), noEffect()),
  sendThreadPoolQueueCapacity: configKey.int(10_000, noEffect()),
  putThreadPoolQueueCapacity: configKey.int(10_000, noEffect()),
  pullThreadPoolQueueCapacity: configKey.int(100_000, noEffect()),
  replyThreadPoolQueueCapacity: configKey.int(10_000, noEffect()),
  queryThreadPoolQueueCapacity: configKey.int(20_000, noEffect()),
  clientManagerThreadPoolQueueCapacity: configKey.int(1_000_000, noEffect()),
  consumerManagerThreadPoolQueueCapacity: configKey.int(1_000_000, noEffect()),
  heartbeatThreadPoolQueueCapacity: configKey.int(50_000, noEffect()),
  endTransactionPoolQueueCapacity: configKey.int(100_000, noEffect()),
  filterServerNums: configKey.int(0, noEffect('no filter servers')),
  brokerFastFailureEnable: configKey.boolean(true, noEffect()),
  waitTimeMillsInSendQueue: configKey.long(200, noEffect()),
  waitTimeMillsInPullQueue: configKey.long(5000, noEffect()),
  waitTimeMillsInHeartbeatQueue: configKey.long(31_000, noEffect()),
  waitTimeMillsInTransactionQueue: configKey.long(3000, noEffect()),
  commercialEnable: configKey.boolean(true, noEffect('no commercial accounting')),
  commercialTimerCount: configKey.int(1, noEffect('no commercial accounting')),
  commercialTransCount: configKey.int(1, noEffect('no commercial accounting')),
  commercialBigCount: configKey.int(1, noEffect('no commercial accounting')),
  commercialBaseCount: configKey.int(1, noEffect('no commercial accounting')),
  maxDelayTime: configKey.int(40, noEffect()),
} as const;
