import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type BrokerHandle } from '../../../broker-core/broker/index';
import { startNamesrv, type NamesrvHandle } from '../../../broker-core/namesrv/index';
import { updateConsumerOffset } from '../../../broker-core/client/instance/broker-api';
import { newSubscriptionGroupConfig } from '../../../broker-core/protocol/bodies/subscription-group-config';
import { topicListQuerySchema } from '../../validations/topic';
import { errorResponse } from '../api-response';
import { ClusterAdmins } from '../cluster-admins';
import { resetGroupOffset } from '../consumers/group-config';
import type { ClusterEntry } from '../cluster-registry';
import { ProducerService } from '../producers/producer-service';
import { AdaptiveGate } from '../sampler/adaptive-gate';
import { runClusterCycle } from '../sampler/cluster-cycle';
import { TopicTpsTracker } from '../sampler/topic-tps-tracker';
import { TopicCatalogCache } from './topic-catalog';
import { TopicService } from './topic-service';

// The Topics page's server side and the sampler's cycle against a real nameserver and broker over TCP.
describe('topic service and sampler cycle over a real broker', () => {
  let dir: string;
  let namesrv: NamesrvHandle;
  let broker: BrokerHandle;
  const admins = new ClusterAdmins();
  let entry: ClusterEntry;
  let topics: TopicService;
  let producers: ProducerService;
  const catalog = new TopicCatalogCache();
  const topic = `TS_${Date.now()}`;
  const group = `G_${Date.now()}`;
  const startedAt = Date.now() - 1000;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'topic-service-test-'));
    namesrv = await startNamesrv({ listenPort: 0, host: '127.0.0.1', kvConfigPath: join(dir, 'namesrv', 'kv.json'), configStorePath: join(dir, 'namesrv', 'ns.properties') });
    broker = await startBroker({ listenPort: 0, listenHost: '127.0.0.1', brokerIP1: '127.0.0.1', brokerIP2: '127.0.0.1', namesrvAddr: namesrv.address, storePathRootDir: join(dir, 'store') });
    entry = { id: 'test', name: 'test', namesrvAddr: namesrv.address, embedded: false, source: 'environment' } as ClusterEntry;
    const admin = () => admins.admin(entry);
    topics = new TopicService({ admin, producer: () => admins.producer(entry), catalog });
    producers = new ProducerService(admin);
  });

  afterAll(async () => {
    await admins.closeAll();
    await broker?.shutdown();
    await namesrv?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const listQuery = (fields: Record<string, string>) => topicListQuerySchema.parse({ cluster: 'test', ...fields });

  it('creates a topic, lists and classifies it, and shows its status, route and config', async () => {
    const created = await topics.createOrUpdate({ cluster: 'test', topicName: topic, readQueueNums: 4, writeQueueNums: 4, perm: 6, order: false, clusterNames: ['DefaultCluster'], brokerNames: [] });
    expect(created.brokerAddrs).toEqual([broker.address]);

    const page = await topics.list('test', listQuery({ search: topic.toLowerCase() }));
    expect(page.rows).toEqual([{ name: topic, types: ['normal'], readQueueNums: 4, writeQueueNums: 4, perm: 6, brokerNames: [broker.config.brokerName], clusterNames: ['DefaultCluster'] }]);
    const system = await topics.list('test', listQuery({ types: 'system', pageSize: '500' }));
    expect(system.rows.map((row) => row.name)).toContain('TBW102');
    expect(system.rows.map((row) => row.name)).not.toContain(topic);

    const route = await topics.route('test', topic);
    expect(route.brokers).toEqual([{ cluster: 'DefaultCluster', brokerName: broker.config.brokerName, addrs: [{ brokerId: 0, address: broker.address }] }]);
    expect(route.queues[0]).toMatchObject({ readQueueNums: 4, writeQueueNums: 4, perm: 6 });
    const config = await topics.config('test', topic);
    expect(config.brokers).toEqual([{ brokerName: broker.config.brokerName, brokerAddr: broker.address, config: expect.objectContaining({ readQueueNums: 4, writeQueueNums: 4, perm: 6, order: false }) }]);
    const targets = await topics.targets('test');
    expect(targets.clusters).toEqual([{ clusterName: 'DefaultCluster', brokerNames: [broker.config.brokerName] }]);
  });

  it('sends messages, previews and applies an offset reset, and reports the group lag on the topic', async () => {
    for (let i = 0; i < 12; i++) {
      const result = await topics.send('test', topic, { cluster: 'test', tags: 'TagA', keys: `k${i} shared`, body: `body ${i}`, properties: [{ name: 'origin', value: 'test' }], delayLevel: 0 });
      expect(result).toMatchObject({ sendStatus: 'SEND_OK', brokerName: broker.config.brokerName });
    }
    const status = await topics.status('test', topic);
    expect(status.queues).toHaveLength(4);
    expect(status.queues.reduce((sum, queue) => sum + queue.maxOffset, 0)).toBe(12);

    // The group never consumed: the broker reports offset 0 on every queue; a reset to before the sends gives 0 too.
    const fresh = await topics.resetPreview('test', topic, group, startedAt);
    expect(fresh.rows.map((row) => [row.queueId, row.consumerOffset, row.targetOffset])).toEqual([[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]]);
    expect(fresh.rows.reduce((sum, row) => sum + row.brokerOffset, 0)).toBe(12);

    // Upstream refuses to reset a group with no committed offset ("THe consumer group <G> not exist"): commit what a
    // consumer that read 2 of the 3 messages of each queue would have committed.
    const admin = admins.admin(entry);
    await admin.createOrUpdateSubscriptionGroup(newSubscriptionGroupConfig(group), { clusterName: 'DefaultCluster' });
    for (const queue of status.queues) {
      await updateConsumerOffset(admin.remoting, broker.address, group, { topic, brokerName: queue.brokerName, queueId: queue.queueId }, queue.maxOffset - 1);
    }
    expect((await topics.consumers('test', topic)).groups).toEqual([expect.objectContaining({ group, lag: 4, queues: 4 })]);
    const skipped = await resetGroupOffset(admins.admin(entry), group, topic, -1, true);
    expect(skipped.mode).toBe('offline');
    expect(skipped.queues.reduce((sum, row) => sum + row.offset, 0)).toBe(12);
    for (let i = 0; i < 5; i++) await topics.send('test', topic, { cluster: 'test', tags: '', keys: '', body: 'more', properties: [], delayLevel: 0 });

    const consumers = await topics.consumers('test', topic);
    expect(consumers.groups).toEqual([expect.objectContaining({ group, lag: 5, queues: 4 })]);

    const preview = await topics.resetPreview('test', topic, group, startedAt);
    const total = (key: 'brokerOffset' | 'consumerOffset' | 'targetOffset') => preview.rows.reduce((sum, row) => sum + row[key], 0);
    expect([total('brokerOffset'), total('consumerOffset'), total('targetOffset')]).toEqual([17, 12, 0]);
    const rewound = await resetGroupOffset(admins.admin(entry), group, topic, startedAt, true);
    expect(rewound.queues.reduce((sum, row) => sum + row.offset, 0)).toBe(0);
    expect((await topics.consumers('test', topic)).groups[0].lag).toBe(17);
  });

  it('samples broker TPS, the topic put TPS and the group lag in a bounded number of requests', async () => {
    const tracker = new TopicTpsTracker();
    const ctx = { clusterId: 'test', admin: admins.admin(entry), catalog, tracker, consumeStatsGate: new AdaptiveGate(0, 0), topicBudget: 50, previousLags: undefined };
    const first = await runClusterCycle(ctx);
    for (let i = 0; i < 20; i++) await topics.send('test', topic, { cluster: 'test', tags: '', keys: '', body: 'load', properties: [], delayLevel: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await runClusterCycle(ctx);
    expect(first.sample.brokers).toEqual([expect.objectContaining({ address: broker.address, brokerId: 0 })]);
    expect(second.sample.topTopics.map((entry) => entry.name)).toContain(topic);
    expect(second.sample.topTopics.find((entry) => entry.name === topic)?.value).toBeGreaterThan(0);
    expect(second.groupLags?.get(group)).toBe(37);
    expect(second.sample.topGroups).toContainEqual({ name: group, value: 37 });
    // cluster info + runtime info + consume stats + at most the budget of topic stats (catalog cached from before).
    expect(second.cost.requests).toBeLessThanOrEqual(3 + 50);
    expect(second.sample.errors).toEqual([]);
  });

  it('lists the console producer on the topic, and its group among those the broker reports', async () => {
    const connections = await producers.connections('test', topic, 'SELF_TEST_P_GROUP');
    expect(connections.connections).toHaveLength(1);
    expect(connections.connections[0]).toMatchObject({ clientAddr: expect.stringMatching(/^127\.0\.0\.1:\d+$/), versionDesc: expect.stringMatching(/^V\d+_\d+_\d+/) });
    expect((await producers.connections('test', topic, 'NO_SUCH_GROUP')).connections).toEqual([]);
    const groups = await producers.groups('test', topic);
    expect(groups.supported).toBe(true);
    expect(groups.groups).toContainEqual({ group: 'SELF_TEST_P_GROUP', clients: 1 });
  });

  it('deletes the topic; asking about it afterwards answers 404 with the reason', async () => {
    const deleted = await topics.delete('test', topic, []);
    expect(deleted.brokerAddrs).toEqual([broker.address]);
    expect((await topics.list('test', listQuery({ search: topic }))).rows).toEqual([]);
    const error = await topics.route('test', topic).catch((caught: unknown) => caught);
    const response = errorResponse(error);
    expect(response.status).toBe(404);
    expect((await response.json()).error).toContain('TOPIC_NOT_EXIST');
    const missing = errorResponse(await topics.config('test', topic).catch((caught: unknown) => caught));
    expect(missing.status).toBe(404);
  });
});
