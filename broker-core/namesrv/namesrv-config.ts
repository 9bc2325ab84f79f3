import { homedir } from 'node:os';
import { join } from 'node:path';
import { configKey, defineConfigSchema, type ConfigValues } from '../common/config/config-schema';

/**
 * The nameserver's configuration keys (spec/config.md §4): Java's NamesrvConfig and NettyServerConfig, which
 * `mqnamesrv -c file` fills from one properties file, plus the few keys of ours that tests and operators need.
 * Keys that tune Netty have no counterpart here; they are accepted (so upstream files load without warnings) and
 * reported back by GET_NAMESRV_CONFIG, but change nothing.
 */
const home = homedir();

export const namesrvConfigSchema = defineConfigSchema({
  // NamesrvConfig (4.9.x)
  rocketmqHome: configKey.string(process.env.ROCKETMQ_HOME ?? '', { description: 'ROCKETMQ_HOME (informational)' }),
  kvConfigPath: configKey.string(join(home, 'namesrv', 'kvConfig.json'), { description: 'KV config store file' }),
  configStorePath: configKey.string(join(home, 'namesrv', 'namesrv.properties'), {
    description: 'file rewritten by UPDATE_NAMESRV_CONFIG (set to the -c file by mqnamesrv)',
  }),
  productEnvName: configKey.string('center'),
  clusterTest: configKey.boolean(false),
  orderMessageEnable: configKey.boolean(false, { description: 'put ORDER_TOPIC_CONFIG into topic routes' }),
  configBlackList: configKey.string('configBlackList;configStorePath;kvConfigPath', {
    description: 'keys UPDATE_NAMESRV_CONFIG refuses to change',
  }),
  // NamesrvConfig (5.x) keys we honour
  scanNotActiveBrokerInterval: configKey.long(10_000, {
    min: 1,
    description: 'ms between broker expiry scans (4.x: 10 s)',
  }),
  enableAllTopicList: configKey.boolean(true, { description: 'serve GET_ALL_TOPIC_LIST_FROM_NAMESERVER' }),
  returnOrderTopicConfigToBroker: configKey.boolean(true, {
    description: 'answer REGISTER_BROKER with ORDER_TOPIC_CONFIG',
  }),
  // ours: upstream hard-codes 120 s (RouteInfoManager.BROKER_CHANNEL_EXPIRED_TIME)
  brokerChannelExpiredTime: configKey.long(120_000, {
    min: 1,
    description: 'ms without REGISTER_BROKER after which a broker is removed (5.x brokers may send their own)',
  }),
  // NettyServerConfig
  listenPort: configKey.int(9876, { min: 0, max: 65535 }),
  listenHost: configKey.string('0.0.0.0', {
    aliases: ['bindAddress'],
    description: 'address to listen on (5.x bindAddress)',
  }),
  serverChannelMaxIdleTimeSeconds: configKey.int(120, { min: 1, description: 'close connections idle this long' }),
  serverWorkerThreads: configKey.int(8, { description: 'no effect (Netty tuning)' }),
  serverCallbackExecutorThreads: configKey.int(0, { description: 'no effect (Netty tuning)' }),
  serverSelectorThreads: configKey.int(3, { description: 'no effect (Netty tuning)' }),
  serverOnewaySemaphoreValue: configKey.int(256, { description: 'no effect (Netty tuning)' }),
  serverAsyncSemaphoreValue: configKey.int(64, { description: 'no effect (Netty tuning)' }),
  serverSocketSndBufSize: configKey.int(0, { description: 'no effect (Netty tuning)' }),
  serverSocketRcvBufSize: configKey.int(0, { description: 'no effect (Netty tuning)' }),
  writeBufferHighWaterMark: configKey.int(0, { description: 'no effect (Netty tuning)' }),
  writeBufferLowWaterMark: configKey.int(0, { description: 'no effect (Netty tuning)' }),
  serverSocketBacklog: configKey.int(1024, { description: 'no effect (Netty tuning)' }),
  serverPooledByteBufAllocatorEnable: configKey.boolean(true, { description: 'no effect (Netty tuning)' }),
  useEpollNativeSelector: configKey.boolean(false, { description: 'no effect (Netty tuning)' }),
});

export type NamesrvConfig = ConfigValues<typeof namesrvConfigSchema>;

/** Keys UPDATE_NAMESRV_CONFIG always refuses, whatever configBlackList says (Java DefaultRequestProcessor). */
export const ALWAYS_BLACK_LISTED_KEYS = ['configBlackList', 'configStorePath', 'kvConfigPath', 'rocketmqHome'];

export function blackListedKeys(config: NamesrvConfig): Set<string> {
  const keys = new Set(ALWAYS_BLACK_LISTED_KEYS);
  for (const key of config.configBlackList.split(';')) if (key.trim() !== '') keys.add(key.trim());
  return keys;
}

/** KV namespace whose entries ("brokerA:4;brokerB:8") mark ordered topics. */
export const NAMESPACE_ORDER_TOPIC_CONFIG = 'ORDER_TOPIC_CONFIG';
