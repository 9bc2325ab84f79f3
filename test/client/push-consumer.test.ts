import { describe, expect, it } from 'vitest';
import { PushConsumer } from '../../broker-core/client/consumer/push-consumer';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { FAST_CLIENT, recordingConsumer, sleep, uniqueName, waitFor } from './client-fixtures';
import { useClientCluster } from './client-cluster';

/** Clustering push consumers against mqnamesrv + mqbroker processes: rebalance, retry, offsets, shutdown. */
describe('push consumer (clustering)', () => {
  const env = useClientCluster('PushTestProducer');

  const { createTopic, sendAll } = env;

  const ownedOf = (consumer: PushConsumer, topic: string) => consumer.rebalance.ownedQueues().filter((mq) => mq.topic === topic).length;

  it('two, then three consumers share 8 queues; one leaves; every message is consumed at least once', async () => {
    const topic = uniqueName('RebalanceTopic');
    const group = uniqueName('RebalanceGroup');
    await createTopic(topic, 8);
    const received = new Set<string>();
    const start = async () => {
      const consumer = new PushConsumer({
        ...FAST_CLIENT,
        namesrvAddr: env.cluster.namesrvAddr,
        group,
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        listener: (messages) => {
          for (const message of messages) received.add(message.body.toString());
        },
      });
      consumer.subscribe(topic, '*');
      await consumer.start();
      return consumer;
    };
    const sent: string[] = [];
    const batch = async (label: string, count: number) => {
      const bodies = Array.from({ length: count }, (_, i) => `${label}-${i}`);
      sent.push(...bodies);
      await sendAll(topic, bodies);
    };

    const a = await start();
    const b = await start();
    await batch('two', 60);
    await waitFor(() => ownedOf(a, topic) === 4 && ownedOf(b, topic) === 4, 'an even split between two consumers');

    const c = await start();
    await batch('three', 60);
    await waitFor(
      () => [a, b, c].map((consumer) => ownedOf(consumer, topic)).sort().join() === '2,3,3',
      'the 3/3/2 split after a consumer joined',
    );

    await a.shutdown();
    await batch('after-leave', 60);
    await waitFor(() => ownedOf(b, topic) === 4 && ownedOf(c, topic) === 4, 'an even split after a consumer left');
    await waitFor(() => sent.every((body) => received.has(body)), `all ${sent.length} messages`, 30_000);

    // Offsets reach the broker: no lag once everything is consumed.
    await waitFor(async () => {
      const stats = await env.admin.examineConsumeStats(group, topic).catch(() => undefined);
      return stats !== undefined && stats.offsetTable.every((entry) => entry.value.consumerOffset === entry.value.brokerOffset);
    }, 'zero lag');
    await b.shutdown();
    await c.shutdown();
  });

  it('tag subscriptions: the broker and the client filter by tag', async () => {
    const topic = uniqueName('TagTopic');
    await createTopic(topic, 2);
    const { consumer, bodies } = await recordingConsumer({
      namesrvAddr: env.cluster.namesrvAddr,
      group: uniqueName('TagGroup'),
      topic,
      expression: 'TagA || TagC',
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    try {
      for (const tag of ['TagA', 'TagB', 'TagC', 'TagB']) await env.producer.send({ topic, body: tag, tags: tag });
      await env.producer.send({ topic, body: 'untagged' });
      await waitFor(() => bodies().length >= 2, 'TagA and TagC');
      await sleep(500);
      expect(bodies().sort()).toEqual(['TagA', 'TagC']);
    } finally {
      await consumer.shutdown();
    }
  });

  it('a message the listener fails is sent back and delivered again with its original topic', async () => {
    const topic = uniqueName('RetryTopic');
    const group = uniqueName('RetryGroup');
    await createTopic(topic, 1);
    const deliveries: MessageExt[] = [];
    const consumer = new PushConsumer({
      ...FAST_CLIENT,
      namesrvAddr: env.cluster.namesrvAddr,
      group,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      listener: (messages, context) => {
        deliveries.push(...messages);
        if (messages[0].reconsumeTimes === 0) {
          context.delayLevelWhenNextConsume = 1; // 1 s instead of the default 10 s
          return 'RECONSUME_LATER';
        }
        return 'CONSUME_SUCCESS';
      },
    });
    consumer.subscribe(topic, '*');
    await consumer.start();
    try {
      const sent = await env.producer.send({ topic, body: 'flaky', keys: 'retry-key' });
      await waitFor(() => deliveries.length >= 2, 'the retried delivery', 20_000);
      const [first, second] = deliveries;
      expect(first.reconsumeTimes).toBe(0);
      expect(second.reconsumeTimes).toBe(1);
      expect(second.topic).toBe(topic); // restored from RETRY_TOPIC for the application
      expect(second.body.toString()).toBe('flaky');
      expect(second.uniqKey).toBe(sent.msgId);
    } finally {
      await consumer.shutdown();
    }
  });

  it('delayLevelWhenNextConsume = -1 sends a failed message straight to %DLQ%<group>', async () => {
    const topic = uniqueName('DlqTopic');
    const group = uniqueName('DlqGroup');
    await createTopic(topic, 1);
    const { consumer } = await (async () => {
      const created = new PushConsumer({
        ...FAST_CLIENT,
        namesrvAddr: env.cluster.namesrvAddr,
        group,
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        listener: (_messages, context) => {
          context.delayLevelWhenNextConsume = -1;
          return 'RECONSUME_LATER';
        },
      });
      created.subscribe(topic, '*');
      await created.start();
      return { consumer: created };
    })();
    try {
      const sent = await env.producer.send({ topic, body: 'poison', keys: 'poison-key' });
      await waitFor(async () => (await env.admin.namesrv.getTopicRouteInfo(`%DLQ%${group}`)) !== undefined, 'the DLQ topic');
      const { queryMessageByUniqueKey } = await import('../../broker-core/client/admin/message-queries');
      await waitFor(async () => (await queryMessageByUniqueKey(env.admin, `%DLQ%${group}`, sent.msgId).catch(() => [])).length === 1, 'the message in the DLQ');
      const [dead] = await queryMessageByUniqueKey(env.admin, `%DLQ%${group}`, sent.msgId);
      expect(dead.body.toString()).toBe('poison');
      expect(dead.properties.get('RETRY_TOPIC')).toBe(topic);
      // The original queue's offset moved past it: the consumer is not stuck on the poison message.
      await waitFor(async () => (await env.admin.examineConsumeStats(group, topic)).offsetTable[0].value.consumerOffset === 1, 'the offset past it');
    } finally {
      await consumer.shutdown();
    }
  });

  it('refuses to start an SQL92 subscription the broker does not accept (CHECK_CLIENT_CONFIG)', async () => {
    const topic = uniqueName('SqlRefusedTopic');
    await createTopic(topic, 1);
    const consumer = new PushConsumer({ ...FAST_CLIENT, namesrvAddr: env.cluster.namesrvAddr, group: uniqueName('SqlRefused'), listener: () => undefined });
    consumer.subscribe(topic, 'a > 1', 'SQL92');
    await expect(consumer.start()).rejects.toThrow(/Check client in broker error/);
  });

  it('flow control: a slow listener never has more than pullThresholdForQueue + one pull cached', async () => {
    const topic = uniqueName('FlowTopic');
    await createTopic(topic, 1);
    await sendAll(topic, Array.from({ length: 120 }, (_, i) => `flow-${i}`));
    let consumed = 0;
    let maxCached = 0;
    const consumer = new PushConsumer({
      ...FAST_CLIENT,
      namesrvAddr: env.cluster.namesrvAddr,
      group: uniqueName('FlowGroup'),
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      pullThresholdForQueue: 10,
      pullBatchSize: 8,
      consumeConcurrency: 2,
      listener: async () => {
        for (const { pq } of consumer.rebalance.processQueues.values()) maxCached = Math.max(maxCached, pq.count);
        await sleep(5);
        consumed++;
      },
    });
    consumer.subscribe(topic, '*');
    await consumer.start();
    try {
      await waitFor(() => consumed >= 120, 'all 120 messages', 30_000);
      expect(maxCached).toBeGreaterThan(0);
      expect(maxCached).toBeLessThanOrEqual(10 + 8);
    } finally {
      await consumer.shutdown();
    }
  });

  it('shutdown commits what was consumed and unregisters the client', async () => {
    const topic = uniqueName('ShutdownTopic');
    const group = uniqueName('ShutdownGroup');
    await createTopic(topic, 2);
    await sendAll(topic, Array.from({ length: 10 }, (_, i) => `s-${i}`));
    const { consumer, received } = await recordingConsumer({
      namesrvAddr: env.cluster.namesrvAddr,
      group,
      topic,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      persistConsumerOffsetIntervalMs: 60_000, // only the shutdown commit counts
    });
    await waitFor(() => received.length === 10, 'ten messages');
    await consumer.shutdown();
    const stats = await env.admin.examineConsumeStats(group, topic);
    expect(stats.offsetTable.map((entry) => entry.value.consumerOffset).reduce((a, b) => a + b, 0)).toBe(10);
    await expect(env.admin.examineConsumerConnectionInfo(group)).rejects.toMatchObject({ code: 206 });
  });

  it('PULL_OFFSET_MOVED: a committed offset past the end is corrected and consumption resumes', async () => {
    const topic = uniqueName('MovedTopic');
    const group = uniqueName('MovedGroup');
    await createTopic(topic, 1);
    await sendAll(topic, ['m-0', 'm-1', 'm-2']);
    const { updateConsumerOffset } = await import('../../broker-core/client/instance/broker-api');
    await updateConsumerOffset(env.admin.remoting, env.cluster.brokerAddr, group, { topic, brokerName: 'broker-a', queueId: 0 }, 1000);
    const { consumer, bodies } = await recordingConsumer({ namesrvAddr: env.cluster.namesrvAddr, group, topic, offsetMovedDelayMs: 200 });
    try {
      await waitFor(async () => {
        const stats = await env.admin.examineConsumeStats(group, topic).catch(() => undefined);
        return stats?.offsetTable[0]?.value.consumerOffset === 3;
      }, 'the corrected offset 3');
      await env.producer.send({ topic, body: 'm-3' });
      await waitFor(() => bodies().includes('m-3'), 'the message after the correction');
      expect(bodies()).toEqual(['m-3']);
    } finally {
      await consumer.shutdown();
    }
  });

  it('resetOffsetByTime with the consumer online rewinds it (RESET_CONSUMER_CLIENT_OFFSET)', async () => {
    const topic = uniqueName('ResetTopic');
    const group = uniqueName('ResetGroup');
    await createTopic(topic, 2);
    await sendAll(topic, Array.from({ length: 6 }, (_, i) => `r-${i}`));
    const { consumer, received } = await recordingConsumer({ namesrvAddr: env.cluster.namesrvAddr, group, topic, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    try {
      await waitFor(() => received.length === 6, 'six messages');
      await waitFor(async () => {
        const stats = await env.admin.examineConsumeStats(group, topic).catch(() => undefined);
        return stats?.offsetTable.every((entry) => entry.value.consumerOffset === entry.value.brokerOffset) ?? false;
      }, 'offsets committed');
      const { resetOffsetByTime } = await import('../../broker-core/client/admin/offset-reset');
      const result = await resetOffsetByTime(env.admin, topic, group, 0, true);
      expect(result.mode).toBe('online');
      await waitFor(() => received.length === 12, 'six messages again', 20_000);
    } finally {
      await consumer.shutdown();
    }
  });

  it('answers running-info and consume-directly requests through the broker', async () => {
    const topic = uniqueName('InfoTopic');
    const group = uniqueName('InfoGroup');
    await createTopic(topic, 2);
    const sent = await env.producer.send({ topic, body: 'direct' });
    const { consumer, received } = await recordingConsumer({ namesrvAddr: env.cluster.namesrvAddr, group, topic, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    try {
      await waitFor(() => received.length === 1, 'the message');
      const info = await env.admin.getConsumerRunningInfo(group, consumer.clientId);
      expect(info.properties.PROP_CONSUME_TYPE).toBe('CONSUME_PASSIVELY');
      expect(info.mqTable.filter((entry) => entry.messageQueue.topic === topic)).toHaveLength(2);
      expect(info.subscriptionSet.map((sub) => sub.topic).sort()).toEqual([`%RETRY%${group}`, topic].sort());
      const result = await env.admin.consumeMessageDirectly(group, consumer.clientId, topic, sent.offsetMsgId);
      expect(result.consumeResult).toBe('CR_SUCCESS');
      expect(received).toHaveLength(2);
    } finally {
      await consumer.shutdown();
    }
  });
});
