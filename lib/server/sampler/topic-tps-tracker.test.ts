import { describe, expect, it } from 'vitest';
import { RATE_MAX_AGE_MS, TopicTpsTracker } from './topic-tps-tracker';

describe('topic TPS tracker', () => {
  it('measures the growth of max offsets between two observations, summed over brokers', () => {
    const tracker = new TopicTpsTracker();
    tracker.observe('T', 'b1:10911', 1_000, 100, 'stats');
    tracker.observe('T', 'b2:10911', 1_000, 50, 'stats');
    expect(tracker.topicTps(1_000).size).toBe(0); // one observation is only a baseline
    tracker.observe('T', 'b1:10911', 6_000, 150, 'stats'); // 50 messages in 5 s
    tracker.observe('T', 'b2:10911', 3_000, 70, 'stats'); // 20 messages in 2 s
    expect(tracker.topicTps(6_000).get('T')).toBeCloseTo(10 + 10);
  });

  it('restarts the measurement when the source changes or the offsets go down, and drops stale rates', () => {
    const tracker = new TopicTpsTracker();
    tracker.observe('T', 'b', 0, 100, 'stats');
    tracker.observe('T', 'b', 1_000, 400, 'consume'); // other source: new baseline, no rate
    expect(tracker.topicTps(1_000).has('T')).toBe(false);
    tracker.observe('T', 'b', 2_000, 500, 'consume');
    expect(tracker.topicTps(2_000).get('T')).toBe(100);
    tracker.observe('T', 'b', 3_000, 10, 'consume'); // deleted and created again
    tracker.observe('T', 'b', 4_000, 10, 'consume');
    expect(tracker.topicTps(4_000).get('T')).toBe(0);
    expect(tracker.topicTps(4_000 + RATE_MAX_AGE_MS + 1).has('T')).toBe(false);
  });

  it('plans busy topics first, then the rest round-robin within the budget, skipping covered ones', () => {
    const tracker = new TopicTpsTracker();
    const topics = ['A', 'B', 'C', 'D', 'E', 'F'];
    tracker.observe('E', 'b', 0, 0, 'stats');
    tracker.observe('E', 'b', 1_000, 30, 'stats');
    tracker.observe('C', 'b', 0, 0, 'stats');
    tracker.observe('C', 'b', 1_000, 5, 'stats');
    const covered = new Set(['B']);
    expect(tracker.plan('b', topics, covered, 4)).toEqual(['E', 'C', 'A', 'D']);
    expect(tracker.plan('b', topics, covered, 4)).toEqual(['E', 'C', 'F', 'A']);
    // Every topic gets its turn, and a budget larger than the list takes each once.
    expect(tracker.plan('b', topics, new Set(), 100).sort()).toEqual(topics);
    expect(tracker.plan('b', topics, new Set(), 0)).toEqual([]);
  });

  it('forgets topics a broker no longer holds', () => {
    const tracker = new TopicTpsTracker();
    tracker.observe('gone', 'b', 0, 0, 'stats');
    tracker.observe('gone', 'b', 1_000, 10, 'stats');
    tracker.retain('b', new Set(['kept']));
    expect(tracker.topicTps(1_000).has('gone')).toBe(false);
  });
});
