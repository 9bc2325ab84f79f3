import { describe, expect, it } from 'vitest';
import { NumberKeyMap, stringifyFastjson } from '../../../common/fastjson';
import { decodeClusterInfo, encodeClusterInfo, type ClusterInfo } from '../cluster-info';
import { decodeKVTable, encodeKVTable } from '../kv-table';
import { decodeTopicList, encodeTopicList } from '../topic-list';
import { decodeTopicRouteData, encodeTopicRouteData, type TopicRouteData } from '../topic-route-data';

/**
 * Golden vectors written by hand in the form Java's fastjson writes (spec/remoting.md §13-§14): members sorted,
 * Long map keys bare, nulls omitted. Each is checked in both directions where we write that form.
 */
const route: TopicRouteData = {
  queueDatas: [
    { brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 },
    { brokerName: 'broker-b', readQueueNums: 8, writeQueueNums: 2, perm: 4, topicSysFlag: 1 },
  ],
  brokerDatas: [
    {
      cluster: 'DefaultCluster',
      brokerName: 'broker-a',
      brokerAddrs: { '0': '10.0.0.1:10911', '1': '10.0.0.2:10911' },
    },
    { cluster: 'DefaultCluster', brokerName: 'broker-b', brokerAddrs: { '0': '10.0.0.3:10911' } },
  ],
  filterServerTable: {},
};

const ROUTE_FASTJSON =
  '{"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911",1:"10.0.0.2:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"},' +
  '{"brokerAddrs":{0:"10.0.0.3:10911"},"brokerName":"broker-b","cluster":"DefaultCluster"}],"filterServerTable":{},' +
  '"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4},' +
  '{"brokerName":"broker-b","perm":4,"readQueueNums":8,"topicSysFlag":1,"writeQueueNums":2}]}';

const ROUTE_STANDARD = ROUTE_FASTJSON.replace('{0:"10.0.0.1:10911",1:', '{"0":"10.0.0.1:10911","1":').replace(
  '{0:"10.0.0.3',
  '{"0":"10.0.0.3',
);

describe('TopicRouteData', () => {
  it('writes the fastjson form with bare broker-id keys', () => {
    expect(encodeTopicRouteData(route, { standardJson: false }).toString()).toBe(ROUTE_FASTJSON);
  });

  it('writes the standard (BrowserCompatible) form with quoted keys', () => {
    expect(encodeTopicRouteData(route, { standardJson: true }).toString()).toBe(ROUTE_STANDARD);
    expect(JSON.parse(ROUTE_STANDARD).brokerDatas[0].brokerAddrs['1']).toBe('10.0.0.2:10911');
  });

  it('reads both forms to the same object', () => {
    expect(decodeTopicRouteData(Buffer.from(ROUTE_FASTJSON))).toEqual(route);
    expect(decodeTopicRouteData(Buffer.from(ROUTE_STANDARD))).toEqual(route);
  });

  it('escapes non-ASCII as \\uXXXX in the standard form only, and includes orderTopicConf when set', () => {
    const named: TopicRouteData = {
      orderTopicConf: 'broker-a:4',
      queueDatas: [{ brokerName: '中', readQueueNums: 1, writeQueueNums: 1, perm: 6, topicSysFlag: 0 }],
      brokerDatas: [{ cluster: 'é', brokerName: '中', brokerAddrs: { '0': '10.0.0.1:10911' } }],
      filterServerTable: { '10.0.0.1:10911': ['10.0.0.1:40000'] },
    };
    expect(encodeTopicRouteData(named, { standardJson: true }).toString()).toBe(
      '{"brokerDatas":[{"brokerAddrs":{"0":"10.0.0.1:10911"},"brokerName":"\\u4E2D","cluster":"\\u00E9"}],' +
        '"filterServerTable":{"10.0.0.1:10911":["10.0.0.1:40000"]},"orderTopicConf":"broker-a:4",' +
        '"queueDatas":[{"brokerName":"\\u4E2D","perm":6,"readQueueNums":1,"topicSysFlag":0,"writeQueueNums":1}]}',
    );
    const fastjson = encodeTopicRouteData(named, { standardJson: false });
    expect(fastjson.toString()).toContain('"brokerName":"中"');
    expect(decodeTopicRouteData(fastjson)).toEqual(named);
    expect(decodeTopicRouteData(encodeTopicRouteData(named, { standardJson: true }))).toEqual(named);
  });

  it('reads what other releases write: 5.x members, the pre-4.x topicSynFlag spelling, hash-ordered members', () => {
    const java5 =
      '{"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"b","cluster":"c","enableActingMaster":false,"zoneName":"z1"}],' +
      '"filterServerTable":{},"queueDatas":[{"brokerName":"b","perm":6,"readQueueNums":2,"topicSysFlag":0,"writeQueueNums":2}],' +
      '"topicQueueMappingByBroker":{}}';
    expect(decodeTopicRouteData(java5).brokerDatas[0]).toEqual({
      cluster: 'c',
      brokerName: 'b',
      brokerAddrs: { '0': '10.0.0.1:10911' },
      enableActingMaster: false,
      zoneName: 'z1',
    });
    const old =
      '{"queueDatas":[{"writeQueueNums":2,"topicSynFlag":3,"perm":6,"brokerName":"b","readQueueNums":2}],"brokerDatas":[{"brokerName":"b","brokerAddrs":{0:"x:1"}}]}';
    const decoded = decodeTopicRouteData(old);
    expect(decoded.queueDatas[0].topicSysFlag).toBe(3);
    expect(decoded.filterServerTable).toEqual({});
  });

  it('refuses a route whose broker address table has a non-numeric key', () => {
    expect(() =>
      decodeTopicRouteData('{"brokerDatas":[{"brokerName":"b","brokerAddrs":{"master":"x:1"}}],"queueDatas":[]}'),
    ).toThrow(/brokerAddrs key 'master'/);
  });
});

