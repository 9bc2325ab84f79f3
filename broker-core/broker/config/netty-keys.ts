import { configKey } from '../../common/config/config-schema';

/**
 * NettyServerConfig / NettyClientConfig keys, which upstream fills from the same broker file (spec/config.md §2.10).
 * listenPort, the listen address and the idle timeout take effect; the rest tune Netty and are only reported.
 */
const netty = { description: 'no effect (Netty tuning)' };

export const nettyKeys = {
  listenPort: configKey.int(10911, { min: 0, max: 65535, description: 'client port; the VIP port is listenPort-2, HA listenPort+1' }),
  listenHost: configKey.string('0.0.0.0', { aliases: ['bindAddress'], description: 'address to listen on (5.x bindAddress)' }),
  serverChannelMaxIdleTimeSeconds: configKey.int(120, { min: 1, description: 'close connections idle this long' }),
  serverWorkerThreads: configKey.int(8, netty),
  serverCallbackExecutorThreads: configKey.int(0, netty),
  serverSelectorThreads: configKey.int(3, netty),
  serverOnewaySemaphoreValue: configKey.int(256, netty),
  serverAsyncSemaphoreValue: configKey.int(64, netty),
  serverSocketSndBufSize: configKey.int(0, netty),
  serverSocketRcvBufSize: configKey.int(0, netty),
  serverSocketBacklog: configKey.int(1024, netty),
  writeBufferHighWaterMark: configKey.int(0, netty),
  writeBufferLowWaterMark: configKey.int(0, netty),
  serverPooledByteBufAllocatorEnable: configKey.boolean(true, netty),
  useEpollNativeSelector: configKey.boolean(false, netty),
  clientWorkerThreads: configKey.int(4, netty),
  clientCallbackExecutorThreads: configKey.int(2, netty),
  clientOnewaySemaphoreValue: configKey.int(65_535, netty),
  clientAsyncSemaphoreValue: configKey.int(65_535, netty),
  connectTimeoutMillis: configKey.int(3000, { min: 1, description: 'connect timeout towards nameservers' }),
  channelNotActiveInterval: configKey.long(60_000, netty),
  clientChannelMaxIdleTimeSeconds: configKey.int(120, { min: 1, description: 'close idle connections to nameservers' }),
  clientSocketSndBufSize: configKey.int(0, netty),
  clientSocketRcvBufSize: configKey.int(0, netty),
  clientPooledByteBufAllocatorEnable: configKey.boolean(false, netty),
  clientCloseSocketIfTimeout: configKey.boolean(false, netty),
  useTLS: configKey.boolean(false, { description: 'no effect (TLS is not implemented)' }),
} as const;
