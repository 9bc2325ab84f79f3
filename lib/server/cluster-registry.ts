import type { ClusterSummary } from '../validations/cluster';

/**
 * The clusters the console manages, in display order: the embedded one first, then the nameservers of NAMESRV_ADDR.
 * An entry is a set of nameservers (RocketMQ's `host:port;host:port`: several nameservers of one deployment, asked
 * in turn); the RocketMQ clusters behind it are whatever GET_BROKER_CLUSTER_INFO reports. Entries are reached only
 * through broker-core client calls over the wire, the embedded one included.
 */
export type ClusterEntry = ClusterSummary;

export const EMBEDDED_CLUSTER_ID = 'embedded';

export class UnknownClusterError extends Error {
  constructor(readonly clusterId: string) {
    super(`no cluster with id '${clusterId}'`);
    this.name = 'UnknownClusterError';
  }
}

export class ClusterRegistry {
  private readonly entries: ClusterEntry[];

  constructor(entries: ClusterEntry[]) {
    const ids = new Set<string>();
    for (const entry of entries) {
      if (ids.has(entry.id)) throw new Error(`duplicate cluster id '${entry.id}'`);
      ids.add(entry.id);
    }
    this.entries = entries.map((entry) => ({ ...entry }));
  }

  list(): ClusterEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  get(id: string): ClusterEntry {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) throw new UnknownClusterError(id);
    return { ...entry };
  }
}

/**
 * Registry entries for the embedded nameserver (when running) and the external nameserver list. An external list
 * that is just the embedded nameserver again is not listed twice.
 */
export function clusterEntries(embeddedNamesrvAddr: string | undefined, externalNamesrvAddrs: string[] | undefined): ClusterEntry[] {
  const entries: ClusterEntry[] = [];
  if (embeddedNamesrvAddr !== undefined) {
    entries.push({ id: EMBEDDED_CLUSTER_ID, name: 'Embedded cluster', namesrvAddr: embeddedNamesrvAddr, embedded: true });
  }
  if (externalNamesrvAddrs !== undefined && externalNamesrvAddrs.length > 0) {
    const namesrvAddr = externalNamesrvAddrs.join(';');
    if (namesrvAddr !== embeddedNamesrvAddr) {
      entries.push({ id: externalClusterId(externalNamesrvAddrs), name: namesrvAddr, namesrvAddr, embedded: false });
    }
  }
  return entries;
}

/** A stable, URL-safe id from the addresses: "10.0.0.1:9876;10.0.0.2:9876" -> "ns-10-0-0-1-9876-10-0-0-2-9876". */
export function externalClusterId(namesrvAddrs: string[]): string {
  const slug = namesrvAddrs
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `ns-${slug}`.slice(0, 100).replace(/-+$/, '');
}
