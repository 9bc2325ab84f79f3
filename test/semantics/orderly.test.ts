import { describe, expect, it } from 'vitest';
import type { MessageListenerOrderly } from '../../broker-core/client/consumer/consume-orderly';
import { PushConsumer, type PushConsumerOptions } from '../../broker-core/client/consumer/push-consumer';
import { selectMessageQueueByHash } from '../../broker-core/client/producer/queue-selector';
import { dlqTopicOf } from '../../broker-core/common/message/message-const';
import { FAST_CLIENT, sleep, uniqueName, waitFor } from '../client/client-fixtures';
import { useClientCluster } from '../client/client-cluster';

/**
 * Orderly push consumers (spec/semantics.md §5, §10.6) against mqnamesrv + mqbroker processes. Rebalance, lock
 * renewal and pull-retry intervals are shortened so hand-overs happen within the test's time.
 */
const ORDERLY_FAST: Partial<PushConsumerOptions> = {
  ...FAST_CLIENT,
  lockIntervalMs: 1000,
  lockMaxLiveTimeMs: 5000,
  pullTimeDelayMsWhenException: 300,
  consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
};

describe('orderly consumption', () => {
  const env = useClientCluster(uniqueName('OrderlyProducer'));

  const { createTopic } = env;

  const orderlyConsumer = async (group: string, topic: string, listener: MessageListenerOrderly, extra: Partial<PushConsumerOptions> = {}) => {
    const consumer = new PushConsumer({ ...ORDERLY_FAST, ...extra, namesrvAddr: env.cluster.namesrvAddr, group, orderlyListener: listener });
    consumer.subscribe(topic, '*');
    await consumer.start();
    return consumer;
  };

  it('10,000 messages of 100 order keys over 8 queues, 3 consumers (one joins, one leaves): per-key order, exactly once', async () => {
    const topic = uniqueName('OrderTopic');
    const group = uniqueName('OrderGroup');
    await createTopic(topic, 8);
    const KEYS = 100;
    const PER_KEY = 100;
    // One global log: all consumers run in this process, so its order is the real order of the callbacks.
    const deliveries: Array<{ consumer: number; key: number; seq: number }> = [];
    const listenerOf =
      (consumer: number): MessageListenerOrderly =>
      (messages) => {
        for (const message of messages) {
          const [key, seq] = message.body.toString().split(':').map(Number);
          deliveries.push({ consumer, key, seq });
        }
        return 'SUCCESS';
      };
    // Each key's messages are sent one after the other (same queue via the selector); keys go in parallel.
    const sendRange = (from: number, to: number) =>
      Promise.all(
        Array.from({ length: KEYS }, async (_, key) => {
          for (let seq = from; seq < to; seq++) {
            const result = await env.producer.send({ topic, body: `${key}:${seq}`, keys: `K${key}` }, { selector: selectMessageQueueByHash, arg: `K${key}` });
            expect(result.sendStatus).toBe('SEND_OK');
          }
        }),
      );
    const distinct = () => new Set(deliveries.map((d) => d.key * PER_KEY + d.seq)).size;

    const began = Date.now();
    const c0 = await orderlyConsumer(group, topic, listenerOf(0));
    const c1 = await orderlyConsumer(group, topic, listenerOf(1));
    await sendRange(0, PER_KEY / 2);
    const sentHalf = Date.now();
    await waitFor(() => distinct() >= 2500, '2,500 consumed before the third consumer joins', 60_000);
    const c2 = await orderlyConsumer(group, topic, listenerOf(2));
    const secondHalf = sendRange(PER_KEY / 2, PER_KEY);
    await waitFor(() => c2.rebalance.ownedQueues().some((mq) => mq.topic === topic), 'the third consumer owns queues', 30_000);
    await waitFor(() => distinct() >= 6000, '6,000 consumed before the first consumer leaves', 60_000);
    await c0.shutdown();
    await secondHalf;
    await waitFor(() => distinct() === KEYS * PER_KEY, 'all 10,000 consumed', 90_000);
    const consumedAll = Date.now();
    await sleep(1000); // a late duplicate would show up here
    await c1.shutdown();
    await c2.shutdown();

    // Exactly once, and per key the callbacks ran in send order across all consumers and hand-overs.
    const firstSeen = new Map<number, number>();
    const duplicates: string[] = [];
    deliveries.forEach(({ consumer, key, seq }, index) => {
      const id = key * PER_KEY + seq;
      const first = firstSeen.get(id);
      if (first === undefined) firstSeen.set(id, index);
      else duplicates.push(`key ${key} seq ${seq}: #${first} by c${deliveries[first].consumer}, again #${index} by c${consumer}`);
    });
    expect(duplicates).toEqual([]);
    expect(deliveries.length).toBe(KEYS * PER_KEY);
    const next = new Array<number>(KEYS).fill(0);
    for (const { key, seq } of deliveries) {
      expect(seq, `key ${key}`).toBe(next[key]);
      next[key]++;
    }
    // Hence each consumer's own view of a key is strictly increasing too; and all three took part.
    const byConsumer = [0, 1, 2].map((c) => deliveries.filter((d) => d.consumer === c).length);
    expect(byConsumer.every((count) => count > 0)).toBe(true);
    console.log(
      `orderly 10k: send first half ${sentHalf - began} ms, all consumed after ${consumedAll - began} ms; per consumer ${byConsumer.join('/')}`,
    );
  }, 150_000);

  it('global order with a one-queue topic, across a hand-over to another consumer', async () => {
    const topic = uniqueName('GlobalOrderTopic');
    const group = uniqueName('GlobalOrderGroup');
    await createTopic(topic, 1);
    const seen: Array<{ consumer: number; seq: number }> = [];
    const listenerOf =
      (consumer: number): MessageListenerOrderly =>
      (messages) => {
        for (const message of messages) seen.push({ consumer, seq: Number(message.body.toString()) });
      };
    const a = await orderlyConsumer(group, topic, listenerOf(0), { consumeMessageBatchMaxSize: 4 });
    const b = await orderlyConsumer(group, topic, listenerOf(1), { consumeMessageBatchMaxSize: 4 });
    const owner = () => [a, b].find((consumer) => consumer.rebalance.ownedQueues().some((mq) => mq.topic === topic));
    await waitFor(() => owner() !== undefined, 'one consumer owns the queue');
    const first = owner() as PushConsumer;
    const second = first === a ? b : a;
    for (let seq = 0; seq < 300; seq++) await env.producer.send({ topic, body: String(seq) });
    await waitFor(() => seen.length >= 300, 'the first 300');
    await first.shutdown();
    for (let seq = 300; seq < 600; seq++) await env.producer.send({ topic, body: String(seq) });
    await waitFor(() => seen.length >= 600, 'all 600', 30_000);
    await sleep(300);
    await second.shutdown();
    expect(seen.map((entry) => entry.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    expect(new Set(seen.slice(300).map((entry) => entry.consumer)).size).toBe(1);
  }, 60_000);

  it('a queue whose callback is still running is handed over only after it finished and its offset was committed', async () => {
    const topic = uniqueName('HandOverTopic');
    const group = uniqueName('HandOverGroup');
    await createTopic(topic, 2);
    const deliveries: Array<{ consumer: number; body: string; at: number }> = [];
    const slowEnded = new Map<number, number>();
    const listenerOf =
      (consumer: number): MessageListenerOrderly =>
      async (messages) => {
        const body = messages[0].body.toString();
        deliveries.push({ consumer, body, at: Date.now() });
        if (body.startsWith('slow')) {
          await sleep(2500); // longer than the 1 s a rebalance waits for a running callback
          slowEnded.set(messages[0].queueId, Date.now());
        }
      };
    const a = await orderlyConsumer(group, topic, listenerOf(0));
    await waitFor(() => a.rebalance.ownedQueues().filter((mq) => mq.topic === topic).length === 2, 'the first consumer owns both queues');
    const queues = await env.producer.fetchPublishMessageQueues(topic);
    for (const mq of queues) await env.producer.send({ topic, body: `slow-${mq.queueId}` }, { messageQueue: mq });
    await waitFor(() => deliveries.length === 2, 'both slow callbacks running');
    const pqs = queues.map((mq) => a.rebalance.processQueueOf(mq));
    for (const mq of queues) await env.producer.send({ topic, body: `after-${mq.queueId}` }, { messageQueue: mq });

    const b = await orderlyConsumer(group, topic, listenerOf(1));
    try {
      await waitFor(() => deliveries.filter((d) => d.body.startsWith('after')).length === 2, 'both later messages', 20_000);
      await sleep(500);
      const moved = deliveries.find((d) => d.consumer === 1);
      expect(moved?.body).toMatch(/^after-/);
      // The rebalance gave up waiting at least once, and the new owner started only after the callback ended.
      expect(pqs.some((pq) => (pq?.tryUnlockTimes ?? 0) > 0)).toBe(true);
      expect(moved?.at).toBeGreaterThanOrEqual(slowEnded.get(Number(moved?.body.slice('after-'.length))) ?? Infinity);
      expect(deliveries.map((d) => d.body).sort()).toEqual(['after-0', 'after-1', 'slow-0', 'slow-1']);
    } finally {
      await b.shutdown();
      await a.shutdown();
    }
  }, 40_000);

  it('SUSPEND_CURRENT_QUEUE_A_MOMENT redelivers the same message before the later ones of its queue', async () => {
    const topic = uniqueName('SuspendTopic');
    const group = uniqueName('SuspendGroup');
    await createTopic(topic, 1);
    const deliveries: Array<{ body: string; reconsumeTimes: number; at: number }> = [];
    const consumer = await orderlyConsumer(group, topic, (messages, context) => {
      const [message] = messages;
      deliveries.push({ body: message.body.toString(), reconsumeTimes: message.reconsumeTimes, at: Date.now() });
      if (message.body.toString() === 'A' && message.reconsumeTimes < 2) {
        context.suspendCurrentQueueTimeMillis = 200;
        return 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
      }
      return 'SUCCESS';
    });
    try {
      for (const body of ['A', 'B', 'C']) await env.producer.send({ topic, body });
      await waitFor(() => deliveries.length >= 5, 'A three times, then B and C');
      await sleep(300);
      expect(deliveries.map((d) => `${d.body}${d.reconsumeTimes}`)).toEqual(['A0', 'A1', 'A2', 'B0', 'C0']);
      // The suspension is honoured (a lower bound only: timers never fire early).
      expect(deliveries[1].at - deliveries[0].at).toBeGreaterThanOrEqual(190);
    } finally {
      await consumer.shutdown();
    }
  }, 30_000);

  it('past maxReconsumeTimes a message goes to the retry topic and the broker moves it to the DLQ; the queue moves on', async () => {
    const topic = uniqueName('OrderlyDlqTopic');
    const group = uniqueName('OrderlyDlqGroup');
    await createTopic(topic, 1);
    const deliveries: string[] = [];
    const consumer = await orderlyConsumer(
      group,
      topic,
      (messages, context) => {
        const [message] = messages;
        deliveries.push(`${message.body.toString()}${message.reconsumeTimes}`);
        context.suspendCurrentQueueTimeMillis = 10;
        return message.body.toString() === 'poison' ? 'SUSPEND_CURRENT_QUEUE_A_MOMENT' : 'SUCCESS';
      },
      { maxReconsumeTimes: 2 },
    );
    try {
      await env.producer.send({ topic, body: 'poison' });
      await env.producer.send({ topic, body: 'next' });
      await waitFor(() => deliveries.includes('next0'), 'the next message');
      expect(deliveries.slice(0, 4)).toEqual(['poison0', 'poison1', 'poison2', 'next0']);
      const dlq = dlqTopicOf(group);
      await waitFor(async () => {
        const stats = await env.admin.examineTopicStats(dlq).catch(() => undefined);
        return (stats?.offsetTable ?? []).reduce((sum, entry) => sum + entry.value.maxOffset, 0) === 1;
      }, `one message in ${dlq}`);
      await sleep(500);
      expect(deliveries.filter((d) => d.startsWith('poison'))).toHaveLength(3);
    } finally {
      await consumer.shutdown();
    }
  }, 30_000);
});
