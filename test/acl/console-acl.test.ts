import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleServer, type ConsoleServer } from '../../lib/server/console-server';
import { startInProcessCluster, type InProcessCluster } from '../broker/broker-fixture';

/**
 * The console pointed at a cluster whose broker runs aclEnable=true: with RMQ_ACCESS_KEY / RMQ_SECRET_KEY its
 * broker requests (Cluster page runtime info, admin calls, the send form's producer) are signed and served; without
 * them the Cluster page shows the broker's ACL refusal instead of data.
 */
describe('console against an ACL-enabled broker', () => {
  let cluster: InProcessCluster;
  const consoles: ConsoleServer[] = [];

  beforeAll(async () => {
    cluster = await startInProcessCluster();
    const home = join(cluster.dir, 'home');
    mkdirSync(join(home, 'conf'), { recursive: true });
    writeFileSync(join(home, 'conf', 'plain_acl.yml'), 'accounts:\n  - accessKey: consoleAdmin\n    secretKey: consoleSecret\n    admin: true\n');
    await cluster.restartBroker({ aclEnable: true, rocketmqHome: home });
  }, 60_000);

  afterAll(async () => {
    for (const server of consoles) await server.shutdown();
    await cluster?.close();
  });

  async function consoleFor(credentials?: { accessKey: string; secretKey: string }): Promise<{ server: ConsoleServer; clusterId: string }> {
    const server = await startConsoleServer({ embedded: undefined, externalNamesrvAddrs: [cluster.namesrv.address], credentials });
    consoles.push(server);
    return { server, clusterId: server.listClusters()[0].id };
  }

  it('signs with the configured account: runtime info, admin calls and sends are served', async () => {
    const { server, clusterId } = await consoleFor({ accessKey: 'consoleAdmin', secretKey: 'consoleSecret' });
    const { brokers } = await server.clusterBrokers(clusterId);
    expect(brokers).toHaveLength(1);
    expect(brokers[0].runtime).toMatchObject({ state: 'ok' });
    const config = await server.admin(clusterId).getBrokerConfig(cluster.broker.address);
    expect(config.config.aclEnable).toBe('true');
    const producer = await server.producer(clusterId);
    expect((await producer.send({ topic: 'ConsoleAclTopic', body: 'from the console' })).sendStatus).toBe('SEND_OK');
  });

  it('without an account the broker refuses it, and the page says why', async () => {
    const { server, clusterId } = await consoleFor();
    const { brokers } = await server.clusterBrokers(clusterId);
    expect(brokers[0].runtime).toMatchObject({ state: 'error', message: expect.stringContaining('No accessKey is configured') });
  });
});
