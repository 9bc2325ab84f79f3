import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NamesrvClient, type RegisterBrokerRequest } from '../../broker-core/client/namesrv-client';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createResponse } from '../../broker-core/remoting/remoting-command';
import { RemotingServer } from '../../broker-core/remoting/remoting-server';
import { errorResponse } from './api-response';
import type { ConsoleConfig } from './console-config';
import { startConsoleServer, type ConsoleServer } from './console-server';

// The console's server side against a real embedded nameserver, real registrations and stand-in brokers over TCP.
describe('console server', () => {
  let dir: string;
  let console_: ConsoleServer | undefined;
  let brokerSide: RemotingClient;
  let fakeBrokers: RemotingServer[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-server-test-'));
    brokerSide = new RemotingClient({ name: 'broker-side' });
    fakeBrokers = [];
  });

  afterEach(async () => {
    await brokerSide.close();
    await Promise.all(fakeBrokers.map((server) => server.close()));
    await console_?.shutdown();
    console_ = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (overrides: Partial<ConsoleConfig> = {}): ConsoleConfig => ({
    embedded: { listenHost: '127.0.0.1', namesrvPort: 0, brokerPort: 0, storeDir: join(dir, 'store'), namesrvDir: join(dir, 'namesrv') },
    externalNamesrvAddrs: undefined,
    ...overrides,
  });

  /** A broker stand-in answering GET_BROKER_RUNTIME_INFO with `version`, or with SYSTEM_ERROR when version is undefined. */
  async function fakeBroker(version: string | undefined): Promise<string> {
    const server = new RemotingServer({ name: 'fake-broker' });
    server.processors.register(RequestCode.GET_BROKER_RUNTIME_INFO, (request) =>
      version === undefined
        ? createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'store is shutting down' })
        : createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(`{"table":{"brokerVersionDesc":"${version}","brokerVersion":"413"}}`) }),
    );
    fakeBrokers.push(server);
    return `127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  }

  function registration(clusterName: string, brokerName: string, brokerId: number, brokerAddr: string): RegisterBrokerRequest {
    return {
      clusterName,
      brokerName,
      brokerAddr,
      brokerId,
      haServerAddr: brokerAddr,
      body: { topicConfigSerializeWrapper: { topicConfigTable: {}, dataVersion: { counter: 1, timestamp: 1_700_000_000_000 } }, filterServerList: [] },
    };
  }

  it('lists the embedded cluster and every registered broker with its version, unreachable ones marked per row', async () => {
    console_ = await startConsoleServer(config());
    const namesrvAddr = console_.embedded?.namesrvAddr ?? '';
    expect(console_.listClusters()).toEqual([{ id: 'embedded', name: 'Embedded cluster', namesrvAddr, embedded: true }]);
    // The embedded broker registers itself and answers with our own version.
    const embeddedBroker = console_.embedded?.broker.address ?? '';
    const initial = (await console_.clusterBrokers('embedded')).brokers;
    expect(initial.map((row) => [row.cluster, row.role, row.address])).toEqual([['DefaultCluster', 'master', embeddedBroker]]);
    expect(initial[0].runtime).toMatchObject({ state: 'ok', version: expect.stringMatching(/^V4_9_\d+$/) });

    const namesrv = new NamesrvClient(brokerSide, [namesrvAddr]);
    const master = await fakeBroker('V4_9_4');
    const failing = await fakeBroker(undefined);
    const closedPort = await freePort();
    await namesrv.registerBroker(namesrvAddr, registration('ClusterB', 'broker-b', 0, failing));
    await namesrv.registerBroker(namesrvAddr, registration('ClusterA', 'broker-a', 1, `127.0.0.1:${closedPort}`));
    await namesrv.registerBroker(namesrvAddr, registration('ClusterA', 'broker-a', 0, master));

    const { clusterId, brokers: all } = await console_.clusterBrokers('embedded');
    expect(clusterId).toBe('embedded');
    const brokers = all.filter((row) => row.address !== embeddedBroker);
    expect(brokers.map(({ runtime: _runtime, ...row }) => row)).toEqual([
      { cluster: 'ClusterA', brokerName: 'broker-a', brokerId: 0, role: 'master', address: master },
      { cluster: 'ClusterA', brokerName: 'broker-a', brokerId: 1, role: 'slave', address: `127.0.0.1:${closedPort}` },
      { cluster: 'ClusterB', brokerName: 'broker-b', brokerId: 0, role: 'master', address: failing },
    ]);
    // This stand-in reports only its version: TPS and daily totals stay unknown rather than 0.
    expect(brokers[0].runtime).toEqual({ state: 'ok', version: 'V4_9_4', putTps: null, getTps: null, putYesterday: null, getYesterday: null, putToday: null, getToday: null });
    expect(brokers[1].runtime.state).toBe('unreachable');
    expect(brokers[2].runtime).toMatchObject({ state: 'error', message: expect.stringContaining('store is shutting down') });

    await namesrv.unregisterBroker(namesrvAddr, { clusterName: 'ClusterB', brokerName: 'broker-b', brokerAddr: failing, brokerId: 0 });
    const remaining = (await console_.clusterBrokers('embedded')).brokers.filter((row) => row.address !== embeddedBroker);
    expect(remaining.map((row) => row.brokerName)).toEqual(['broker-a', 'broker-a']);
  });

  it('reports an unknown cluster and an unreachable external nameserver with their statuses and messages', async () => {
    const closedPort = await freePort();
    console_ = await startConsoleServer(config({ embedded: undefined, externalNamesrvAddrs: [`127.0.0.1:${closedPort}`] }));
    const [external] = console_.listClusters();
    expect(external).toMatchObject({ namesrvAddr: `127.0.0.1:${closedPort}`, embedded: false });

    const unknown = errorResponse(await console_.clusterBrokers('nope').catch((error: unknown) => error));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "no cluster with id 'nope'" });

    const unreachable = errorResponse(await console_.clusterBrokers(external.id).catch((error: unknown) => error));
    expect(unreachable.status).toBe(502);
    expect((await unreachable.json()).error).toContain(`connect to 127.0.0.1:${closedPort} failed`);
  });

  it('fails to start with the port and the way out named when the nameserver port is taken', async () => {
    console_ = await startConsoleServer(config());
    const taken = console_.embedded?.namesrv.port ?? 0;
    const second = startConsoleServer(config({ embedded: { ...config().embedded!, namesrvPort: taken } }));
    await expect(second).rejects.toThrow(`embedded nameserver cannot start on 127.0.0.1:${taken}: address already in use (set RMQ_NAMESRV_PORT`);
    const response = errorResponse(await second.catch((error: unknown) => error));
    expect(response.status).toBe(503);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
