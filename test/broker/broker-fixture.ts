import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type BrokerConfig, type BrokerHandle } from '../../broker-core/broker/index';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { encodeMessageProperties } from '../../broker-core/common/message/message-properties';
import { decodeStoredMessages } from '../../broker-core/common/message/stored-message-decoder';
import { startNamesrv, type NamesrvHandle } from '../../broker-core/namesrv/index';
import { PullMessageRequestHeader, buildPullSysFlag } from '../../broker-core/protocol/headers/pull-message';
import { SendMessageRequestHeaderV2 } from '../../broker-core/protocol/headers/send-message';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createRequest, type RemotingCommand } from '../../broker-core/remoting/remoting-command';

/**
 * An in-process nameserver + broker on 127.0.0.1 with free ports and a temporary store, plus a raw remoting client
 * and small request builders, for the broker's unit and integration tests. The store geometry is small so tests run
 * fast; every test stops what it started in afterAll/afterEach through `close()`.
 */
export interface InProcessCluster {
  dir: string;
  namesrv: NamesrvHandle;
  broker: BrokerHandle;
  client: RemotingClient;
  /** Stops the broker and the nameserver, closes the client, removes the directory. */
  close(): Promise<void>;
  /** Restarts the broker on the same store and port. */
  restartBroker(overrides?: Partial<BrokerConfig>): Promise<BrokerHandle>;
}

export const smallStore: Partial<BrokerConfig> = {
  mappedFileSizeCommitLog: 8 * 1024 * 1024,
  mappedFileSizeConsumeQueue: 20 * 10_000,
  maxHashSlotNum: 4096,
  maxIndexNum: 16_384,
  flushIntervalCommitLog: 50,
  flushIntervalConsumeQueue: 50,
};

export async function startInProcessCluster(overrides: Partial<BrokerConfig> = {}): Promise<InProcessCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'rmq-broker-'));
  const namesrv = await startNamesrv({
    listenPort: 0,
    host: '127.0.0.1',
    kvConfigPath: join(dir, 'namesrv', 'kvConfig.json'),
    // UPDATE_NAMESRV_CONFIG rewrites this file; the default lies under the home directory.
    configStorePath: join(dir, 'namesrv', 'namesrv.properties'),
  });
  const base: Partial<BrokerConfig> = {
    listenPort: 0,
    listenHost: '127.0.0.1',
    brokerIP1: '127.0.0.1',
    brokerIP2: '127.0.0.1',
    brokerName: 'broker-a',
    brokerClusterName: 'TestCluster',
    namesrvAddr: namesrv.address,
    storePathRootDir: join(dir, 'store'),
    ...smallStore,
  };
  let broker = await startBroker({ ...base, ...overrides });
  const client = new RemotingClient({ name: 'test-client' });
  const cluster: InProcessCluster = {
    dir,
    namesrv,
    get broker() {
      return broker;
    },
    client,
    async restartBroker(more: Partial<BrokerConfig> = {}) {
      const port = broker.port;
      await broker.shutdown();
      broker = await startBroker({ ...base, ...overrides, listenPort: port, ...more });
      return broker;
    },
    async close() {
      await client.close();
      await broker.shutdown();
      await namesrv.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/**
 * A SLAVE (brokerId 1 unless overridden) of the cluster's broker: same cluster, broker name and nameserver, its own
 * store under the cluster's directory, 127.0.0.1 on a free port. The caller shuts it down before `cluster.close()`.
 */
export function startSlaveBroker(cluster: InProcessCluster, overrides: Partial<BrokerConfig> = {}): Promise<BrokerHandle> {
  const master = cluster.broker.config;
  return startBroker({
    listenPort: 0,
    listenHost: '127.0.0.1',
    brokerIP1: '127.0.0.1',
    brokerIP2: '127.0.0.1',
    brokerName: master.brokerName,
    brokerClusterName: master.brokerClusterName,
    namesrvAddr: master.namesrvAddr,
    storePathRootDir: join(cluster.dir, 'slave-store'),
    ...smallStore,
    brokerRole: 'SLAVE',
    brokerId: 1,
    ...overrides,
  });
}

export interface SendOptions {
  tags?: string;
  keys?: string;
  properties?: Record<string, string>;
  queueId?: number;
  producerGroup?: string;
  sysFlag?: number;
  code?: number;
}

export function sendRequest(topic: string, body: Buffer | string, options: SendOptions = {}): RemotingCommand {
  const properties: Array<[string, string]> = Object.entries(options.properties ?? {});
  if (options.tags !== undefined) properties.push(['TAGS', options.tags]);
  if (options.keys !== undefined) properties.push(['KEYS', options.keys]);
  properties.push(['WAIT', 'true']);
  const extFields = SendMessageRequestHeaderV2.encode({
    a: options.producerGroup ?? 'PG',
    b: topic,
    c: 'TBW102',
    d: 4,
    e: options.queueId ?? 0,
    f: options.sysFlag ?? 0,
    g: Date.now(),
    h: 0,
    i: encodeMessageProperties(properties),
    j: 0,
    k: false,
    m: false,
  });
  return createRequest(options.code ?? RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.isBuffer(body) ? body : Buffer.from(body) });
}

export interface PullOptions {
  group?: string;
  queueId?: number;
  offset?: number;
  maxMsgNums?: number;
  subscription?: string;
  expressionType?: 'TAG' | 'SQL92';
  suspendMs?: number;
  commitOffset?: number;
}

export function pullRequest(topic: string, options: PullOptions = {}): RemotingCommand {
  const suspend = options.suspendMs !== undefined;
  const extFields = PullMessageRequestHeader.encode({
    consumerGroup: options.group ?? 'CG',
    topic,
    queueId: options.queueId ?? 0,
    queueOffset: options.offset ?? 0,
    maxMsgNums: options.maxMsgNums ?? 32,
    sysFlag: buildPullSysFlag(options.commitOffset !== undefined, suspend, options.subscription !== undefined),
    commitOffset: options.commitOffset ?? 0,
    suspendTimeoutMillis: options.suspendMs ?? 0,
    subscription: options.subscription,
    subVersion: 0,
    expressionType: options.expressionType,
  });
  return createRequest(RequestCode.PULL_MESSAGE, { extFields });
}

/**
 * The messages one pull returns, over a client of its own (so it works across broker restarts): what a topic holds
 * whatever the consumers under test saw.
 */
export async function pullStored(brokerAddr: string, topic: string, options: PullOptions = {}): Promise<MessageExt[]> {
  const remoting = new RemotingClient({ name: 'pull-stored' });
  try {
    const response = await remoting.invoke(brokerAddr, pullRequest(topic, options));
    return decodeStoredMessages(response.body ?? Buffer.alloc(0));
  } finally {
    await remoting.close();
  }
}
