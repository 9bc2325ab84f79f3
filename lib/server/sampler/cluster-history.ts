import type { LagPoint, MetricsSample } from '../../validations/metrics';
import { rangeStart, type MetricsRange } from '../../validations/time-range';
import { Ring } from './ring';

/**
 * The samples of one registry cluster, in two bounded resolutions:
 *
 *   live    every cycle (5 s by default) for the last hour          -> ranges "5m" and "1h"
 *   minute  the last sample of each minute, since local midnight   -> range "today" (also on disk, see history-file.ts)
 *
 * Group lags are kept beside each sample as a map, but only the largest MAX_GROUPS_PER_SAMPLE groups (bounded
 * memory with thousands of groups; a group that small has no lag worth a chart).
 */
export const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 24 * 60;
export const MAX_GROUPS_PER_SAMPLE = 2000;

export interface StoredSample {
  sample: MetricsSample;
  /** Lag per group when measured this cycle; undefined when the measurement was skipped (rate limit). */
  lags?: Record<string, number>;
}

export class ClusterHistory {
  readonly live: Ring<StoredSample>;
  readonly minute = new Ring<StoredSample>(MINUTES_PER_DAY);
  private pendingMinute: StoredSample | undefined;

  constructor(readonly intervalMs: number) {
    this.live = new Ring<StoredSample>(Math.ceil(3_600_000 / intervalMs) + 1);
  }

  /**
   * Adds a cycle's sample; returns the previous minute's last sample when this one starts a new minute (the caller
   * persists it).
   */
  add(stored: StoredSample): StoredSample | undefined {
    this.live.push(stored);
    const completed = this.pendingMinute && minuteOf(this.pendingMinute.sample.t) !== minuteOf(stored.sample.t) ? this.pendingMinute : undefined;
    if (completed) this.pushMinute(completed);
    // A minute keeps lags from its last measured sample even when the last cycle skipped the measurement.
    this.pendingMinute = stored.lags || !this.pendingMinute || completed ? stored : { sample: stored.sample, lags: this.pendingMinute.lags };
    return completed;
  }

  /** The unfinished minute (persisted at shutdown so a restart keeps it). */
  pending(): StoredSample | undefined {
    return this.pendingMinute;
  }

  /** Samples loaded from today's file at start. */
  restoreMinute(stored: StoredSample): void {
    this.pushMinute(stored);
  }

  latest(): MetricsSample | undefined {
    return this.live.last()?.sample;
  }

  samples(range: MetricsRange, now = Date.now()): MetricsSample[] {
    const from = rangeStart(range, now);
    const source = range === 'today' ? this.minuteWithPending() : this.live.toArray();
    return source.filter((stored) => stored.sample.t >= from).map((stored) => stored.sample);
  }

  /** The group's lag at every sample of the range that measured it (absent group = 0, it had no backlog). */
  groupLag(group: string, range: MetricsRange, now = Date.now()): LagPoint[] {
    const from = rangeStart(range, now);
    const source = range === 'today' ? this.minuteWithPending() : this.live.toArray();
    const points: LagPoint[] = [];
    for (const stored of source) {
      if (stored.sample.t < from || !stored.lags) continue;
      points.push({ t: stored.sample.t, lag: stored.lags[group] ?? 0 });
    }
    return points;
  }

  private minuteWithPending(): StoredSample[] {
    const minutes = this.minute.toArray();
    return this.pendingMinute ? [...minutes, this.pendingMinute] : minutes;
  }

  private pushMinute(stored: StoredSample): void {
    const last = this.minute.last();
    if (last && last.sample.t >= stored.sample.t) return;
    this.minute.push(stored);
  }
}

/** The largest lags only (see MAX_GROUPS_PER_SAMPLE). */
export function boundedLags(lags: ReadonlyMap<string, number> | undefined): Record<string, number> | undefined {
  if (!lags) return undefined;
  const entries = [...lags];
  if (entries.length > MAX_GROUPS_PER_SAMPLE) entries.sort((a, b) => b[1] - a[1]).length = MAX_GROUPS_PER_SAMPLE;
  return Object.fromEntries(entries);
}

function minuteOf(t: number): number {
  return Math.floor(t / MINUTE_MS);
}
