import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { PushConsumer } from '../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../broker-core/client/producer/producer';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';

/**
 * Clients the Consumers, Messages, Dead letters and Trace specs drive (broker-core over TCP, fast intervals so a
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
