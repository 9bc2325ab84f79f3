import type { ConsumeStatusInfo } from '../../protocol/bodies/consumer-running-info';

/**
 * Per-topic consumption figures a consumer reports in GET_CONSUMER_RUNNING_INFO (Java `ConsumerStatsManager`,
 * `ConsumeStatus`): pull and consume latency and rates over the last minute, and failures in the last hour.
 */

/** Counts per second over a sliding window. */
class RateWindow {
  private readonly buckets = new Map<number, { count: number; sum: number }>();

  constructor(private readonly windowSeconds: number) {}

  add(count: number, value = 0, now = Date.now()): void {
    const second = Math.floor(now / 1000);
    const bucket = this.buckets.get(second) ?? { count: 0, sum: 0 };
    bucket.count += count;
    bucket.sum += value;
    this.buckets.set(second, bucket);
    if (this.buckets.size > this.windowSeconds + 5) this.prune(second);
  }

  totals(now = Date.now()): { count: number; sum: number } {
    const second = Math.floor(now / 1000);
    this.prune(second);
    let count = 0;
    let sum = 0;
    for (const bucket of this.buckets.values()) {
      count += bucket.count;
      sum += bucket.sum;
    }
    return { count, sum };
  }

  private prune(second: number): void {
    for (const key of this.buckets.keys()) if (key <= second - this.windowSeconds) this.buckets.delete(key);
  }
}

class TopicStats {
  readonly pull = new RateWindow(60);
  readonly pullRT = new RateWindow(60);
  readonly consumeOK = new RateWindow(60);
  readonly consumeFailed = new RateWindow(60);
  readonly consumeRT = new RateWindow(60);
  readonly failedHour = new RateWindow(3600);
}

export class ConsumerStats {
  private readonly topics = new Map<string, TopicStats>();

  private of(topic: string): TopicStats {
    let stats = this.topics.get(topic);
    if (!stats) {
      stats = new TopicStats();
      this.topics.set(topic, stats);
    }
    return stats;
  }

  pulled(topic: string, messages: number, rtMs: number): void {
    const stats = this.of(topic);
    stats.pull.add(messages);
    stats.pullRT.add(1, rtMs);
  }

  consumed(topic: string, ok: number, failed: number, rtMs: number): void {
    const stats = this.of(topic);
    stats.consumeOK.add(ok);
    // Nothing failed (the usual case): no empty buckets, which would keep the hour window at 3600 entries.
    if (failed > 0) {
      stats.consumeFailed.add(failed);
      stats.failedHour.add(failed);
    }
    stats.consumeRT.add(1, rtMs);
  }

  status(topic: string): ConsumeStatusInfo {
    const stats = this.of(topic);
    const pullRT = stats.pullRT.totals();
    const consumeRT = stats.consumeRT.totals();
    return {
      pullRT: pullRT.count ? pullRT.sum / pullRT.count : 0,
      pullTPS: stats.pull.totals().count / 60,
      consumeRT: consumeRT.count ? consumeRT.sum / consumeRT.count : 0,
      consumeOKTPS: stats.consumeOK.totals().count / 60,
      consumeFailedTPS: stats.consumeFailed.totals().count / 60,
      consumeFailedMsgs: stats.failedHour.totals().count,
    };
  }
}
