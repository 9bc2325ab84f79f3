import { randomBytes } from 'node:crypto';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { PushConsumer, type PushConsumerOptions } from '../../broker-core/client/consumer/push-consumer';

/** Shared bits of the client integration tests: bounded waits, unique names, short client intervals. */

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Intervals short enough for tests (upstream: 30 s routes and heartbeats, 20 s rebalance, 5 s offsets). */
export const FAST_CLIENT = {
  pollNameServerIntervalMs: 1000,
  heartbeatBrokerIntervalMs: 1000,
  rebalanceIntervalMs: 1000,
  persistConsumerOffsetIntervalMs: 500,
} as const;

/** A push consumer that records what it receives (body text -> messages), started on `topic` with `*`. */
export async function recordingConsumer(
  options: Omit<PushConsumerOptions, 'listener'> & { topic: string; expression?: string; expressionType?: 'TAG' | 'SQL92' },
): Promise<{ consumer: PushConsumer; received: MessageExt[]; bodies: () => string[] }> {
  const received: MessageExt[] = [];
  const consumer = new PushConsumer({ ...FAST_CLIENT, ...options, listener: (messages) => void received.push(...messages) });
  consumer.subscribe(options.topic, options.expression ?? '*', options.expressionType ?? 'TAG');
  await consumer.start();
  return { consumer, received, bodies: () => received.map((message) => message.body.toString('utf8')) };
}
