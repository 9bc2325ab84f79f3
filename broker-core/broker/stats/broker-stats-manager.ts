import { BrokerStatsName } from '../../protocol/headers/admin-stats';
import { StatsItem, type StatsSnapshot } from './stats-item';

/**
 * Per-topic and per-group counters (Java `BrokerStatsManager`, semantics.md §14):
 *
 *   TOPIC_PUT_NUMS / TOPIC_PUT_SIZE     key topic
 *   GROUP_GET_NUMS / GROUP_GET_SIZE     key topic@group
 *   SNDBCK_PUT_NUMS                     key topic@group
 *   BROKER_PUT_NUMS / BROKER_GET_NUMS   key brokerClusterName
 *
 * Sampling runs on three timers (10 s, 10 min, 1 h). Memory is bounded: each stats name keeps at most `maxItems`
 * keys (the least recently updated goes first), and items of deleted topics and groups are removed.
 */
export const STATS_MINUTE_SAMPLE_MS = 10_000;
export const STATS_HOUR_SAMPLE_MS = 600_000;
export const STATS_DAY_SAMPLE_MS = 3_600_000;

export class BrokerStatsManager {
  private readonly sets = new Map<string, Map<string, StatsItem>>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly clusterName: string,
    private readonly maxItems = 50_000,
  ) {
    for (const name of Object.values(BrokerStatsName)) this.sets.set(name, new Map());
  }

  start(): void {
    const every = (ms: number, sample: (item: StatsItem, now: number) => void) => {
      const timer = setInterval(() => this.sampleAll(sample), ms);
      timer.unref();
      this.timers.push(timer);
    };
    this.sampleAll((item, now) => (item.sampleMinute(now), item.sampleHour(now), item.sampleDay(now)));
    every(STATS_MINUTE_SAMPLE_MS, (item, now) => item.sampleMinute(now));
    every(STATS_HOUR_SAMPLE_MS, (item, now) => item.sampleHour(now));
    every(STATS_DAY_SAMPLE_MS, (item, now) => item.sampleDay(now));
  }

  shutdown(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  incTopicPutNums(topic: string, num: number, times: number): void {
    this.add(BrokerStatsName.TOPIC_PUT_NUMS, topic, num, times);
  }

  incTopicPutSize(topic: string, size: number): void {
    this.add(BrokerStatsName.TOPIC_PUT_SIZE, topic, size, 1);
  }

  incGroupGetNums(group: string, topic: string, num: number): void {
    this.add(BrokerStatsName.GROUP_GET_NUMS, `${topic}@${group}`, num, 1);
  }

  incGroupGetSize(group: string, topic: string, size: number): void {
    this.add(BrokerStatsName.GROUP_GET_SIZE, `${topic}@${group}`, size, 1);
  }

  incSendBackNums(group: string, topic: string): void {
    this.add(BrokerStatsName.SNDBCK_PUT_NUMS, `${topic}@${group}`, 1, 1);
  }

  incBrokerPutNums(num: number): void {
    this.add(BrokerStatsName.BROKER_PUT_NUMS, this.clusterName, num, 1);
  }

  incBrokerGetNums(num: number): void {
    this.add(BrokerStatsName.BROKER_GET_NUMS, this.clusterName, num, 1);
  }

  /** Per-minute TPS of GROUP_GET_NUMS for topic@group (the consumeTps of ConsumeStats). */
  tpsGroupGetNums(group: string, topic: string): number {
    return this.get(BrokerStatsName.GROUP_GET_NUMS, `${topic}@${group}`)?.inMinute().tps ?? 0;
  }

  /** Running total of a counter (sum since boot), 0 when absent. */
  total(statsName: string, statsKey: string): number {
    return this.get(statsName, statsKey)?.value ?? 0;
  }

  get(statsName: string, statsKey: string): StatsItem | undefined {
    return this.sets.get(statsName)?.get(statsKey);
  }

  snapshots(statsName: string, statsKey: string): { minute: StatsSnapshot; hour: StatsSnapshot; day: StatsSnapshot } | undefined {
    const item = this.get(statsName, statsKey);
    return item && { minute: item.inMinute(), hour: item.inHour(), day: item.inDay() };
  }

  isKnownStatsName(statsName: string): boolean {
    return this.sets.has(statsName);
  }

  /** Drops every item keyed by this topic (TOPIC_*) or for this topic (topic@group). */
  onTopicDeleted(topic: string): void {
    this.removeKeys((key) => key === topic || key.startsWith(`${topic}@`));
  }

  onGroupDeleted(group: string): void {
    this.removeKeys((key) => key.endsWith(`@${group}`));
  }

  private add(statsName: string, statsKey: string, value: number, times: number): void {
    const set = this.sets.get(statsName);
    if (!set) return;
    let item = set.get(statsKey);
    if (!item) {
      if (set.size >= this.maxItems) this.evictOldest(set);
      item = new StatsItem();
      const now = Date.now();
      item.sampleMinute(now);
      item.sampleHour(now);
      item.sampleDay(now);
      set.set(statsKey, item);
    }
    item.add(value, times);
  }

  private evictOldest(set: Map<string, StatsItem>): void {
    let oldestKey: string | undefined;
    let oldest = Infinity;
    for (const [key, item] of set) {
      if (item.lastUpdateTimestamp < oldest) {
        oldest = item.lastUpdateTimestamp;
        oldestKey = key;
      }
    }
    if (oldestKey !== undefined) set.delete(oldestKey);
  }

  private removeKeys(match: (key: string) => boolean): void {
    for (const set of this.sets.values()) for (const key of [...set.keys()]) if (match(key)) set.delete(key);
  }

  private sampleAll(sample: (item: StatsItem, now: number) => void): void {
    const now = Date.now();
    for (const set of this.sets.values()) for (const item of set.values()) sample(item, now);
  }
}