describe('ClusterInfo', () => {
  const info: ClusterInfo = {
    brokerAddrTable: {
      'broker-a': {
        cluster: 'DefaultCluster',
        brokerName: 'broker-a',
        brokerAddrs: { '0': '10.0.0.1:10911', '1': '10.0.0.2:10911' },
      },
    },
    clusterAddrTable: { DefaultCluster: ['broker-a'] },
  };
  const CLUSTER_FASTJSON =
    '{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"10.0.0.1:10911",1:"10.0.0.2:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}},' +
    '"clusterAddrTable":{"DefaultCluster":["broker-a"]}}';

  it('is written with bare broker-id keys, as Java always does', () => {
    expect(encodeClusterInfo(info).toString()).toBe(CLUSTER_FASTJSON);
  });

  it('is read from the fastjson form and from standard JSON', () => {
    expect(decodeClusterInfo(CLUSTER_FASTJSON)).toEqual(info);
    expect(decodeClusterInfo(CLUSTER_FASTJSON.replace('{0:', '{"0":').replace(',1:', ',"1":'))).toEqual(info);
  });
});

describe('TopicList and KVTable', () => {
  it('TopicList both ways, brokerAddr only when set', () => {
    expect(encodeTopicList({ topicList: ['A', 'B'] }).toString()).toBe('{"topicList":["A","B"]}');
    expect(encodeTopicList({ topicList: ['c'], brokerAddr: '10.0.0.1:10911' }).toString()).toBe(
      '{"brokerAddr":"10.0.0.1:10911","topicList":["c"]}',
    );
    expect(decodeTopicList('{"brokerAddr":"10.0.0.1:10911","topicList":["c"]}')).toEqual({
      topicList: ['c'],
      brokerAddr: '10.0.0.1:10911',
    });
    expect(decodeTopicList('{"topicList":[]}')).toEqual({ topicList: [] });
  });

  it('KVTable both ways, keys sorted', () => {
    expect(encodeKVTable({ table: { b: '2', a: '1' } }).toString()).toBe('{"table":{"a":"1","b":"2"}}');
    expect(decodeKVTable('{"table":{"TopicA":"broker-a:4;broker-b:4"}}')).toEqual({
      table: { TopicA: 'broker-a:4;broker-b:4' },
    });
  });
});

describe('NumberKeyMap (common/fastjson)', () => {
  it('writes bare integer keys as fastjson does for Long/Integer-keyed maps', () => {
    expect(
      stringifyFastjson({
        offsetTable: new NumberKeyMap([
          [0, 15],
          [1, 3],
        ]),
      }),
    ).toBe('{"offsetTable":{0:15,1:3}}');
    expect(stringifyFastjson(new NumberKeyMap([[-1, 'x']]))).toBe('{-1:"x"}');
  });
});
