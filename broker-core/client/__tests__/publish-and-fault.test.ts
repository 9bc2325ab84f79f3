import { describe, expect, it } from 'vitest';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data';
import { LatencyFaultStrategy, LatencyFaultTolerance, notAvailableDurationFor } from '../producer/latency-fault-strategy';
import { RotatingIndex } from '../producer/rotating-index';
import { publishQueuesOf, TopicPublishInfo } from '../producer/topic-publish-info';
import { subscribeQueuesOf } from '../consumer/subscribe-queues';

const route = (overrides: Partial<TopicRouteData> = {}): TopicRouteData => ({
  queueDatas: [
    { brokerName: 'broker-b', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 },
    { brokerName: 'broker-a', readQueueNums: 3, writeQueueNums: 3, perm: 6, topicSysFlag: 0 },
    { brokerName: 'broker-c', readQueueNums: 2, writeQueueNums: 2, perm: 4, topicSysFlag: 0 },
    { brokerName: 'broker-d', readQueueNums: 1, writeQueueNums: 1, perm: 6, topicSysFlag: 0 },
  ],
  brokerDatas: [
    { cluster: 'C', brokerName: 'broker-a', brokerAddrs: { '0': '10.0.0.1:10911' } },
    { cluster: 'C', brokerName: 'broker-b', brokerAddrs: { '0': '10.0.0.2:10911', '1': '10.0.0.3:10911' } },
    { cluster: 'C', brokerName: 'broker-c', brokerAddrs: { '0': '10.0.0.4:10911' } },
    // broker-d has only a slave: nothing can be sent there.
    { cluster: 'C', brokerName: 'broker-d', brokerAddrs: { '1': '10.0.0.5:10911' } },
  ],
  filterServerTable: {},
  ...overrides,
});

const names = (queues: ReadonlyArray<{ brokerName: string; queueId: number }>) => queues.map((mq) => `${mq.brokerName}:${mq.queueId}`);

describe('publish queues from a route', () => {
  it('takes writable brokers with a master, sorted by broker name, queues 0..writeQueueNums-1', () => {
    expect(names(publishQueuesOf('T', route()))).toEqual(['broker-a:0', 'broker-a:1', 'broker-a:2', 'broker-b:0', 'broker-b:1']);
  });

  it('follows orderTopicConf when the route has one', () => {
    const info = TopicPublishInfo.fromRoute('T', route({ orderTopicConf: 'broker-b:2;broker-a:1' }));
    expect(names(info.messageQueues)).toEqual(['broker-b:0', 'broker-b:1', 'broker-a:0']);
    expect(info.orderTopic).toBe(true);
  });

  it('subscribes every readable queue, slave-only brokers included', () => {
    expect(names(subscribeQueuesOf('T', route()))).toEqual([
      'broker-b:0', 'broker-b:1', 'broker-a:0', 'broker-a:1', 'broker-a:2', 'broker-c:0', 'broker-c:1', 'broker-d:0',
    ]);
  });

  it('rotates through the queues and skips the broker that just failed', () => {
    const info = TopicPublishInfo.fromRoute('T', route(), new RotatingIndex(0));
    expect(names([info.selectOneMessageQueue(), info.selectOneMessageQueue(), info.selectOneMessageQueue()])).toEqual([
      'broker-a:1', 'broker-a:2', 'broker-b:0',
    ]);
    // Index now 3 -> next would be broker-b:1; with broker-b excluded the rotation moves on to broker-a.
    expect(names([info.selectOneMessageQueue('broker-b')])).toEqual(['broker-a:0']);
    expect(info.writeQueueNumsOf('broker-b')).toBe(2);
    expect(info.writeQueueNumsOf('broker-c')).toBe(-1);
  });
});

describe('latency fault strategy', () => {
  it('maps latencies to penalties by bucket', () => {
    expect(notAvailableDurationFor(0)).toBe(0);
    expect(notAvailableDurationFor(49)).toBe(0);
    expect(notAvailableDurationFor(100)).toBe(0);
    expect(notAvailableDurationFor(549)).toBe(0);
    expect(notAvailableDurationFor(550)).toBe(30_000);
    expect(notAvailableDurationFor(1000)).toBe(60_000);
    expect(notAvailableDurationFor(2000)).toBe(120_000);
    expect(notAvailableDurationFor(2999)).toBe(120_000);
    expect(notAvailableDurationFor(3000)).toBe(180_000);
    expect(notAvailableDurationFor(15_000)).toBe(600_000);
    expect(notAvailableDurationFor(30_000)).toBe(600_000);
  });

  it('keeps a failed broker out for 600 s, then lets it back', () => {
    let now = 1_000_000;
    const strategy = new LatencyFaultStrategy(true, () => now);
    const info = TopicPublishInfo.fromRoute('T', route(), new RotatingIndex(0));
    strategy.updateFaultItem('broker-a', 10, true);
    for (let i = 0; i < 10; i++) expect(strategy.selectOneMessageQueue(info).brokerName).toBe('broker-b');
    now += 599_999;
    expect(strategy.tolerance.isAvailable('broker-a')).toBe(false);
    now += 1;
    expect(strategy.tolerance.isAvailable('broker-a')).toBe(true);
  });

  it('a slow but successful send (>= 550 ms) also benches the broker; a fast one does not', () => {
    let now = 0;
    const strategy = new LatencyFaultStrategy(true, () => now);
    strategy.updateFaultItem('broker-a', 600, false);
    strategy.updateFaultItem('broker-b', 80, false);
    expect(strategy.tolerance.isAvailable('broker-a')).toBe(false);
    expect(strategy.tolerance.isAvailable('broker-b')).toBe(true);
    now = 30_000;
    expect(strategy.tolerance.isAvailable('broker-a')).toBe(true);
  });

  it('when every broker is benched, picks from the better half', () => {
    const now = 0;
    const tolerance = new LatencyFaultTolerance(() => now);
    tolerance.update('slow', 5000, 100_000);
    tolerance.update('fast', 600, 100_000);
    tolerance.update('worst', 30_000, 100_000);
    tolerance.update('mid', 1000, 100_000);
    // Sorted by latency: fast, mid, slow, worst; the better half is {fast, mid}.
    const picks = new Set(Array.from({ length: 10 }, () => tolerance.pickOneAtLeast()));
    expect([...picks].sort()).toEqual(['fast', 'mid']);
  });

  it('does nothing while disabled (the default)', () => {
    const strategy = new LatencyFaultStrategy();
    strategy.updateFaultItem('broker-a', 10, true);
    expect(strategy.tolerance.isAvailable('broker-a')).toBe(true);
  });
});
