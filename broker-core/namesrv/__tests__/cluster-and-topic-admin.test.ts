import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeClusterInfo } from '../../protocol/bodies/cluster-info';
import { newTopicConfig, PERM_READ, PERM_WRITE } from '../../protocol/bodies/topic-config';
import { RequestCode } from '../../protocol/request-code';
import {
  brokerRegistration,
  rawRequest,
  startFixture,
  type NamesrvFixture,
  type RequestFields,
} from './namesrv-fixture';

describe('nameserver cluster info, topic lists and topic administration over TCP', () => {
  let fx: NamesrvFixture;

  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  const raw = (code: number, extFields: RequestFields = {}, version?: number, body?: Buffer) =>
    rawRequest(fx, code, extFields, version, body);

  it('serves cluster info with bare broker-id keys, as Java nameservers do for every client', async () => {
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration());
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration({ brokerId: 1 }));
    await fx.client.registerBroker(
      fx.namesrv.address,
      brokerRegistration({ cluster: 'Other', brokerName: 'broker-x', brokerAddr: '127.0.0.1:30911' }),
    );
    const response = await raw(RequestCode.GET_BROKER_CLUSTER_INFO, {}, 479);
    expect(response.body?.toString()).toBe(
      '{"brokerAddrTable":{' +
        '"broker-a":{"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921"},"brokerName":"broker-a","cluster":"DefaultCluster"},' +
        '"broker-x":{"brokerAddrs":{0:"127.0.0.1:30911"},"brokerName":"broker-x","cluster":"Other"}},' +
        '"clusterAddrTable":{"DefaultCluster":["broker-a"],"Other":["broker-x"]}}',
    );
    expect(await fx.client.getBrokerClusterInfo()).toEqual(decodeClusterInfo(response.body!));
  });

  it('lists all topics, the topics of a cluster and the system topics', async () => {
    await fx.client.registerBroker(
      fx.namesrv.address,
      brokerRegistration({ topics: [newTopicConfig('A1'), newTopicConfig('Shared')] }),
    );
    await fx.client.registerBroker(
      fx.namesrv.address,
      brokerRegistration({
        cluster: 'Other',
        brokerName: 'broker-x',
        brokerAddr: '127.0.0.1:30911',
        topics: [newTopicConfig('X1'), newTopicConfig('Shared')],
      }),
    );
    expect((await fx.client.getAllTopicList()).topicList.sort()).toEqual(['A1', 'Shared', 'X1']);
    expect((await fx.client.getTopicsByCluster('Other')).topicList.sort()).toEqual(['Shared', 'X1']);
    expect((await fx.client.getTopicsByCluster('NoCluster')).topicList).toEqual([]);
    const system = await fx.client.getSystemTopicList();
    expect(system.topicList.sort()).toEqual(['DefaultCluster', 'Other', 'broker-a', 'broker-x']);
    expect(['127.0.0.1:10911', '127.0.0.1:30911']).toContain(system.brokerAddr);
  });

  it('deletes a topic everywhere, or only from one cluster', async () => {
    await fx.client.registerBroker(
      fx.namesrv.address,
      brokerRegistration({ topics: [newTopicConfig('Shared'), newTopicConfig('Gone')] }),
    );
    await fx.client.registerBroker(
      fx.namesrv.address,
      brokerRegistration({
        cluster: 'Other',
        brokerName: 'broker-x',
        brokerAddr: '127.0.0.1:30911',
        topics: [newTopicConfig('Shared')],
      }),
    );
    await fx.client.deleteTopicInNamesrv('Gone');
    await expect(fx.client.getTopicRouteInfo('Gone')).resolves.toBeUndefined();
    await fx.client.deleteTopicInNamesrv('Shared', 'Other');
    expect((await fx.client.getTopicRouteInfo('Shared'))?.queueDatas.map((queue) => queue.brokerName)).toEqual([
      'broker-a',
    ]);
  });

  it('wipes and restores the write permission of a broker', async () => {
    await fx.client.registerBroker(
      fx.namesrv.address,
      brokerRegistration({ topics: [newTopicConfig('T1'), newTopicConfig('T2')] }),
    );
    expect(await fx.client.wipeWritePermOfBroker('broker-a')).toEqual({ [fx.namesrv.address]: 2 });
    expect((await fx.client.getTopicRouteInfo('T1'))?.queueDatas[0].perm).toBe(PERM_READ);
    expect(await fx.client.addWritePermOfBroker('broker-a')).toEqual({ [fx.namesrv.address]: 2 });
    expect((await fx.client.getTopicRouteInfo('T2'))?.queueDatas[0].perm).toBe(PERM_READ | PERM_WRITE);
    expect(await fx.client.wipeWritePermOfBroker('no-such-broker')).toEqual({ [fx.namesrv.address]: 0 });
  });

  it('unregisters a broker, taking its topics along when it was the last address of its name', async () => {
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration());
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration({ brokerId: 1 }));
    const identity = {
      clusterName: 'DefaultCluster',
      brokerName: 'broker-a',
      brokerAddr: '127.0.0.1:10911',
      brokerId: 0,
    };
    await fx.client.unregisterBroker(fx.namesrv.address, identity);
    expect((await fx.client.getTopicRouteInfo('TopicA'))?.brokerDatas[0].brokerAddrs).toEqual({
      '1': '127.0.0.1:10921',
    });
    await fx.client.unregisterBroker(fx.namesrv.address, { ...identity, brokerAddr: '127.0.0.1:10921', brokerId: 1 });
    await expect(fx.client.getTopicRouteInfo('TopicA')).resolves.toBeUndefined();
    expect(await fx.client.getBrokerClusterInfo()).toEqual({ brokerAddrTable: {}, clusterAddrTable: {} });
  });
});
