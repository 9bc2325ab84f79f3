import { describe, expect, it } from 'vitest';
import { ClusterRegistry, clusterEntries, externalClusterId, UnknownClusterError } from './cluster-registry';
import { clusterIdSchema } from '../validations/cluster';

describe('cluster registry', () => {
  it('lists the embedded cluster first, then the NAMESRV_ADDR nameservers as one entry', () => {
    const registry = new ClusterRegistry(clusterEntries('127.0.0.1:9876', ['10.0.0.1:9876', '10.0.0.2:9876']));
    expect(registry.list()).toEqual([
      { id: 'embedded', name: 'Embedded cluster', namesrvAddr: '127.0.0.1:9876', embedded: true },
      { id: 'ns-10-0-0-1-9876-10-0-0-2-9876', name: '10.0.0.1:9876;10.0.0.2:9876', namesrvAddr: '10.0.0.1:9876;10.0.0.2:9876', embedded: false },
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
