import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NamesrvClient } from '../../client/namesrv-client';
import { RemotingClient } from '../../remoting/remoting-client';
import { brokerRegistration, startFixture, type NamesrvFixture } from './namesrv-fixture';

/** Nameservers share no state (semantics.md §12): brokers register with each; admin writes go to all. */
describe('several nameservers', () => {
  const fixtures: NamesrvFixture[] = [];
  let remoting: RemotingClient | undefined;

  afterEach(async () => {
    await remoting?.close();
    remoting = undefined;
    await Promise.all(fixtures.splice(0).map((fx) => fx.close()));
  });

  async function two(): Promise<[NamesrvFixture, NamesrvFixture]> {
    const a = await startFixture();
    const b = await startFixture();
    fixtures.push(a, b);
    return [a, b];
  }

  it('keep separate route tables', async () => {
    const [a, b] = await two();
    await a.client.registerBroker(a.namesrv.address, brokerRegistration());
    expect(await a.client.getTopicRouteInfo('TopicA')).toBeDefined();
    await expect(b.client.getTopicRouteInfo('TopicA')).resolves.toBeUndefined();
    await b.client.putKvConfig('ns', 'k', 'only-b');
    expect(await a.client.getKvConfig('ns', 'k')).toBeUndefined();
  });

  it('receive admin writes from one client addressing all of them', async () => {
    const [a, b] = await two();
    remoting = new RemotingClient();
    const both = new NamesrvClient(remoting, [`${a.namesrv.address};${b.namesrv.address}`]);
    for (const fx of [a, b]) await both.registerBroker(fx.namesrv.address, brokerRegistration());
    await both.deleteTopicInNamesrv('TopicA');
    await both.putKvConfig('ns', 'k', 'v');
    for (const fx of [a, b]) {
      expect(fx.namesrv.routes.pickupTopicRouteData('TopicA')).toBeUndefined();
      expect(await fx.client.getKvConfig('ns', 'k')).toBe('v');
    }
    expect(Object.keys(await both.getNamesrvConfig()).sort()).toEqual([a.namesrv.address, b.namesrv.address].sort());
  });

  it('fail reads over to the next nameserver when one is unreachable', async () => {
    const [a] = await two();
    await a.client.registerBroker(a.namesrv.address, brokerRegistration());
    // a port that was free a moment ago: connecting to it is refused
    const dead = await freeAddress();
    remoting = new RemotingClient({ connectTimeoutMs: 1000 });
    const client = new NamesrvClient(remoting, [dead, a.namesrv.address]);
    expect((await client.getTopicRouteInfo('TopicA'))?.brokerDatas[0].brokerName).toBe('broker-a');
    expect(Object.keys((await client.getBrokerClusterInfo()).brokerAddrTable)).toEqual(['broker-a']);
    // a write to every nameserver reports the unreachable one
    await expect(client.putKvConfig('ns', 'k', 'v')).rejects.toThrow(dead);
  });
});

async function freeAddress(): Promise<string> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${port}`;
}
