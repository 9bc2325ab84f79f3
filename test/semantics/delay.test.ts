import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { PushConsumer } from '../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../broker-core/client/producer/producer';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { pullStored } from '../broker/broker-fixture';
import { FAST_CLIENT, sleep, uniqueName, waitFor } from '../client/client-fixtures';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';

/**
 * Delay levels end to end (spec/semantics.md §4) on the default levels (1s 5s 10s ...), against mqnamesrv + mqbroker
 * processes. Timing uses the messages' own timestamps (born at the producer, stored at delivery), as the machine may
 * be busy; deliveries are counted by UNIQ_KEY, at the consumer and in the real topic's queue.
 */
interface Delivery {
  message: MessageExt;
  receivedAt: number;
}

describe('delay levels', () => {
  let cluster: ClusterProcesses;
  let admin: MQAdmin;
  let producer: Producer;
  let consumer: PushConsumer;
  const topic = uniqueName('DelayTopic');
  const deliveries: Delivery[] = [];
  const deliveriesOf = (uniqKey: string) => deliveries.filter((delivery) => delivery.message.uniqKey === uniqKey);

  beforeAll(async () => {
    cluster = await startClusterProcesses({ broker: ['flushConsumerOffsetInterval=300'] });
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 1, writeQueueNums: 1 }), { brokerAddr: cluster.brokerAddr });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `route of ${topic}`);
    producer = new Producer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, group: uniqueName('DelayProducer') });
    await producer.start();
    consumer = new PushConsumer({
      ...FAST_CLIENT,
      namesrvAddr: cluster.namesrvAddr,
      group: uniqueName('DelayConsumer'),
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      listener: (messages) => {
        for (const message of messages) deliveries.push({ message, receivedAt: Date.now() });
      },
    });
    consumer.subscribe(topic, '*');
    await consumer.start();
  }, 240_000);

  afterAll(async () => {
    await consumer?.shutdown();
    await producer?.shutdown();
    await admin?.close();
    await cluster?.stop();
  }, 60_000);

  /** Everything stored in the real topic: what the schedule service delivered, whatever the consumer saw. */
  const stored = () => pullStored(cluster.brokerAddr, topic, { subscription: '*', group: 'DelayInspector', maxMsgNums: 64 });

  async function storedCopies(uniqKey: string): Promise<MessageExt[]> {
    return (await stored()).filter((message) => message.uniqKey === uniqKey);
  }

  it('delivers level 3 ten seconds (± 1 s) after it was born, to its topic and queue, without DELAY', async () => {
    const result = await producer.send({ topic, body: 'ten-seconds', delayTimeLevel: 3, tags: 'TagD' });
    await sleep(8000);
    expect(deliveriesOf(result.msgId)).toEqual([]);
    await waitFor(() => deliveriesOf(result.msgId).length > 0, 'the delayed message', 10_000);
    const [{ message, receivedAt }] = deliveriesOf(result.msgId);
    const delayMs = message.storeTimestamp - message.bornTimestamp;
    console.log(`level 3: stored ${delayMs} ms after born, received ${receivedAt - message.bornTimestamp} ms after born`);
    expect(delayMs).toBeGreaterThanOrEqual(9000);
    expect(delayMs).toBeLessThanOrEqual(11_000);
    expect(receivedAt - message.bornTimestamp).toBeGreaterThanOrEqual(9000);
    expect(message.topic).toBe(topic);
    expect(message.queueId).toBe(0);
    expect(message.tags).toBe('TagD');
    expect(message.properties.has('DELAY')).toBe(false);
    expect(message.properties.get('REAL_TOPIC')).toBe(topic);
    expect(message.properties.get('REAL_QID')).toBe('0');
  }, 30_000);

  it('a broker restart between send and due time still delivers once, and does not repeat what was delivered', async () => {
    const pending = await producer.send({ topic, body: 'across-a-restart', delayTimeLevel: 3 });
    const early = await producer.send({ topic, body: 'before-the-restart', delayTimeLevel: 1 });
    await waitFor(() => deliveriesOf(early.msgId).length > 0, 'the level-1 message', 10_000);
    await cluster.restartBroker();
    await waitFor(() => deliveriesOf(pending.msgId).length > 0, 'the delayed message after the restart', 20_000);
    await sleep(3000);
    expect(deliveriesOf(pending.msgId)).toHaveLength(1);
    expect(deliveriesOf(early.msgId)).toHaveLength(1);
    expect(await storedCopies(pending.msgId)).toHaveLength(1);
    expect(await storedCopies(early.msgId)).toHaveLength(1);
    const [{ message }] = deliveriesOf(pending.msgId);
    expect(message.storeTimestamp - message.bornTimestamp).toBeGreaterThanOrEqual(9000);
  }, 60_000);

  it('a broker crash (SIGKILL) neither loses a pending delivery nor repeats a finished one', async () => {
    const pending = await producer.send({ topic, body: 'across-a-crash', delayTimeLevel: 3 });
    const early = await producer.send({ topic, body: 'before-the-crash', delayTimeLevel: 1 });
    await waitFor(async () => (await storedCopies(early.msgId)).length > 0, 'the level-1 message', 10_000);
    process.kill(cluster.broker.pid, 'SIGKILL');
    await cluster.broker.exited;
    await cluster.restartBroker();
    await waitFor(async () => (await storedCopies(pending.msgId)).length > 0, 'the delayed message after the crash', 20_000);
    await sleep(2000);
    expect(await storedCopies(pending.msgId)).toHaveLength(1);
    expect(await storedCopies(early.msgId)).toHaveLength(1);
  }, 60_000);

  it('a delayOffset.json that lags behind the deliveries (a crash before its write) repeats nothing', async () => {
    const before = (await stored()).map((message) => message.uniqKey);
    expect(before).toHaveLength(5);
    await cluster.broker.stop();
    const file = join(cluster.storeDir, 'config', 'delayOffset.json');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\b1:[1-9]/);
    // level 1 back to its first message, level 3 one message back: as if the broker died before persisting them
    writeFileSync(file, text.replace(/\b1:\d+/, '1:0').replace(/\b3:(\d+)/, (_all, offset: string) => `3:${Number(offset) - 1}`));
    await cluster.restartBroker();
    await sleep(3000);
    expect((await stored()).map((message) => message.uniqKey)).toEqual(before);
  }, 60_000);
});
