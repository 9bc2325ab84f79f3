import type { RegisterBrokerRequest } from '../broker-core/client/namesrv-client';
import { RequestCode } from '../broker-core/protocol/request-code';
import { ResponseCode } from '../broker-core/protocol/response-code';
import { createResponse } from '../broker-core/remoting/remoting-command';
import { RemotingServer } from '../broker-core/remoting/remoting-server';
import { expect, test } from './fixtures';
import { ClusterPage } from './pages/cluster-page';
import { freePort } from './support/ports';

/** A REGISTER_BROKER request as a broker sends it; nothing listens at brokerAddr, so no runtime info comes back. */
function registration(clusterName: string, brokerName: string, brokerId: number, brokerAddr: string): RegisterBrokerRequest {
  return {
    clusterName,
    brokerName,
    brokerAddr,
    brokerId,
    haServerAddr: brokerAddr,
    body: { topicConfigSerializeWrapper: { topicConfigTable: {}, dataVersion: { counter: 1, timestamp: Date.now() } }, filterServerList: [] },
  };
}

test.describe('Cluster page', () => {
  test('lists a broker registered on the embedded nameserver and drops it once unregistered', async ({ page, namesrv, consoleEnv }) => {
    const clusterPage = new ClusterPage(page);
    const unique = `${Date.now().toString(36)}`;
    const clusterName = `E2ECluster-${unique}`;
    const brokerName = `e2e-broker-${unique}`;
    const brokerAddr = `127.0.0.1:${await freePort()}`;
    const slaveAddr = `127.0.0.1:${await freePort()}`;

    await test.step('the embedded cluster starts with its embedded broker, which reports its version', async () => {
      await clusterPage.open();
      await expect(clusterPage.clusterCard()).toContainText(consoleEnv.namesrvAddr);
      await clusterPage.expectEmbeddedBroker(consoleEnv.brokerAddr);
    });

    await test.step('a master and a slave register and appear within a few polls', async () => {
      await namesrv.registerBroker(consoleEnv.namesrvAddr, registration(clusterName, brokerName, 0, brokerAddr));
      await namesrv.registerBroker(consoleEnv.namesrvAddr, registration(clusterName, brokerName, 1, slaveAddr));
      await clusterPage.expectBroker({ cluster: clusterName, brokerName, brokerId: 0, role: 'master', address: brokerAddr, version: 'unreachable' });
      await clusterPage.expectBroker({ cluster: clusterName, brokerName, brokerId: 1, role: 'slave', address: slaveAddr, version: 'unreachable' });
      await page.screenshot({ path: test.info().outputPath('cluster-with-brokers.png'), fullPage: true });
    });

    await test.step('unregistered, they disappear and only the embedded broker remains', async () => {
      await namesrv.unregisterBroker(consoleEnv.namesrvAddr, { clusterName, brokerName, brokerAddr: slaveAddr, brokerId: 1 });
      await clusterPage.expectBrokerGone(brokerName, 1);
      await clusterPage.expectBroker({ cluster: clusterName, brokerName, brokerId: 0, role: 'master', address: brokerAddr, version: 'unreachable' });
      await namesrv.unregisterBroker(consoleEnv.namesrvAddr, { clusterName, brokerName, brokerAddr, brokerId: 0 });
      await clusterPage.expectBrokerGone(brokerName, 0);
      await clusterPage.expectEmbeddedBroker(consoleEnv.brokerAddr);
    });
  });

  test('shows the version a broker reports in GET_BROKER_RUNTIME_INFO', async ({ page, namesrv, consoleEnv }) => {
    // A stand-in on real TCP answers the one request the page sends a broker, with another version than ours.
    const standIn = new RemotingServer({ name: 'e2e-stand-in-broker' });
    standIn.processors.register(RequestCode.GET_BROKER_RUNTIME_INFO, (request) =>
      createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from('{"table":{"brokerVersionDesc":"V4_9_4","brokerVersion":"413"}}') }),
    );
    const brokerAddr = `127.0.0.1:${await standIn.listen(0, '127.0.0.1')}`;
    const clusterName = 'DefaultCluster';
    const brokerName = `e2e-versioned-${Date.now().toString(36)}`;
    const clusterPage = new ClusterPage(page);
    try {
      await namesrv.registerBroker(consoleEnv.namesrvAddr, registration(clusterName, brokerName, 0, brokerAddr));
      await clusterPage.open();
      await clusterPage.expectBroker({ cluster: clusterName, brokerName, brokerId: 0, role: 'master', address: brokerAddr, version: 'V4_9_4' });
      await namesrv.unregisterBroker(consoleEnv.namesrvAddr, { clusterName, brokerName, brokerAddr, brokerId: 0 });
      await clusterPage.expectBrokerGone(brokerName, 0);
    } finally {
      await standIn.close();
    }
  });

  test('shows names from the wire as text, never as HTML', async ({ page, namesrv, consoleEnv }) => {
    const clusterPage = new ClusterPage(page);
    const clusterName = `<b id="injected-cluster">bold</b>`;
    const brokerName = `<img src=x onerror="window.__injected=1">-${Date.now().toString(36)}`;
    const brokerAddr = `127.0.0.1:${await freePort()}`;
    await namesrv.registerBroker(consoleEnv.namesrvAddr, registration(clusterName, brokerName, 0, brokerAddr));
    try {
      await clusterPage.open();
      await clusterPage.expectBroker({ cluster: clusterName, brokerName, brokerId: 0, role: 'master', address: brokerAddr, version: 'unreachable' });
      await expect(page.locator('#injected-cluster')).toHaveCount(0);
      await expect(clusterPage.clusterCard().locator('img')).toHaveCount(0);
      expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
      await page.screenshot({ path: test.info().outputPath('cluster-markup-as-text.png') });
    } finally {
      await namesrv.unregisterBroker(consoleEnv.namesrvAddr, { clusterName, brokerName, brokerAddr, brokerId: 0 });
    }
    await clusterPage.expectBrokerGone(brokerName, 0);
  });

  test('shows the server message instead of an empty list when the nameserver query fails', async ({ page, consoleEnv }) => {
    // The only faked part: this API answer, as the route handler words a nameserver error code (lib/server/api-response.ts).
    const message = 'GET_BROKER_CLUSTER_INFO: SYSTEM_ERROR (1): e2e injected failure';
    await page.route('**/api/clusters/embedded/brokers', (route) =>
      route.fulfill({ status: 502, json: { error: message, responseCode: 1, remark: 'e2e injected failure' } }),
    );
    const clusterPage = new ClusterPage(page);
    await clusterPage.open();
    await clusterPage.expectError(message);
    await expect(clusterPage.clusterCard().getByTestId('brokers-empty')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('cluster-error.png') });

    await page.unroute('**/api/clusters/embedded/brokers');
    await clusterPage.clusterCard().getByRole('button', { name: 'Retry' }).click();
    await clusterPage.expectEmbeddedBroker(consoleEnv.brokerAddr);
  });

  test('answers an unknown cluster with 404 and a bad id with 400, with the reason', async ({ request }) => {
    const unknown = await request.get('/api/clusters/no-such-cluster/brokers');
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({ error: "no cluster with id 'no-such-cluster'" });
    const bad = await request.get('/api/clusters/Not_An_Id/brokers');
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/^id: cluster id must be/);
  });
});
