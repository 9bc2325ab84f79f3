import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterRegistry, ClusterRegistryError, clusterEntries, externalClusterId, UnknownClusterError } from './cluster-registry';
import { clusterIdSchema } from '../validations/cluster';

describe('cluster registry', () => {
  it('lists the embedded cluster first, then the NAMESRV_ADDR nameservers as one entry', () => {
    const registry = new ClusterRegistry(clusterEntries('127.0.0.1:9876', ['10.0.0.1:9876', '10.0.0.2:9876']));
    expect(registry.list()).toEqual([
      { id: 'embedded', name: 'Embedded cluster', namesrvAddr: '127.0.0.1:9876', embedded: true, source: 'embedded' },
      { id: 'ns-10-0-0-1-9876-10-0-0-2-9876', name: '10.0.0.1:9876;10.0.0.2:9876', namesrvAddr: '10.0.0.1:9876;10.0.0.2:9876', embedded: false, source: 'environment' },
    ]);
  });

  it('has only the external entry when the embedded servers are off, and none twice', () => {
    expect(clusterEntries(undefined, ['ns1:9876']).map((entry) => entry.id)).toEqual(['ns-ns1-9876']);
    expect(clusterEntries('127.0.0.1:9876', ['127.0.0.1:9876']).map((entry) => entry.id)).toEqual(['embedded']);
    expect(clusterEntries(undefined, undefined)).toEqual([]);
  });

  it('finds entries by id and names the unknown one', () => {
    const registry = new ClusterRegistry(clusterEntries('127.0.0.1:9876', undefined));
    expect(registry.get('embedded').namesrvAddr).toBe('127.0.0.1:9876');
    expect(() => registry.get('nope')).toThrow(UnknownClusterError);
    expect(() => registry.get('nope')).toThrow("no cluster with id 'nope'");
  });

  it('hands out copies, so callers cannot change the registry', () => {
    const registry = new ClusterRegistry(clusterEntries('127.0.0.1:9876', undefined));
    registry.list()[0].namesrvAddr = 'changed:1';
    expect(registry.get('embedded').namesrvAddr).toBe('127.0.0.1:9876');
  });

  it('makes ids the API accepts, from IPv6 and host names too', () => {
    for (const addrs of [['[::1]:9876'], ['Name-Server.example.com:9876', '10.0.0.2:9877']]) {
      expect(clusterIdSchema.safeParse(externalClusterId(addrs)).success).toBe(true);
    }
    expect(externalClusterId(['[::1]:9876'])).toBe('ns-1-9876');
  });
});

describe('cluster registry with clusters.json', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-registry-test-'));
    file = join(dir, 'console', 'clusters.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps added clusters across restarts, in the file, and forgets removed ones', () => {
    const registry = new ClusterRegistry(clusterEntries('127.0.0.1:9876', undefined), { filePath: file });
    const changes: string[][] = [];
    registry.onChange((entries) => changes.push(entries.map((entry) => entry.id)));
    const added = registry.add({ namesrvAddr: '10.0.0.1:9876;10.0.0.2:9876', name: 'prod' });
    expect(added).toEqual({ id: 'ns-10-0-0-1-9876-10-0-0-2-9876', name: 'prod', namesrvAddr: '10.0.0.1:9876;10.0.0.2:9876', embedded: false, source: 'ops' });
    registry.add({ namesrvAddr: 'ns.example.com:9876' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      clusters: [
        { id: 'ns-10-0-0-1-9876-10-0-0-2-9876', name: 'prod', namesrvAddr: '10.0.0.1:9876;10.0.0.2:9876' },
        { id: 'ns-ns-example-com-9876', name: 'ns.example.com:9876', namesrvAddr: 'ns.example.com:9876' },
      ],
    });

    const restarted = new ClusterRegistry(clusterEntries('127.0.0.1:9876', undefined), { filePath: file });
    expect(restarted.list().map((entry) => [entry.id, entry.source])).toEqual([
      ['embedded', 'embedded'],
      ['ns-10-0-0-1-9876-10-0-0-2-9876', 'ops'],
      ['ns-ns-example-com-9876', 'ops'],
    ]);
    restarted.remove('ns-10-0-0-1-9876-10-0-0-2-9876');
    expect(new ClusterRegistry([], { filePath: file }).list().map((entry) => entry.id)).toEqual(['ns-ns-example-com-9876']);
    expect(changes).toEqual([
      ['embedded', 'ns-10-0-0-1-9876-10-0-0-2-9876'],
      ['embedded', 'ns-10-0-0-1-9876-10-0-0-2-9876', 'ns-ns-example-com-9876'],
    ]);
  });

  it('refuses duplicates and removing the embedded or NAMESRV_ADDR entries, changing nothing', () => {
    const registry = new ClusterRegistry(clusterEntries('127.0.0.1:9876', ['10.0.0.9:9876']), { filePath: file });
    expect(() => registry.add({ namesrvAddr: '127.0.0.1:9876' })).toThrow(ClusterRegistryError);
    expect(() => registry.add({ namesrvAddr: '10.0.0.9:9876' })).toThrow("10.0.0.9:9876 is already registered as '10.0.0.9:9876'");
    expect(() => registry.remove('embedded')).toThrow("'Embedded cluster' cannot be removed: the embedded cluster runs inside this console");
    expect(() => registry.remove('ns-10-0-0-9-9876')).toThrow('it comes from NAMESRV_ADDR');
    expect(registry.list()).toHaveLength(2);
  });

  it('skips saved entries the environment now provides, and names a broken file', () => {
    writeFileSync(join(dir, 'clusters.json'), JSON.stringify({ version: 1, clusters: [{ id: 'ns-10-0-0-9-9876', name: 'x', namesrvAddr: '10.0.0.9:9876' }] }));
    const registry = new ClusterRegistry(clusterEntries(undefined, ['10.0.0.9:9876']), { filePath: join(dir, 'clusters.json') });
    expect(registry.list().map((entry) => entry.source)).toEqual(['environment']);

    writeFileSync(join(dir, 'broken.json'), '{"version":1,"clusters":[{"id":""}]');
    expect(() => new ClusterRegistry([], { filePath: join(dir, 'broken.json') })).toThrow(/broken\.json is not JSON .*fix or delete it/);
    writeFileSync(join(dir, 'wrong.json'), '{"version":2,"clusters":[]}');
    expect(() => new ClusterRegistry([], { filePath: join(dir, 'wrong.json') })).toThrow(/wrong\.json: version: .*fix or delete it/);
  });
});
