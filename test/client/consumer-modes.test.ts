import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { PullConsumer } from '../../broker-core/client/consumer/pull-consumer';
import { localOffsetFilePath } from '../../broker-core/client/consumer/local-offset-store';
import { Producer } from '../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';
import { FAST_CLIENT, recordingConsumer, sleep, uniqueName, waitFor } from './client-fixtures';

/**
 * SQL92, consumeFromWhere, broadcasting and the pull consumer, against a broker with property filtering on and
 * accessMessageInMemoryMaxRatio=0 (every message counts as "on disk", so a new group really has no offset and
 * consumeFromWhere decides; with the default 40 % a young queue answers offset 0, semantics.md §10.4).
 */
describe('consumer modes', () => {
  let cluster: ClusterProcesses;
  let producer: Producer;
  let admin: MQAdmin;
  const offsetDir = mkdtempSync(join(tmpdir(), 'broadcast-offsets-'));

  beforeAll(async () => {
    cluster = await startClusterProcesses({ broker: ['enablePropertyFilter=true', 'accessMessageInMemoryMaxRatio=0'] });
    producer = new Producer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, group: 'ModesProducer' });
    await producer.start();
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
  }, 120_000);

  afterAll(async () => {
    await producer?.shutdown();
    await admin?.close();
    await cluster?.stop();
    rmSync(offsetDir, { recursive: true, force: true });
  });

  const createTopic = async (topic: string, queues: number) => {
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: queues, writeQueueNums: queues }), { clusterName: 'DefaultCluster' });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `route of ${topic}`);
  };

  it('SQL92: only messages whose properties match the expression arrive', async () => {
    const topic = uniqueName('SqlTopic');
    await createTopic(topic, 2);
    const { consumer, bodies } = await recordingConsumer({
      namesrvAddr: cluster.namesrvAddr,
      group: uniqueName('SqlGroup'),
      topic,
      expression: "region = 'eu' AND amount > 10",
      expressionType: 'SQL92',
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    try {
      const cases: Array<[string, Record<string, string>]> = [
        ['eu-big', { region: 'eu', amount: '50' }],
        ['eu-small', { region: 'eu', amount: '5' }],
        ['us-big', { region: 'us', amount: '50' }],
        ['no-props', {}],
        ['eu-big-2', { region: 'eu', amount: '11' }],
      ];
      for (const [body, properties] of cases) await producer.send({ topic, body, properties });
      await waitFor(() => bodies().length >= 2, 'the two matching messages');
      await sleep(500);
      expect(bodies().sort()).toEqual(['eu-big', 'eu-big-2']);
    } finally {
      await consumer.shutdown();
    }
  });

  it('consumeFromWhere decides where a new group starts: first, last, timestamp', async () => {
    const topic = uniqueName('WhereTopic');
    await createTopic(topic, 1);
    for (let i = 0; i < 3; i++) await producer.send({ topic, body: `old-${i}` });
    // A 4.x broker answers the offset whose store time is closest to the timestamp: take one just before mid-0.
    await sleep(400);
    const between = Date.now();
    await sleep(5);
    for (let i = 0; i < 2; i++) await producer.send({ topic, body: `mid-${i}` });

    const first = await recordingConsumer({ namesrvAddr: cluster.namesrvAddr, group: uniqueName('First'), topic, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    const last = await recordingConsumer({ namesrvAddr: cluster.namesrvAddr, group: uniqueName('Last'), topic, consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET' });
    const byTime = await recordingConsumer({
      namesrvAddr: cluster.namesrvAddr,
      group: uniqueName('ByTime'),
      topic,
      consumeFromWhere: 'CONSUME_FROM_TIMESTAMP',
      consumeTimestamp: between,
    });
    try {
      await waitFor(() => first.received.length === 5 && byTime.received.length === 2, 'the first and timestamp consumers');
      // The last-offset consumer has its queue once the rebalance computed its start; only new messages reach it.
      await waitFor(() => last.consumer.rebalance.ownedQueues().some((mq) => mq.topic === topic), 'the last-offset consumer owning the queue');
      await producer.send({ topic, body: 'new-0' });
      await waitFor(() => last.received.length === 1 && first.received.length === 6, 'the new message');
      expect(first.bodies()).toEqual(['old-0', 'old-1', 'old-2', 'mid-0', 'mid-1', 'new-0']);
      expect(last.bodies()).toEqual(['new-0']);
      await waitFor(() => byTime.received.length === 3, 'the new message for the timestamp consumer');
      expect(byTime.bodies()).toEqual(['mid-0', 'mid-1', 'new-0']);
    } finally {
      await Promise.all([first.consumer.shutdown(), last.consumer.shutdown(), byTime.consumer.shutdown()]);
    }
  });

  it('broadcasting: every consumer gets every message and keeps its offsets in a local file', async () => {
    const topic = uniqueName('BroadcastTopic');
    const group = uniqueName('BroadcastGroup');
    await createTopic(topic, 2);
    const start = (instanceName: string) =>
      recordingConsumer({
        namesrvAddr: cluster.namesrvAddr,
        group,
        topic,
        instanceName,
        messageModel: 'BROADCASTING',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        offsetStoreDir: offsetDir,
      });
    const one = await start('one');
    const two = await start('two');
    for (let i = 0; i < 6; i++) await producer.send({ topic, body: `b-${i}` });
    await waitFor(() => one.received.length === 6 && two.received.length === 6, 'six messages on each consumer');
    expect(one.bodies().sort()).toEqual(two.bodies().sort());
    await one.consumer.shutdown();
    const file = localOffsetFilePath(one.consumer.clientId, group, offsetDir);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`{"brokerName":"broker-a","queueId":0,"topic":"${topic}"}`);
    const total = [...text.matchAll(/}:(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(total).toBe(6);

    // Restarted with the same client id, it continues from its file: only the new message arrives.
    await producer.send({ topic, body: 'b-after' });
    const again = await start('one');
    try {
      await waitFor(() => again.received.length === 1, 'the message sent while it was down');
      expect(again.bodies()).toEqual(['b-after']);
    } finally {
      await again.consumer.shutdown();
      await two.consumer.shutdown();
    }
  });

  it('pull consumer: assign, poll, seek back, commit', async () => {
    const topic = uniqueName('PullTopic');
    const group = uniqueName('PullGroup');
    await createTopic(topic, 1);
    for (let i = 0; i < 5; i++) await producer.send({ topic, body: `p-${i}` });
    const consumer = new PullConsumer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', autoCommit: false });
    const queues = await consumer.fetchMessageQueues(topic);
    expect(queues).toEqual([{ topic, brokerName: 'broker-a', queueId: 0 }]);
    await consumer.assign(queues);
    await consumer.start();
    try {
      const polled: string[] = [];
      while (polled.length < 5) {
        const batch = await consumer.poll(3000);
        expect(batch.length).toBeGreaterThan(0);
        polled.push(...batch.map((message) => message.body.toString()));
      }
      expect(polled).toEqual(['p-0', 'p-1', 'p-2', 'p-3', 'p-4']);
      await consumer.commitSync();
      expect(await consumer.committed(queues[0])).toBe(5);

      consumer.seek(queues[0], 2);
      const replay: string[] = [];
      while (replay.length < 3) replay.push(...(await consumer.poll(3000)).map((message) => message.body.toString()));
      expect(replay).toEqual(['p-2', 'p-3', 'p-4']);
      expect(await consumer.poll(300)).toEqual([]);
    } finally {
      await consumer.shutdown();
    }
  });

  it('pull consumer: subscribe shares the queues by rebalance', async () => {
    const topic = uniqueName('LiteTopic');
    const group = uniqueName('LiteGroup');
    await createTopic(topic, 4);
    for (let i = 0; i < 8; i++) await producer.send({ topic, body: `l-${i}` });
    const make = () => new PullConsumer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    const a = make();
    const b = make();
    a.subscribe(topic);
    b.subscribe(topic);
    await a.start();
    await b.start();
    try {
      await waitFor(() => a.assignment().length === 2 && b.assignment().length === 2, 'two queues each');
      const got: string[] = [];
      await waitFor(async () => {
        for (const consumer of [a, b]) got.push(...(await consumer.poll(100)).map((message) => message.body.toString()));
        return got.length >= 8;
      }, 'all eight messages');
      expect(got.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `l-${i}`).sort());
    } finally {
      await a.shutdown();
      await b.shutdown();
    }
  });
});
