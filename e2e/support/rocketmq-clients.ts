import { PushConsumer } from '../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../broker-core/client/producer/producer';

/**
 * Our own producer and consumer (broker-core, over TCP) against the console's embedded cluster: the load and the
 * consumption the specs then look for on the pages. Callers shut them down; every loop is bounded in time.
 */
export async function startProducer(namesrvAddr: string, group: string): Promise<Producer> {
  const producer = new Producer({ namesrvAddr, group, pollNameServerIntervalMs: 1000 });
  await producer.start();
  return producer;
}

/** Sends `count` messages, one after the other. */
export async function produce(producer: Producer, topic: string, count: number, tag = 'e2e'): Promise<void> {
  for (let i = 0; i < count; i++) await producer.send({ topic, tags: tag, keys: `k${i}`, body: `message ${i} of ${topic}` });
}

/** Sends steadily (about `perSecond`) until stopped or `maxMs` passed; returns how many were sent. */
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

/** Consumes `expected` messages of the topic as `group` (from the first offset), commits, and shuts down. */
export async function consumeAll(namesrvAddr: string, group: string, topic: string, expected: number, timeoutMs = 30_000): Promise<void> {
  let consumed = 0;
  const consumer = new PushConsumer({
    namesrvAddr,
    group,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    persistConsumerOffsetIntervalMs: 500,
    rebalanceIntervalMs: 1000,
    pollNameServerIntervalMs: 1000,
    listener: (messages) => {
      consumed += messages.length;
      return 'CONSUME_SUCCESS';
    },
  });
  consumer.subscribe(topic, '*');
  await consumer.start();
  try {
    const deadline = Date.now() + timeoutMs;
    while (consumed < expected) {
      if (Date.now() > deadline) throw new Error(`consumed ${consumed} of ${expected} messages of ${topic} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await consumer.shutdown(); // persists the offsets it committed
  }
}
