import { afterEach, describe, expect, it } from 'vitest';
import { NamesrvClient } from '../../client/namesrv-client';
import { newTopicConfig } from '../../protocol/bodies/topic-config';
import { RemotingClient } from '../../remoting/remoting-client';
import { brokerRegistration, startFixture, waitFor, type NamesrvFixture } from './namesrv-fixture';

/**
 * Broker expiry (semantics.md §12.1) with short configured values: brokers silent longer than
 * brokerChannelExpiredTime are removed by the scan; a closed connection removes its brokers at once.
 */
describe('nameserver broker liveness', () => {
  const fixtures: NamesrvFixture[] = [];
  const brokers: RemotingClient[] = [];

  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((client) => client.close()));
    await Promise.all(fixtures.splice(0).map((fx) => fx.close()));
  });

  async function fixture(options: Parameters<typeof startFixture>[0] = {}): Promise<NamesrvFixture> {
    const fx = await startFixture(options);
    fixtures.push(fx);
    return fx;
  }

  /** A separate connection per simulated broker, as each real broker has its own. */
  function brokerClient(fx: NamesrvFixture): NamesrvClient {
    const remoting = new RemotingClient({ name: 'broker' });
    brokers.push(remoting);
    return new NamesrvClient(remoting, [fx.namesrv.address]);
  }

  it('removes a broker that stops registering, with its cluster entry and queue data', async () => {
    const fx = await fixture({ brokerChannelExpiredTime: 300, scanNotActiveBrokerInterval: 50 });
    await brokerClient(fx).registerBroker(fx.namesrv.address, brokerRegistration());
    expect(fx.namesrv.routes.liveBrokerAddresses()).toEqual(['127.0.0.1:10911']);
    await waitFor(() => fx.namesrv.routes.liveBrokerAddresses().length === 0);
    expect(fx.namesrv.routes.pickupTopicRouteData('TopicA')).toBeUndefined();
    expect(fx.namesrv.routes.getAllClusterInfo()).toEqual({ brokerAddrTable: {}, clusterAddrTable: {} });
    expect(fx.namesrv.routes.getAllTopicList()).toEqual([]);
  });

  it('keeps a broker that keeps registering', async () => {
    const fx = await fixture({ brokerChannelExpiredTime: 600, scanNotActiveBrokerInterval: 50 });
    const broker = brokerClient(fx);
    for (let i = 0; i < 10; i++) {
      await broker.registerBroker(fx.namesrv.address, brokerRegistration());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fx.namesrv.routes.liveBrokerAddresses()).toEqual(['127.0.0.1:10911']);
  });

  it("honours a 5.x broker's own heartbeatTimeoutMillis", async () => {
    const fx = await fixture({ brokerChannelExpiredTime: 600_000, scanNotActiveBrokerInterval: 50 });
    await brokerClient(fx).registerBroker(fx.namesrv.address, { ...brokerRegistration(), heartbeatTimeoutMillis: 200 });
    await waitFor(() => fx.namesrv.routes.liveBrokerAddresses().length === 0);
  });

  it('removes the brokers of a closed connection at once', async () => {
    const fx = await fixture();
    const masterConnection = new RemotingClient({ name: 'master' });
    const slave = brokerClient(fx);
    await new NamesrvClient(masterConnection, [fx.namesrv.address]).registerBroker(
      fx.namesrv.address,
      brokerRegistration(),
    );
    await slave.registerBroker(fx.namesrv.address, brokerRegistration({ brokerId: 1 }));
    await masterConnection.close();
    await waitFor(() => fx.namesrv.routes.liveBrokerAddresses().length === 1);
    // the slave keeps the broker name alive, and with it the queue data taken from the master
    const route = fx.namesrv.routes.pickupTopicRouteData('TopicA');
    expect(route?.brokerDatas[0].brokerAddrs).toEqual({ '1': '127.0.0.1:10921' });
    expect(route?.queueDatas).toHaveLength(1);
  });

  it('removes the queue data of the last address of a broker name from every topic, keeping other brokers', async () => {
    const fx = await fixture();
    const a = new RemotingClient({ name: 'broker-a' });
    await new NamesrvClient(a, [fx.namesrv.address]).registerBroker(
      fx.namesrv.address,
      brokerRegistration({ topics: [newTopicConfig('Shared'), newTopicConfig('OnlyA')] }),
    );
    await brokerClient(fx).registerBroker(
      fx.namesrv.address,
      brokerRegistration({ brokerName: 'broker-b', brokerAddr: '127.0.0.1:20911', topics: [newTopicConfig('Shared')] }),
    );
    await a.close();
    await waitFor(() => fx.namesrv.routes.liveBrokerAddresses().length === 1);
    expect(fx.namesrv.routes.pickupTopicRouteData('OnlyA')).toBeUndefined();
    expect(fx.namesrv.routes.pickupTopicRouteData('Shared')?.queueDatas.map((queue) => queue.brokerName)).toEqual([
      'broker-b',
    ]);
    expect(fx.namesrv.routes.getAllClusterInfo().clusterAddrTable).toEqual({ DefaultCluster: ['broker-b'] });
  });

  it('does not drop a broker when an old connection closes after it re-registered on a new one', async () => {
    const fx = await fixture();
    const first = new RemotingClient({ name: 'first' });
    await new NamesrvClient(first, [fx.namesrv.address]).registerBroker(fx.namesrv.address, brokerRegistration());
    await brokerClient(fx).registerBroker(fx.namesrv.address, brokerRegistration());
    await first.close();
    // give the server time to see the close, then check the broker is still there
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fx.namesrv.routes.liveBrokerAddresses()).toEqual(['127.0.0.1:10911']);
  });
});
