import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/helpers/ports';
import { startConsoleServer, type ConsoleServer } from '../console-server';

// The Ops service over a real embedded nameserver and broker, and a port where nothing listens.
describe('cluster ops service', () => {
  let dir: string;
  let server: ConsoleServer;
  const clustersFile = () => join(dir, 'console', 'clusters.json');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-ops-test-'));
    server = await startConsoleServer({
      embedded: { listenHost: '127.0.0.1', namesrvPort: 0, brokerPort: 0, storeDir: join(dir, 'store'), namesrvDir: join(dir, 'namesrv') },
      externalNamesrvAddrs: undefined,
      clustersFile: clustersFile(),
    });
  }, 60_000);

  afterAll(async () => {
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('probes the embedded nameserver before adding it elsewhere, and says when nothing answers', async () => {
    const probe = await server.clusterOps.probe(server.embedded!.namesrvAddr);
    expect(probe).toMatchObject({ state: 'ok', clusterNames: ['DefaultCluster'], brokerCount: 1 });
    const closed = await server.clusterOps.probe(`127.0.0.1:${await freePort()}`);
    expect(closed.state).toBe('unreachable');
  });

  it('adds a cluster that does not answer (persisted, marked unreachable), then removes it', async () => {
    const namesrvAddr = `127.0.0.1:${await freePort()}`;
    const added = await server.clusterOps.addCluster({ namesrvAddr, name: 'offline one' });
    expect(added).toMatchObject({ name: 'offline one', namesrvAddr, source: 'ops', removable: true, probe: { state: 'unreachable' } });
    expect(JSON.parse(readFileSync(clustersFile(), 'utf8')).clusters).toEqual([{ id: added.id, name: 'offline one', namesrvAddr }]);
    expect(server.listClusters().map((cluster) => cluster.id)).toEqual(['embedded', added.id]);

    const listed = await server.clusterOps.listClusters();
    expect(listed.map((cluster) => [cluster.id, cluster.removable, cluster.probe.state])).toEqual([
      ['embedded', false, 'ok'],
      [added.id, true, 'unreachable'],
    ]);
    expect(() => server.clusterOps.removeCluster('embedded')).toThrow('cannot be removed');
    server.clusterOps.removeCluster(added.id);
    expect(server.listClusters().map((cluster) => cluster.id)).toEqual(['embedded']);
    expect(JSON.parse(readFileSync(clustersFile(), 'utf8')).clusters).toEqual([]);
    expect(() => server.admin(added.id)).toThrow(`no cluster with id '${added.id}'`);
  }, 20_000);

  it('reports the embedded servers with the broker boot time', async () => {
    const status = await server.clusterOps.embeddedStatus();
    expect(status).toMatchObject({ running: true, namesrvAddr: server.embedded!.namesrvAddr, brokerAddr: server.embedded!.broker.address, storeDir: join(dir, 'store'), clustersFile: clustersFile() });
    expect(status.bootTimestamp).toBeLessThanOrEqual(Date.now());
    expect(status.brokerVersion).toMatch(/^V\d+_\d+_\d+$/);
  });
});
