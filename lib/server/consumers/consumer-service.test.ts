import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushConsumer } from '../../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../../broker-core/protocol/bodies/topic-config';
import { FAST_CLIENT, uniqueName, waitFor } from '../../../test/client/client-fixtures';
import { groupListQuerySchema, type GroupDetail } from '../../validations/group';
import { startConsoleServer, type ConsoleServer } from '../console-server';

// The Consumers service against the console's real embedded broker, with our producer and push consumer over TCP.
describe('consumer service', () => {
  let dir: string;
  let server: ConsoleServer;
  let producer: Producer;
  let namesrvAddr: string;
  let brokerAddr: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consumer-service-test-'));
    server = await startConsoleServer({
      embedded: { listenHost: '127.0.0.1', namesrvPort: 0, brokerPort: 0, storeDir: join(dir, 'store'), namesrvDir: join(dir, 'namesrv') },
      externalNamesrvAddrs: undefined,
    });
    namesrvAddr = server.embedded!.namesrvAddr;
    brokerAddr = server.embedded!.broker.address;
    producer = new Producer({ ...FAST_CLIENT, namesrvAddr, group: uniqueName('ConsumerServiceProducer') });
    await producer.start();
  }, 60_000);

  afterAll(async () => {
    await producer?.shutdown();
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const queuesOf = (detail: GroupDetail) => detail.queues.filter((queue) => !queue.topic.startsWith('%RETRY%'));
  const list = (query: Record<string, string> = {}) => server.consumers.listGroups(groupListQuerySchema.parse({ cluster: 'embedded', ...query }));

  it('creates a group on a broker, lists and pages it (system groups hidden), and deletes it', async () => {
    const groups = ['a', 'b', 'c'].map((suffix) => uniqueName(`ListGroup_${suffix}`));
    for (const groupName of groups) {
      await server.consumers.writeGroupConfig({ cluster: 'embedded', groupName, brokerAddrs: [brokerAddr], consumeEnable: true, consumeBroadcastEnable: false, consumeFromMinEnable: true, retryQueueNums: 2, retryMaxTimes: 3, brokerId: 0, whichBrokerWhenConsumeSlowly: 1 });
    }
    const page = await list({ filter: 'ListGroup_', pageSize: '2', sort: 'group', dir: 'desc' });
    expect(page.total).toBe(3);
    expect(page.rows.map((row) => row.group)).toEqual([groups[2], groups[1]]);
    expect(page.rows[0]).toMatchObject({ clientCount: 0, diffTotal: 0, lagSeconds: null, system: false });
    expect((await list()).rows.some((row) => row.group === 'TOOLS_CONSUMER')).toBe(false);
    expect((await list({ system: '1', filter: 'TOOLS_CONSUMER' })).rows.map((row) => row.group)).toEqual(['TOOLS_CONSUMER']);

    const configs = await server.consumers.groupConfigs('embedded', groups[0]);
    expect(configs.brokers).toEqual([
      expect.objectContaining({ brokerAddr, config: expect.objectContaining({ groupName: groups[0], retryQueueNums: 2, retryMaxTimes: 3, consumeBroadcastEnable: false }) }),
    ]);
    await server.consumers.deleteGroup('embedded', groups[0], [brokerAddr], true);
    expect((await server.consumers.groupConfigs('embedded', groups[0])).brokers[0].config).toBeNull();
    expect((await list({ filter: 'ListGroup_' })).total).toBe(2);
  }, 30_000);

  it('shows a consumer draining its backlog, which client holds each queue, and the lag coming back after a reset', async () => {
    const topic = uniqueName('LagTopic');
    const group = uniqueName('LagGroup');
    await server.admin('embedded').createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 2, writeQueueNums: 2 }), { brokerAddr });
    const before = Date.now() - 1000;
    for (let index = 0; index < 6; index++) await producer.send({ topic, body: `message ${index}` });

    let consumed = 0;
    const consumer = new PushConsumer({ ...FAST_CLIENT, namesrvAddr, group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', listener: (messages) => ((consumed += messages.length), 'CONSUME_SUCCESS') });
    consumer.subscribe(topic, '*');
    await consumer.start();
    try {
      await waitFor(() => consumed >= 6, 'six messages consumed');
      let detail = await server.consumers.groupDetail('embedded', group);
      await waitFor(async () => (detail = await server.consumers.groupDetail('embedded', group)).diffTotal === 0 && queuesOf(detail).length === 2, 'offsets committed', 20_000, 250).catch((error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(detail)}`);
      });
      expect(detail.online).toBe(true);
      expect(detail.clients).toHaveLength(1);
      expect(detail.clients[0].version).toMatch(/^V\d+_\d+_\d+/);
      expect(queuesOf(detail).map((queue) => [queue.topic, queue.queueId, queue.brokerOffset, queue.consumerOffset, queue.diff, queue.lagSeconds])).toEqual([
        [topic, 0, expect.any(Number), expect.any(Number), 0, null],
        [topic, 1, expect.any(Number), expect.any(Number), 0, null],
      ]);
      expect(queuesOf(detail).reduce((sum, queue) => sum + queue.brokerOffset, 0)).toBe(6);
      expect(new Set(queuesOf(detail).map((queue) => queue.clientId))).toEqual(new Set([detail.clients[0].clientId]));
      expect(detail.subscriptions.map((subscription) => subscription.topic)).toContain(topic);

      const running = await server.consumers.clientRunningInfo('embedded', group, detail.clients[0].clientId, false);
      expect(running.queues.filter((queue) => queue.topic === topic)).toHaveLength(2);
      expect(running.properties.length).toBeGreaterThan(0);
    } finally {
      await consumer.shutdown();
    }

    const reset = await server.consumers.resetOffset('embedded', group, topic, before, true);
    expect(reset.queues.map((queue) => queue.offset)).toEqual([0, 0]);
    const after = await server.consumers.groupDetail('embedded', group);
    expect(after.online).toBe(false);
    expect(after.diffTotal).toBe(6);
    expect(after.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(after.topics.find((entry) => entry.topic === topic)).toEqual({ topic, diff: 6, lastTimestamp: 0, lagSeconds: expect.any(Number) });
    const row = (await list({ filter: group })).rows[0];
    expect(row).toMatchObject({ group, clientCount: 0, diffTotal: 6 });
    expect(row.lagSeconds).not.toBeNull();
  }, 60_000);

  it('names the unknown cluster', async () => {
    await expect(server.consumers.groupDetail('nope', 'G')).rejects.toThrow("no cluster with id 'nope'");
    await expect(list({ cluster: 'nope' })).rejects.toThrow("no cluster with id 'nope'");
  });
});
