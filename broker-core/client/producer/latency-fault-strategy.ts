import type { MessageQueue } from '../message-queue';
import { RotatingIndex } from './rotating-index';
import type { TopicPublishInfo } from './topic-publish-info';

/**
 * Latency-aware broker avoidance (spec/semantics.md §11, Java `MQFaultStrategy` + `LatencyFaultToleranceImpl`).
 * After each send the broker's latency picks a penalty: latency >= {50, 100, 550, 1000, 2000, 3000, 15000} ms keeps
 * the broker out of selection for {0, 0, 30, 60, 120, 180, 600} s; a failed send counts as 30 000 ms (=> 600 s).
 * When every broker is penalised, one of the better half (available first, then lower latency, then earlier
 * recovery) is used anyway. Disabled by default (`sendLatencyFaultEnable=false`), as upstream.
 */
export const LATENCY_MAX_MS = [50, 100, 550, 1000, 2000, 3000, 15000] as const;
export const NOT_AVAILABLE_DURATION_MS = [0, 0, 30000, 60000, 120000, 180000, 600000] as const;
/** The latency a failure (isolation) is recorded with. */
export const ISOLATION_LATENCY_MS = 30000;

export function notAvailableDurationFor(latencyMs: number): number {
  for (let i = LATENCY_MAX_MS.length - 1; i >= 0; i--) {
    if (latencyMs >= LATENCY_MAX_MS[i]) return NOT_AVAILABLE_DURATION_MS[i];
  }
  return 0;
}

interface FaultItem {
  name: string;
  currentLatency: number;
  /** The broker is available again from this instant (epoch ms). */
  startTimestamp: number;
}

export class LatencyFaultTolerance {
  private readonly items = new Map<string, FaultItem>();
  private readonly worstIndex = new RotatingIndex();

  constructor(private readonly now: () => number = Date.now) {}

  update(name: string, currentLatency: number, notAvailableDuration: number): void {
    this.items.set(name, { name, currentLatency, startTimestamp: this.now() + notAvailableDuration });
  }

  isAvailable(name: string): boolean {
    const item = this.items.get(name);
    return item === undefined || this.now() >= item.startTimestamp;
  }

  remove(name: string): void {
    this.items.delete(name);
  }

  /** A broker from the better half of the recorded ones (Java `pickOneAtLeast`), or undefined when none is recorded. */
  pickOneAtLeast(): string | undefined {
    const now = this.now();
    const sorted = [...this.items.values()].sort((a, b) => {
      const aAvailable = now >= a.startTimestamp;
      const bAvailable = now >= b.startTimestamp;
      if (aAvailable !== bAvailable) return aAvailable ? -1 : 1;
      if (a.currentLatency !== b.currentLatency) return a.currentLatency - b.currentLatency;
      return a.startTimestamp - b.startTimestamp;
    });
    if (sorted.length === 0) return undefined;
    const half = Math.floor(sorted.length / 2);
    return half <= 0 ? sorted[0].name : sorted[this.worstIndex.incrementAndGet() % half].name;
  }
}

export class LatencyFaultStrategy {
  readonly tolerance: LatencyFaultTolerance;

  constructor(
    public enabled = false,
    now: () => number = Date.now,
  ) {
    this.tolerance = new LatencyFaultTolerance(now);
  }

  selectOneMessageQueue(info: TopicPublishInfo, lastBrokerName?: string): MessageQueue {
    if (!this.enabled) return info.selectOneMessageQueue(lastBrokerName);
    const queues = info.messageQueues;
    let index = info.index.incrementAndGet();
    for (let i = 0; i < queues.length; i++) {
      const mq = queues[(index++ & 0x7fffffff) % queues.length];
      if (this.tolerance.isAvailable(mq.brokerName)) return mq;
    }
    const notBestBroker = this.tolerance.pickOneAtLeast();
    if (notBestBroker !== undefined) {
      const writeQueueNums = info.writeQueueNumsOf(notBestBroker);
      if (writeQueueNums > 0) {
        const mq = info.selectOneMessageQueue();
        return { topic: mq.topic, brokerName: notBestBroker, queueId: info.index.incrementAndGet() % writeQueueNums };
      }
      this.tolerance.remove(notBestBroker);
    }
    return info.selectOneMessageQueue();
  }

  /** Records a send's outcome; `isolation` (a failure) counts as 30 s of latency. */
  updateFaultItem(brokerName: string, latencyMs: number, isolation: boolean): void {
    if (!this.enabled) return;
    const duration = notAvailableDurationFor(isolation ? ISOLATION_LATENCY_MS : latencyMs);
    this.tolerance.update(brokerName, latencyMs, duration);
  }
}
