import { describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../validations/metrics';
import { boundedLags, ClusterHistory, MAX_GROUPS_PER_SAMPLE } from './cluster-history';
import { Ring } from './ring';

function sample(t: number, putTps = 1): MetricsSample {
  return { clusterId: 'c', t, putTps, getTps: 0, brokers: [], topTopics: [], topGroups: [], totalLag: 0, errors: [] };
}

describe('ring', () => {
  it('keeps the newest values up to its capacity, oldest first', () => {
    const ring = new Ring<number>(3);
    for (const value of [1, 2, 3, 4, 5]) ring.push(value);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.last()).toBe(5);
    expect(ring.toArray((value) => value % 2 === 1)).toEqual([3, 5]);
    expect(() => new Ring(0)).toThrow(RangeError);
  });
});

describe('cluster history', () => {
  const base = new Date(2025, 0, 31, 10, 0, 0).getTime();

  it('serves 5m and 1h from the live ring and today from one sample per minute', () => {
    const history = new ClusterHistory(5000);
    const completed: number[] = [];
    for (let i = 0; i < 36; i++) {
      const done = history.add({ sample: sample(base + i * 5000, i), lags: { g: i } });
      if (done) completed.push(done.sample.t);
    }
    // 36 samples over 3 minutes: minutes 0 and 1 completed with their last sample.
    expect(completed).toEqual([base + 55_000, base + 115_000]);
    const now = base + 35 * 5000;
    expect(history.samples('5m', now)).toHaveLength(36);
    expect(history.samples('1h', now)).toHaveLength(36);
    expect(history.samples('today', now).map((s) => s.t)).toEqual([base + 55_000, base + 115_000, base + 175_000]);
    expect(history.groupLag('g', 'today', now).map((p) => p.lag)).toEqual([11, 23, 35]);
    expect(history.groupLag('other', '5m', now).every((p) => p.lag === 0)).toBe(true);
    expect(history.latest()?.t).toBe(now);
  });

  it('keeps a minute lags measured earlier in it when its last cycle skipped the measurement', () => {
    const history = new ClusterHistory(5000);
    history.add({ sample: sample(base), lags: { g: 7 } });
    history.add({ sample: sample(base + 5000) });
    const done = history.add({ sample: sample(base + 60_000), lags: { g: 1 } });
    expect(done?.sample.t).toBe(base + 5000);
    expect(done?.lags).toEqual({ g: 7 });
    // Live points only where measured.
    expect(history.groupLag('g', '5m', base + 60_000).map((p) => p.t)).toEqual([base, base + 60_000]);
  });

  it('restores minutes from disk in order and ignores older duplicates', () => {
    const history = new ClusterHistory(5000);
    history.restoreMinute({ sample: sample(base) });
    history.restoreMinute({ sample: sample(base - 60_000) });
    expect(history.samples('today', base + 1000).map((s) => s.t)).toEqual([base]);
  });

  it('bounds the groups kept per sample to the largest lags', () => {
    const lags = new Map(Array.from({ length: MAX_GROUPS_PER_SAMPLE + 5 }, (_, i) => [`g${i}`, i] as [string, number]));
    const kept = boundedLags(lags) ?? {};
    expect(Object.keys(kept)).toHaveLength(MAX_GROUPS_PER_SAMPLE);
    expect(kept.g0).toBeUndefined();
    expect(kept[`g${MAX_GROUPS_PER_SAMPLE + 4}`]).toBe(MAX_GROUPS_PER_SAMPLE + 4);
  });
});
