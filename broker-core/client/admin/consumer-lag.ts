import { computeTotalDiff, type ConsumeStats } from '../../protocol/bodies/consume-stats';
import type { MessageQueue } from '../message-queue';
import { pullMessages } from './message-queries';
import type { MQAdmin } from './mq-admin';

/**
 * Consumer lag (spec/semantics.md §10.7): per queue `brokerOffset - consumerOffset` messages, summed for the group
 * (Java computeTotalDiff), and the same in time: how long ago the oldest message not yet consumed was stored.
 */
export { computeTotalDiff };

export interface TopicLag {
  topic: string;
  diff: number;
  /** Newest store time of a consumed message across the topic's queues (0 = none). */
  lastTimestamp: number;
}

/** Lag per topic of a ConsumeStats (mqadmin consumerProgress totals), topics sorted. */
export function lagByTopic(stats: ConsumeStats): TopicLag[] {
  const topics = new Map<string, TopicLag>();
  for (const { messageQueue, value } of stats.offsetTable) {
    const lag = topics.get(messageQueue.topic) ?? { topic: messageQueue.topic, diff: 0, lastTimestamp: 0 };
    lag.diff += value.brokerOffset - value.consumerOffset;
    lag.lastTimestamp = Math.max(lag.lastTimestamp, value.lastTimestamp);
    topics.set(messageQueue.topic, lag);
  }
  return [...topics.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/**
 * A cheap estimate from the stats alone: for queues with a backlog, seconds since the last consumed message was
 * stored (0 when nothing is behind, undefined when the group never consumed a lagging queue).
 */
export function estimateLagSeconds(stats: ConsumeStats, now = Date.now()): number | undefined {
  let worst = 0;
  for (const { value } of stats.offsetTable) {
    if (value.brokerOffset <= value.consumerOffset) continue;
    if (value.lastTimestamp <= 0) return undefined;
    worst = Math.max(worst, (now - value.lastTimestamp) / 1000);
  }
  return worst;
}

export interface QueueLagSeconds {
  messageQueue: MessageQueue;
  diff: number;
  /** Seconds since the first unconsumed message was stored. */
  lagSeconds: number;
}

/**
 * Exact lag in time: for each queue with a backlog, read the first unconsumed message (one pull at the consumer
 * offset) and measure how long ago it was stored. Queues without a backlog are left out.
 */
export async function measureLagSeconds(admin: MQAdmin, stats: ConsumeStats, now = Date.now()): Promise<QueueLagSeconds[]> {
  const result: QueueLagSeconds[] = [];
  for (const { messageQueue, value } of stats.offsetTable) {
    const diff = value.brokerOffset - value.consumerOffset;
    if (diff <= 0) continue;
    const { messages } = await pullMessages(admin, messageQueue, value.consumerOffset, 1);
    const first = messages[0];
    result.push({ messageQueue, diff, lagSeconds: first ? Math.max(0, (now - first.storeTimestamp) / 1000) : 0 });
  }
  return result;
}
