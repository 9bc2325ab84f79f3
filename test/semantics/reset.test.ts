import { describe, expect, it } from 'vitest';
import { resetOffsetByTime } from '../../broker-core/client/admin/offset-reset';
import { PushConsumer, type PushConsumerOptions } from '../../broker-core/client/consumer/push-consumer';
import { FAST_CLIENT, sleep, uniqueName, waitFor } from '../client/client-fixtures';
import { useClientCluster } from '../client/client-cluster';

/**
 * Offsets of push consumers against mqnamesrv + mqbroker processes (spec/semantics.md §10.4, §10.5): where a new
 * group starts, and resetOffsetByTime for an online group (INVOKE_BROKER_TO_RESET_OFFSET -> RESET_CONSUMER_CLIENT_OFFSET:
 * the consumer drops its cache, adopts and persists the offsets and goes on without a restart) and an offline one
 * (mqadmin's fallback writes the offsets; the group finds them when it starts).
 */
describe('consumer offsets: consumeFromWhere and reset by timestamp', () => {
  const env = useClientCluster(uniqueName('ResetProducer'));

  const { createTopic, sendAll } = env;

  const noLag = (group: string, topic: string) =>
    waitFor(async () => {
      const stats = await env.admin.examineConsumeStats(group, topic).catch(() => undefined);
      return stats !== undefined && stats.offsetTable.length > 0 && stats.offsetTable.every((e) => e.value.consumerOffset === e.value.brokerOffset);
    }, `${group} committed everything on ${topic}`);

  /**
   * Two batches and a timestamp right before the second (store times are the broker's clock, the same machine's).
   * The broker resolves a timestamp to the queue's message stored closest to it (as upstream 4.9's
   * getOffsetInQueueByTime), so the point sits 300 ms after the first batch and just before the second.
   */
  const twoBatches = async (topic: string) => {
    const before = Array.from({ length: 10 }, (_, i) => `before-${i}`);
    const after = Array.from({ length: 10 }, (_, i) => `after-${i}`);
    await sendAll(topic, before);
    await sleep(300);
    const resetPoint = Date.now();
    await sendAll(topic, after);
    return { before, after, resetPoint };
  };

  const consumer = async (group: string, topic: string, received: string[], extra: Partial<PushConsumerOptions> & { orderly?: boolean } = {}) => {
    const record = (messages: Array<{ body: Buffer }>) => void received.push(...messages.map((m) => m.body.toString()));
    const options: PushConsumerOptions = { ...FAST_CLIENT, namesrvAddr: env.cluster.namesrvAddr, group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', ...extra };
    const created = new PushConsumer(extra.orderly ? { ...options, orderlyListener: record, lockIntervalMs: 1000 } : { ...options, listener: record });
    created.subscribe(topic, '*');
    await created.start();
    return created;
  };

  it('a new group on a young topic starts from offset 0 even with CONSUME_FROM_LAST_OFFSET', async () => {
    const topic = uniqueName('YoungTopic');
    await createTopic(topic, 2);
    const early = Array.from({ length: 6 }, (_, i) => `early-${i}`);
    await sendAll(topic, early);
    const received: string[] = [];
    const started = await consumer(uniqueName('YoungGroup'), topic, received, { consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET' });
    try {
      await waitFor(() => received.length >= early.length, 'the messages sent before the group existed');
      expect(received.sort()).toEqual([...early].sort());
    } finally {
      await started.shutdown();
    }
  });

  for (const mode of ['concurrently', 'orderly'] as const) {
    it(`an online ${mode} consumer follows a reset by timestamp at once, without restarting`, async () => {
      const topic = uniqueName(`ResetOnline${mode}`);
      const group = uniqueName(`ResetOnlineGroup${mode}`);
      await createTopic(topic, 2);
      const { before, after, resetPoint } = await twoBatches(topic);
      const received: string[] = [];
      const online = await consumer(group, topic, received, { orderly: mode === 'orderly' });
      try {
        await waitFor(() => received.length >= 20, 'both batches');
        await noLag(group, topic);
        const consumedBefore = received.length;

        const result = await resetOffsetByTime(env.admin, topic, group, resetPoint, true);
        expect(result.mode).toBe('online');
        await waitFor(() => received.length >= consumedBefore + after.length, 'the second batch again');
        await sleep(300);
        const again = received.slice(consumedBefore);
        expect([...again].sort()).toEqual([...after].sort());
        expect(again.some((body) => before.includes(body))).toBe(false);
        // The same consumer object kept running, and the new offsets reached the broker.
        expect(online.running).toBe(true);
        await noLag(group, topic);
      } finally {
        await online.shutdown();
      }
    }, 40_000);
  }

  it('an offline group finds offsets written by the reset fallback when it starts', async () => {
    const topic = uniqueName('ResetOffline');
    const group = uniqueName('ResetOfflineGroup');
    await createTopic(topic, 2);
    const { after, resetPoint } = await twoBatches(topic);
    const first: string[] = [];
    const once = await consumer(group, topic, first);
    await waitFor(() => first.length >= 20, 'both batches');
    await noLag(group, topic);
    await once.shutdown();

    const result = await resetOffsetByTime(env.admin, topic, group, resetPoint, true);
    expect(result.mode).toBe('offline');
    const second: string[] = [];
    const restarted = await consumer(group, topic, second);
    try {
      await waitFor(() => second.length >= after.length, 'the second batch after the restart');
      await sleep(300);
      expect([...second].sort()).toEqual([...after].sort());
    } finally {
      await restarted.shutdown();
    }
  }, 40_000);
});
