import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { PushConsumer } from '../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../broker-core/client/producer/producer';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';

/**
 * Clients the specs drive: load for the Dashboard and Topics pages, groups for the Consumers, Messages, Dead letters
 * and Trace pages (broker-core over TCP, fast intervals so a
 * spec waits seconds, not minutes). Everything started here is stopped by the caller; waits are bounded.
 */
const FAST = { pollNameServerIntervalMs: 1000, heartbeatBrokerIntervalMs: 1000, rebalanceIntervalMs: 1000, persistConsumerOffsetIntervalMs: 500 };

export async function createTopic(namesrvAddr: string, brokerAddr: string, topic: string, queues = 2): Promise<void> {
  const admin = new MQAdmin({ namesrvAddr });
  try {
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: queues, writeQueueNums: queues }), { brokerAddr });
    await waitUntil(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `the route of ${topic}`, 10_000);
  } finally {
    await admin.close();
  }
}

export interface TestProducerOptions {
  /** Write publish traces to this topic. */
  traceTopic?: string;
}

export async function startTestProducer(namesrvAddr: string, group: string, options: TestProducerOptions = {}): Promise<Producer> {
  const producer = new Producer({ ...FAST, namesrvAddr, group, ...(options.traceTopic ? { enableMsgTrace: true, customizedTraceTopic: options.traceTopic } : {}) });
  await producer.start();
  return producer;
}

export interface TestConsumer {
  readonly consumer: PushConsumer;
  /** Every delivery, in order (retries and direct consumption included). */
  readonly deliveries: MessageExt[];
  /** While true the listener answers RECONSUME_LATER. */
  failing: boolean;
  waitForDeliveries(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface TestConsumerOptions {
  failing?: boolean;
  maxReconsumeTimes?: number;
  traceTopic?: string;
}

export async function startTestConsumer(namesrvAddr: string, group: string, topic: string, options: TestConsumerOptions = {}): Promise<TestConsumer> {
  const deliveries: MessageExt[] = [];
  const state = { failing: options.failing ?? false };
  const consumer = new PushConsumer({
    ...FAST,
    namesrvAddr,
    group,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    ...(options.maxReconsumeTimes !== undefined ? { maxReconsumeTimes: options.maxReconsumeTimes } : {}),
    ...(options.traceTopic ? { enableMsgTrace: true, customizedTraceTopic: options.traceTopic } : {}),
    listener: (messages) => {
      deliveries.push(...messages);
      return state.failing ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS';
    },
  });
  consumer.subscribe(topic, '*');
  await consumer.start();
  return {
    consumer,
    deliveries,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    waitForDeliveries: (count, timeoutMs = 20_000) => waitUntil(() => deliveries.length >= count, `${count} deliveries to ${group}`, timeoutMs),
    stop: () => consumer.shutdown(),
  };
}

/** Sends `count` messages, one after the other. */
export async function produce(producer: Producer, topic: string, count: number, tag = 'e2e'): Promise<void> {
  for (let i = 0; i < count; i++) await producer.send({ topic, tags: tag, keys: `k${i}`, body: `message ${i} of ${topic}` });
}

/** Sends steadily (about `perSecond`) until stopped or `maxMs` passed; `stop` returns how many were sent. */
export function produceSteadily(producer: Producer, topic: string, perSecond: number, maxMs: number): { stop(): Promise<number> } {
  let stopped = false;
  let sent = 0;
  const deadline = Date.now() + maxMs;
  const loop = (async () => {
    while (!stopped && Date.now() < deadline) {
      const started = Date.now();
      await producer.send({ topic, body: `load ${sent}` });
      sent += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / perSecond - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return sent;
    },
  };
}

/** Consumes `expected` messages of the topic as `group` (from the first offset), then shuts down, committing. */
export async function consumeAll(namesrvAddr: string, group: string, topic: string, expected: number, timeoutMs = 30_000): Promise<void> {
  const consumer = await startTestConsumer(namesrvAddr, group, topic);
  try {
    await consumer.waitForDeliveries(expected, timeoutMs);
  } finally {
    await consumer.stop();
  }
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A name no other test uses: `${prefix}_<time><random>`, within RocketMQ's name rules. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
