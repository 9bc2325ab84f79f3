import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';
import {
  aliOns,
  clientOptions,
  closeAliOnsInnerProducer,
  createTopic,
  record,
  waitFor,
  type AliOnsConsumer,
  type AliOnsProducer,
  type AliOnsSendResult,
  type Received,
} from './ali-ons-helpers';

/**
 * ali-ons 3.12 (npm) against our mqnamesrv + mqbroker processes: it produces and consumes exactly as it would with
 * Apache RocketMQ 4.x. Messages carry tags, keys and a user property; every 50th body is 6 KiB, which ali-ons
 * compresses. Consumers check bodies, tags, keys, properties, msgIds and queue offsets against the send results.
 */
const TOPIC = 'AliOnsTopic';
const COUNT = 1000;
const TAGS = ['TagA', 'TagB', 'TagC'];

interface Sent {
  idx: number;
  body: Buffer;
  tags: string;
  keys: string;
  result: AliOnsSendResult;
}

function bodyOf(i: number): Buffer {
  return i % 50 === 0 ? Buffer.from(`big-${i}-`.padEnd(6 * 1024, 'abcdefgh')) : Buffer.from(`body-${i}`);
}

describe('ali-ons against our broker', () => {
  let cluster: ClusterProcesses;
  const consumers: AliOnsConsumer[] = [];
  const errors: Error[] = [];
  let producer: AliOnsProducer;
  const sent: Sent[] = [];

  beforeAll(async () => {
    // short delay levels so a retried message comes back after 1 s (level 3 = the first retry)
    cluster = await startClusterProcesses({ broker: ['enablePropertyFilter=true', 'messageDelayLevel=1s 1s 1s 1s'] });
    await createTopic(cluster.brokerAddr, cluster.namesrvAddr, TOPIC, 8);
    producer = new aliOns.Producer({ ...clientOptions(cluster.namesrvAddr, 'producer'), producerGroup: 'PG_ALI_ONS' });
    producer.on('error', (error) => errors.push(error));
    await producer.ready();
  }, 240_000);

  afterAll(async () => {
    for (const consumer of consumers) await consumer.close().catch(() => undefined);
    await producer?.close().catch(() => undefined);
    await closeAliOnsInnerProducer();
    await cluster?.stop();
  }, 60_000);

  function startConsumer(group: string, instanceName: string, options: Record<string, unknown> = {}): AliOnsConsumer {
    const consumer = new aliOns.Consumer({ ...clientOptions(cluster.namesrvAddr, instanceName), consumerGroup: group, rebalanceInterval: 1000, ...options });
    consumer.on('error', (error) => errors.push(error));
    consumers.push(consumer);
    return consumer;
  }

  async function produce(topic: string, from: number, to: number, into: Sent[]): Promise<void> {
    let next = from;
    const worker = async () => {
      while (next < to) {
        const i = next++;
        const tags = TAGS[i % 3];
        const message = new aliOns.Message(topic, tags, bodyOf(i));
        message.keys = [`key-${i}`, `group-${i % 10}`];
        message.properties.idx = String(i);
        const result = await producer.send(message);
        into.push({ idx: i, body: bodyOf(i), tags, keys: `key-${i} group-${i % 10}`, result });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }

  function expectIntact(received: Received, message: Sent): void {
    expect(received.body.equals(message.body)).toBe(true);
    expect(received.tags).toBe(message.tags);
    expect(received.keys).toBe(message.keys);
    expect(received.msgId).toBe(message.result.msgId);
    expect(received.queueOffset).toBe(message.result.queueOffset);
    // ali-ons copies queueId from the answer's extFields without converting it (as with a Java broker)
    expect(received.queueId).toBe(Number(message.result.messageQueue.queueId));
  }

  it('two consumers of one group split the queues and get every message once, intact', async () => {
    const received: Received[] = [];
    const c1 = startConsumer('CG_SPLIT', 'split-1');
    const c2 = startConsumer('CG_SPLIT', 'split-2');
    for (const [name, consumer] of [['c1', c1], ['c2', c2]] as const) {
      consumer.subscribe(TOPIC, '*', async (message) => {
        received.push(record(name, message));
      });
    }
    await Promise.all([c1.ready(), c2.ready()]);
    const queuesOf = (consumer: AliOnsConsumer) => [...consumer._processQueueTable.values()].filter((pq) => pq.messageQueue.topic === TOPIC).map((pq) => pq.messageQueue.queueId);
    await waitFor(() => queuesOf(c1).length === 4 && queuesOf(c2).length === 4, 30_000, 'the two consumers to split 8 queues');
    expect(new Set([...queuesOf(c1), ...queuesOf(c2)]).size).toBe(8);

    await produce(TOPIC, 0, COUNT, sent);
    expect(sent.every((message) => message.result.sendStatus === 'SEND_OK')).toBe(true);
    expect(new Set(sent.map((message) => message.result.msgId)).size).toBe(COUNT);
    await waitFor(() => received.length >= COUNT, 60_000, `${COUNT} messages (got ${received.length})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received.length).toBe(COUNT);

    const byIdx = new Map(sent.map((message) => [String(message.idx), message]));
    for (const message of received) expectIntact(message, byIdx.get(message.idx ?? '') as Sent);
    expect(new Set(received.map((message) => message.idx)).size).toBe(COUNT);
    const c1Queues = new Set(queuesOf(c1));
    for (const message of received) expect(c1Queues.has(message.queueId)).toBe(message.consumer === 'c1');
    expect(received.filter((message) => message.consumer === 'c1').length).toBeGreaterThan(0);
    expect(received.filter((message) => message.consumer === 'c2').length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a "TagA || TagC" subscription gets only those tags, and the broker never sends the others', async () => {
    const received: Received[] = [];
    const transferredTags: Array<string | null> = [];
    const consumer = startConsumer('CG_TAGS', 'tags-1');
    const pullMessage = consumer._mqClient.pullMessage.bind(consumer._mqClient);
    consumer._mqClient.pullMessage = async (address, header, timeout) => {
      const result = await pullMessage(address, header, timeout);
      if (header.topic === TOPIC) for (const message of result.msgFoundList) transferredTags.push(message.tags);
      return result;
    };
    consumer.subscribe(TOPIC, 'TagA || TagC', async (message) => {
      received.push(record('tags', message));
    });
    await consumer.ready();
    const expected = sent.filter((message) => message.tags !== 'TagB');
    await waitFor(() => received.length >= expected.length, 60_000, `${expected.length} tagged messages (got ${received.length})`);
    expect(received.length).toBe(expected.length);
    expect(new Set(received.map((message) => message.tags))).toEqual(new Set(['TagA', 'TagC']));
    expect(transferredTags.length).toBe(expected.length);
    expect(transferredTags).not.toContain('TagB');
  }, 90_000);

  it('an SQL92 subscription gets only the matching messages', async () => {
    const received: Received[] = [];
    const consumer = startConsumer('CG_SQL', 'sql-1');
    consumer.subscribe(TOPIC, { expressionType: 'SQL92', subString: "idx BETWEEN 100 AND 199 AND TAGS <> 'TagB'" }, async (message) => {
      received.push(record('sql', message));
    });
    await consumer.ready();
    const expected = sent.filter((message) => message.idx >= 100 && message.idx <= 199 && message.tags !== 'TagB');
    await waitFor(() => received.length >= expected.length, 60_000, `${expected.length} SQL-matching messages (got ${received.length})`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.map((message) => Number(message.idx)).sort((a, b) => a - b)).toEqual(expected.map((message) => message.idx).sort((a, b) => a - b));
  }, 90_000);

  it('broadcasting consumers each get every message', async () => {
    const received = new Map<string, Received[]>([['b1', []], ['b2', []]]);
    for (const name of ['b1', 'b2']) {
      const consumer = startConsumer('CG_BROADCAST', `broadcast-${name}`, { isBroadcast: true, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
      consumer.subscribe(TOPIC, '*', async (message) => {
        received.get(name)?.push(record(name, message));
      });
      await consumer.ready();
    }
    await waitFor(() => [...received.values()].every((list) => list.length >= COUNT), 60_000, 'both broadcasting consumers to get everything');
    for (const list of received.values()) expect(new Set(list.map((message) => message.idx)).size).toBe(COUNT);
  }, 90_000);

  it('a message the listener asks to retry comes back through %RETRY%<group> with its original topic', async () => {
    const topic = 'AliOnsRetry';
    await createTopic(cluster.brokerAddr, cluster.namesrvAddr, topic, 1);
    const deliveries: Array<{ body: string; topic: string; reconsumeTimes: number }> = [];
    const consumer = startConsumer('CG_RETRY', 'retry-1', { consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    consumer.subscribe(topic, '*', async (message) => {
      deliveries.push({ body: message.body.toString(), topic: message.topic, reconsumeTimes: message.reconsumeTimes });
      return deliveries.length === 1 ? aliOns.Consumer.ACTION_RETRY : undefined;
    });
    await consumer.ready();
    const once: Sent[] = [];
    await produce(topic, 0, 1, once);
    await waitFor(() => deliveries.length >= 2, 30_000, 'the retried delivery');
    // message 0 has the 6 KiB body: it comes back still compressed as stored, and inflates intact
    expect(deliveries).toEqual([
      { body: bodyOf(0).toString(), topic, reconsumeTimes: 0 },
      { body: bodyOf(0).toString(), topic, reconsumeTimes: 1 },
    ]);
  }, 60_000);

  it('a consumer that closes resumes from its committed offset after a restart of itself and of the broker', async () => {
    const topic = 'AliOnsResume';
    await createTopic(cluster.brokerAddr, cluster.namesrvAddr, topic, 2);
    const first: Sent[] = [];
    await produce(topic, 0, 100, first);
    const run1: Received[] = [];
    const consumer1 = startConsumer('CG_RESUME', 'resume-1');
    consumer1.subscribe(topic, '*', async (message) => {
      run1.push(record('run1', message));
    });
    await consumer1.ready();
    await waitFor(() => run1.length >= 100, 60_000, 'the first 100 messages');
    await consumer1.close();
    consumers.splice(consumers.indexOf(consumer1), 1);

    await cluster.restartBroker();
    const second: Sent[] = [];
    await waitFor(async () => {
      try {
        await produce(topic, 100, 101, second);
        return true;
      } catch {
        return false;
      }
    }, 30_000, 'the restarted broker to accept sends');
    await produce(topic, 101, 200, second);

    const run2: Received[] = [];
    const consumer2 = startConsumer('CG_RESUME', 'resume-2');
    consumer2.subscribe(topic, '*', async (message) => {
      run2.push(record('run2', message));
    });
    await consumer2.ready();
    await waitFor(() => run2.length >= 100, 60_000, `the next 100 messages (got ${run2.length})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(run1.map((message) => Number(message.idx)).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(run2.map((message) => Number(message.idx)).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
    const byIdx = new Map(second.map((message) => [String(message.idx), message]));
    for (const message of run2) expectIntact(message, byIdx.get(message.idx ?? '') as Sent);
  }, 150_000);
});
