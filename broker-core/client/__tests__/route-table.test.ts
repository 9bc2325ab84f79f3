import { describe, expect, it } from 'vitest';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data';
import { RouteTable, sameRoute } from '../instance/route-table';

const route = (brokerAddrs: Record<string, string>, queueNums = 4): TopicRouteData => ({
  queueDatas: [{ brokerName: 'broker-a', readQueueNums: queueNums, writeQueueNums: queueNums, perm: 6, topicSysFlag: 0 }],
  brokerDatas: [{ cluster: 'C', brokerName: 'broker-a', brokerAddrs }],
  filterServerTable: {},
});

describe('RouteTable', () => {
  it('finds the master for sends and falls back to a slave for pulls', () => {
    const table = new RouteTable();
    expect(table.put('T', route({ '0': 'm:1', '1': 's:1' }))).toBe(true);
    expect(table.findBrokerAddressInPublish('broker-a')).toBe('m:1');
    expect(table.findBrokerAddressInSubscribe('broker-a', 0, false)).toEqual({ brokerAddr: 'm:1', slave: false });
    expect(table.findBrokerAddressInSubscribe('broker-a', 1, false)).toEqual({ brokerAddr: 's:1', slave: true });
    expect(table.put('T', route({ '1': 's:1' }))).toBe(true);
    table.cleanOfflineBrokers();
    expect(table.findBrokerAddressInPublish('broker-a')).toBeUndefined();
    expect(table.findBrokerAddressInSubscribe('broker-a', 0, false)).toEqual({ brokerAddr: 's:1', slave: true });
    expect(table.findBrokerAddressInSubscribe('broker-a', 0, true)).toBeUndefined();
    expect(table.findBrokerAddrByTopic('T')).toBe('s:1');
  });

  it('compares routes regardless of order', () => {
    const a = route({ '0': 'm:1', '1': 's:1' });
    const b = route({ '1': 's:1', '0': 'm:1' });
    expect(sameRoute(a, b)).toBe(true);
    expect(sameRoute(a, route({ '0': 'm:1' }))).toBe(false);
    expect(sameRoute(a, route({ '0': 'm:1', '1': 's:1' }, 8))).toBe(false);
    const table = new RouteTable();
    table.put('T', a);
    expect(table.put('T', b)).toBe(false);
  });
});
