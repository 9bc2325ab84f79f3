import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';
import { aliOns, clientOptions, closeAliOnsInnerProducer, createTopic, waitFor, type AliOnsConsumer, type AliOnsMessage, type AliOnsProducer } from './ali-ons-helpers';

/**
 * ali-ons 3.12 (npm) retry and delay against our mqnamesrv + mqbroker processes (spec/semantics.md §4, §5). The broker
 * runs with `1s 4s 2s 2s ...` delay levels: level 2 (ali-ons `msg.delayTimeLevel = 2`) waits 4 s, and the first two
 * retries (levels 3 and 4, chosen by the broker for ali-ons' send-back with delayLevel 0) 2 s each.
 *
 * ali-ons consumes %RETRY%<group> through a wrapper that drops the listener's return value, so a retried message asks
 * for another retry by throwing (ACTION_RETRY only works on the first delivery); a throw also emits 'error'.
 */
const DELAY_LEVELS = ['1s', '4s', ...Array.from({ length: 16 }, () => '2s')].join(' ');

type TimedMessage = AliOnsMessage & { bornTimestamp: number; storeTimestamp: number };

interface Delivery {
  topic: string;
  body: string;
  reconsumeTimes: number;
  bornTimestamp: number;
  storeTimestamp: number;
  receivedAt: number;
}

function deliveryOf(message: AliOnsMessage): Delivery {
  const timed = message as TimedMessage;
  return {
    topic: message.topic,
    body: message.body.toString(),
    reconsumeTimes: message.reconsumeTimes,
    bornTimestamp: timed.bornTimestamp,
    storeTimestamp: timed.storeTimestamp,
    receivedAt: Date.now(),
  };
}

describe('ali-ons retry and delay against our broker', () => {
  let cluster: ClusterProcesses;
  let producer: AliOnsProducer;
  const consumers: AliOnsConsumer[] = [];
  const consumerErrors: Error[] = [];

  beforeAll(async () => {
    cluster = await startClusterProcesses({ broker: [`messageDelayLevel=${DELAY_LEVELS}`] });
    producer = new aliOns.Producer({ ...clientOptions(cluster.namesrvAddr, 'retry-delay-producer'), producerGroup: 'PG_ALI_ONS_RETRY_DELAY' });
    await producer.ready();
  }, 240_000);

  afterAll(async () => {
    for (const consumer of consumers) await consumer.close().catch(() => undefined);
    await producer?.close().catch(() => undefined);
    await closeAliOnsInnerProducer();
    await cluster?.stop();
  }, 60_000);

  async function startConsumer(group: string, topic: string, handler: (message: AliOnsMessage) => Promise<unknown>): Promise<void> {
    const consumer = new aliOns.Consumer({
      ...clientOptions(cluster.namesrvAddr, `${group}-1`),
      consumerGroup: group,
      rebalanceInterval: 1000,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    consumers.push(consumer);
    consumer.on('error', (error) => consumerErrors.push(error));
    consumer.subscribe(topic, '*', handler);
    await consumer.ready();
  }

  it('a failed consumption comes back with reconsumeTimes 1, 2 after the retry levels, on its own topic', async () => {
    const topic = 'AliOnsRetryTwice';
    await createTopic(cluster.brokerAddr, cluster.namesrvAddr, topic, 1);
    const deliveries: Delivery[] = [];
    await startConsumer('CG_ALI_ONS_RETRY_TWICE', topic, async (message) => {
      deliveries.push(deliveryOf(message));
      if (deliveries.length <= 2) throw new Error(`failing delivery ${deliveries.length} on purpose`);
    });
    await producer.send(new aliOns.Message(topic, 'TagR', Buffer.from('retry me twice')));
    await waitFor(() => deliveries.length >= 3, 30_000, 'three deliveries');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(deliveries.map(({ topic: t, body, reconsumeTimes }) => ({ topic: t, body, reconsumeTimes }))).toEqual([
      { topic, body: 'retry me twice', reconsumeTimes: 0 },
      { topic, body: 'retry me twice', reconsumeTimes: 1 },
      { topic, body: 'retry me twice', reconsumeTimes: 2 },
    ]);
    // each retry waited for its level (2 s) in SCHEDULE_TOPIC_XXXX before it was stored in %RETRY%<group>
    for (const n of [1, 2]) expect(deliveries[n].storeTimestamp - deliveries[n - 1].receivedAt).toBeGreaterThanOrEqual(1900);
    expect(consumerErrors.map((error) => error.message).filter((text) => text.includes('on purpose'))).toHaveLength(2);
  }, 60_000);

  it('a message with delayTimeLevel = 2 waits at least that level (4 s) before it is delivered', async () => {
    const topic = 'AliOnsDelayed';
    await createTopic(cluster.brokerAddr, cluster.namesrvAddr, topic, 1);
    const deliveries: Delivery[] = [];
    await startConsumer('CG_ALI_ONS_DELAYED', topic, async (message) => void deliveries.push(deliveryOf(message)));
    const message = new aliOns.Message(topic, 'TagD', Buffer.from('four seconds later'));
    (message as unknown as { delayTimeLevel: number }).delayTimeLevel = 2;
    const sentAt = Date.now();
    await producer.send(message);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(deliveries).toEqual([]);
    await waitFor(() => deliveries.length >= 1, 20_000, 'the delayed message');
    const [delivery] = deliveries;
    expect(delivery.body).toBe('four seconds later');
    expect(delivery.topic).toBe(topic);
    expect(delivery.storeTimestamp - delivery.bornTimestamp).toBeGreaterThanOrEqual(4000);
    expect(delivery.receivedAt - sentAt).toBeGreaterThanOrEqual(4000);
  }, 40_000);
});
