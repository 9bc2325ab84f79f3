import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceLockManager } from '../../broker-core/broker/client/rebalance-lock-manager';
import { brokerConfigSchema, resolveBrokerConfig, type BrokerConfig } from '../../broker-core/broker/config/broker-config';
import { PullRequestHoldService } from '../../broker-core/broker/longpolling/pull-request-hold-service';
import { createPullFilter } from '../../broker-core/broker/filter/expression-message-filter';
import { ConsumerOffsetManager } from '../../broker-core/broker/offset/consumer-offset-manager';
import { BrokerStatsManager } from '../../broker-core/broker/stats/broker-stats-manager';
import { StatsItem } from '../../broker-core/broker/stats/stats-item';
import { SubscriptionGroupManager } from '../../broker-core/broker/subscription/subscription-group-manager';
import { TopicConfigManager } from '../../broker-core/broker/topic/topic-config-manager';
import { configDefaults } from '../../broker-core/common/config/config-schema';
import { javaStringHashCode } from '../../broker-core/common/java-hash';
import { buildSubscriptionData } from '../../broker-core/filter/tag-filter';
import { Connection } from '../../broker-core/remoting/connection';

/** The broker's managers on their own: real files in a temp dir, real sockets where a connection is needed. */
const dir = mkdtempSync(join(tmpdir(), 'rmq-managers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

function config(overrides: Partial<BrokerConfig> = {}): BrokerConfig {
  return resolveBrokerConfig({ ...configDefaults(brokerConfigSchema), brokerName: 'broker-a', brokerClusterName: 'C1', storePathRootDir: join(dir, `root-${++counter}`), ...overrides });
}

describe('TopicConfigManager', () => {
  it('auto-creates from TBW102 with min(client, template) queues, without INHERIT, and persists upstream JSON', () => {
    const cfg = config();
    const topics = new TopicConfigManager(cfg);
    let announced = 0;
    topics.onChanged = () => announced++;
    const created = topics.createTopicInSendMessageMethod('AutoTopic', 'TBW102', '10.0.0.9:5000', 4, 0);
    expect(created).toMatchObject({ readQueueNums: 4, writeQueueNums: 4, perm: 6 });
    expect(topics.createTopicInSendMessageMethod('Small', 'TBW102', 'p', 16, 0)).toMatchObject({ writeQueueNums: 8 });
    expect(announced).toBe(2);
    expect(topics.dataVersion.counter).toBe(2);
    const file = JSON.parse(readFileSync(join(cfg.storePathRootDir, 'config', 'topics.json'), 'utf8'));
    expect(file.topicConfigTable.AutoTopic).toEqual({ order: false, perm: 6, readQueueNums: 4, topicFilterType: 'SINGLE_TAG', topicName: 'AutoTopic', topicSysFlag: 0, writeQueueNums: 4 });
    expect(file.dataVersion.counter).toBe(2);

    const reloaded = new TopicConfigManager(cfg);
    reloaded.load();
    expect(reloaded.selectTopicConfig('AutoTopic')?.readQueueNums).toBe(4);
    expect(reloaded.dataVersion.counter).toBe(2);
  });

  it('has no TBW102 and refuses to inherit it when autoCreateTopicEnable is off', () => {
    const topics = new TopicConfigManager(config({ autoCreateTopicEnable: false }));
    expect(topics.selectTopicConfig('TBW102')).toBeUndefined();
    expect(topics.createTopicInSendMessageMethod('X', 'TBW102', 'p', 4, 0)).toBeUndefined();
    expect(topics.isSystemTopic('TBW102')).toBe(true);
    expect(topics.isSystemTopic('C1')).toBe(true);
    expect(topics.isSystemTopic('rmq_sys_anything')).toBe(true);
  });

  it('reads a topics.json Java wrote (pretty, tabs) over the built-in topics, and takes order flags from the nameserver', () => {
    const cfg = config();
    mkdirSync(join(cfg.storePathRootDir, 'config'), { recursive: true });
    writeFileSync(
      join(cfg.storePathRootDir, 'config', 'topics.json'),
      '{\n\t"dataVersion":{\n\t\t"counter":7,\n\t\t"timestamp":1700000000000\n\t},\n\t"topicConfigTable":{\n\t\t"JavaTopic":{\n\t\t\t"order":false,\n\t\t\t"perm":6,\n\t\t\t"readQueueNums":2,\n\t\t\t"topicFilterType":"SINGLE_TAG",\n\t\t\t"topicName":"JavaTopic",\n\t\t\t"topicSysFlag":0,\n\t\t\t"writeQueueNums":2\n\t\t}\n\t}\n}',
    );
    const topics = new TopicConfigManager(cfg);
    topics.load();
    expect(topics.selectTopicConfig('JavaTopic')?.writeQueueNums).toBe(2);
    expect(topics.selectTopicConfig('SELF_TEST_TOPIC')).toBeDefined();
    topics.updateOrderTopicConfig({ JavaTopic: 'broker-a:2' });
    expect(topics.isOrderTopic('JavaTopic')).toBe(true);
    topics.updateOrderTopicConfig(undefined);
    expect(topics.isOrderTopic('JavaTopic')).toBe(true);
    topics.updateOrderTopicConfig({});
    expect(topics.isOrderTopic('JavaTopic')).toBe(false);
  });
});

describe('SubscriptionGroupManager', () => {
  it('auto-creates groups with defaults, or only CID_RMQ_SYS_ groups when auto-create is off', () => {
    const on = new SubscriptionGroupManager(config());
    expect(on.findSubscriptionGroupConfig('NewGroup')).toMatchObject({ retryQueueNums: 1, retryMaxTimes: 16, consumeEnable: true });
    const off = new SubscriptionGroupManager(config({ autoCreateSubscriptionGroup: false }));
    expect(off.findSubscriptionGroupConfig('NewGroup')).toBeUndefined();
    expect(off.findSubscriptionGroupConfig('CID_RMQ_SYS_TRANS')).toBeDefined();
    expect(off.findSubscriptionGroupConfig('TOOLS_CONSUMER')).toBeDefined();
    expect(on.findSubscriptionGroupConfig('bad group')).toBeUndefined();
  });
});

describe('ConsumerOffsetManager', () => {
  it('persists topic@group -> {queueId: offset} with bare keys and reads it back', () => {
    const root = join(dir, 'offsets');
    const offsets = new ConsumerOffsetManager(root);
    offsets.commitOffset('G', 'T', 0, 12);
    offsets.commitOffset('G', 'T', 1, 7);
    offsets.commitOffset('G2', 'T', 0, 3);
    offsets.persist();
    expect(readFileSync(join(root, 'config', 'consumerOffset.json'), 'utf8')).toBe('{"offsetTable":{"T@G":{0:12,1:7},"T@G2":{0:3}}}');
    const reloaded = new ConsumerOffsetManager(root);
    reloaded.load();
    expect(reloaded.queryOffset('G', 'T', 1)).toBe(7);
    expect([...reloaded.whichGroupByTopic('T')].sort()).toEqual(['G', 'G2']);
    reloaded.cloneOffset('G', 'G3');
    expect(reloaded.queryOffset('G3', 'T', 0)).toBe(12);
    reloaded.removeByGroup('G');
    expect(reloaded.queryOffset('G', 'T', 0)).toBe(-1);
  });
});

describe('RebalanceLockManager', () => {
  it('expires a lock after its max live time without renewal', () => {
    let now = 1000;
    const locks = new RebalanceLockManager(() => 60_000, () => now);
    const mq = { topic: 'T', brokerName: 'b', queueId: 0 };
    expect(locks.tryLockBatch('G', [mq], 'c1')).toEqual([mq]);
    now += 59_000;
    expect(locks.tryLockBatch('G', [mq], 'c2')).toEqual([]);
    expect(locks.tryLockBatch('G', [mq], 'c1')).toEqual([mq]);
    now += 60_001;
    expect(locks.isLocked('G', mq, 'c1')).toBe(false);
    expect(locks.tryLockBatch('G', [mq], 'c2')).toEqual([mq]);
  });
});

describe('stats', () => {
  it('computes sum, tps and average per increment over a sampled window', () => {
    const item = new StatsItem();
    item.sampleMinute(0);
    item.add(30, 3);
    item.sampleMinute(10_000);
    item.add(30, 1);
    item.sampleMinute(20_000);
    expect(item.inMinute()).toEqual({ sum: 60, times: 4, tps: 3, avgpt: 15 });
  });

  it('keeps a bounded number of keys per statistic and forgets deleted topics and groups', () => {
    const stats = new BrokerStatsManager('C1', 3);
    for (const topic of ['a', 'b', 'c', 'd']) stats.incTopicPutNums(topic, 1, 1);
    expect(['a', 'b', 'c', 'd'].filter((topic) => stats.get('TOPIC_PUT_NUMS', topic))).toHaveLength(3);
    stats.incGroupGetNums('G', 'd', 5);
    expect(stats.total('GROUP_GET_NUMS', 'd@G')).toBe(5);
    stats.onTopicDeleted('d');
    expect(stats.get('TOPIC_PUT_NUMS', 'd')).toBeUndefined();
    expect(stats.get('GROUP_GET_NUMS', 'd@G')).toBeUndefined();
  });
});

describe('PullRequestHoldService', () => {
  let server: Server;
  let port = 0;
  const sockets: Array<{ destroy(): void }> = [];
  beforeAll(async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function connection(): Promise<Connection> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    sockets.push(socket);
    return new Connection(socket, undefined, 'test');
  }

  it('wakes a held pull only for a message its tag filter accepts, past its offset', async () => {
    let max = 5;
    const hold = new PullRequestHoldService(() => max);
    const filter = createPullFilter({ subscription: buildSubscriptionData('T', 'TagA', 'TAG', 1), retryTopicPassThrough: false });
    const woken = hold.hold('T', 0, 5, filter, await connection(), 60_000);
    const arrival = (tag: string, logicOffset: number) => ({ topic: 'T', queueId: 0, logicOffset, tagsCode: javaStringHashCode(tag), storeTimestamp: 0, properties: new Map([['TAGS', tag]]) });
    hold.notifyMessageArriving(arrival('TagB', 6));
    hold.notifyMessageArriving({ ...arrival('TagA', 6), queueId: 1 });
    expect(hold.size).toBe(1);
    max = 7;
    hold.notifyMessageArriving(arrival('TagA', 7));
    expect(await woken).toBe('arrived');
    expect(hold.size).toBe(0);
  });

  it('answers at once when the queue already grew, on timeout after its hold time, and on close', async () => {
    const hold = new PullRequestHoldService(() => 3);
    expect(await hold.hold('T', 0, 2, undefined, await connection(), 60_000)).toBe('arrived');
    expect(await hold.hold('T', 0, 3, undefined, await connection(), 20)).toBe('timeout');
    const conn = await connection();
    const held = hold.hold('T', 0, 3, undefined, conn, 60_000);
    conn.destroy();
    expect(await held).toBe('closed');
    const last = hold.hold('T', 0, 3, undefined, await connection(), 60_000);
    hold.shutdown();
    expect(await last).toBe('shutdown');
  });
});
