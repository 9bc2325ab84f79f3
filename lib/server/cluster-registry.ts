import type { ClusterSummary } from '../validations/cluster';
import type { ClusterSource } from '../validations/ops';
import { readClustersFile, writeClustersFile, type PersistedCluster } from './clusters-file';

/**
 * The clusters the console manages, in display order: the embedded one first, then the nameservers of NAMESRV_ADDR,
 * then those added on the Ops page (persisted in clusters.json, see clusters-file.ts). An entry is a set of
 * nameservers (RocketMQ's `host:port;host:port`: several nameservers of one deployment, asked in turn); the RocketMQ
 * clusters behind it are whatever GET_BROKER_CLUSTER_INFO reports. Entries are reached only through broker-core
 * client calls over the wire, the embedded one included.
 *
 * Only Ops entries can be removed: the others come back from the environment on the next start. Listeners hear of
 * every change (the console closes the MQAdmin of a removed entry).
 */
export type ClusterEntry = ClusterSummary & { source: ClusterSource };

export const EMBEDDED_CLUSTER_ID = 'embedded';

export class UnknownClusterError extends Error {
  constructor(readonly clusterId: string) {
    super(`no cluster with id '${clusterId}'`);
    this.name = 'UnknownClusterError';
  }
}

/** A change the registry refuses (duplicate address, removing a built-in entry); answered 409. */
export class ClusterRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterRegistryError';
  }
}

export interface ClusterRegistryOptions {
  /** clusters.json; without it Ops entries live only in memory (tests). */
  filePath?: string;
}

export class ClusterRegistry {
  private entries: ClusterEntry[] = [];
  private readonly listeners = new Set<(entries: ClusterEntry[]) => void>();
  private readonly filePath: string | undefined;

  constructor(entries: ClusterEntry[], options: ClusterRegistryOptions = {}) {
    this.filePath = options.filePath;
    for (const entry of entries) this.insert(entry, 'throw');
    // Persisted entries that the environment now provides are skipped, not duplicated.
    if (this.filePath) for (const saved of readClustersFile(this.filePath)) this.insert(opsEntry(saved), 'skip');
  }

  list(): ClusterEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  get(id: string): ClusterEntry {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) throw new UnknownClusterError(id);
    return { ...entry };
  }

  /** Adds nameservers (already validated, `host:port;host:port`) as an Ops entry and persists the Ops entries. */
  add(input: { namesrvAddr: string; name?: string }): ClusterEntry {
    const addrs = input.namesrvAddr.split(';');
    const id = externalClusterId(addrs);
    const same = this.entries.find((entry) => entry.id === id || entry.namesrvAddr === input.namesrvAddr);
    if (same) throw new ClusterRegistryError(`${input.namesrvAddr} is already registered as '${same.name}'`);
    const entry = opsEntry({ id, name: input.name?.trim() || input.namesrvAddr, namesrvAddr: input.namesrvAddr });
    this.entries.push(entry);
    this.persistOrRollback(() => (this.entries = this.entries.filter((candidate) => candidate !== entry)));
    this.changed();
    return { ...entry };
  }

  remove(id: string): ClusterEntry {
    const entry = this.get(id);
    if (entry.source !== 'ops') {
      const why = entry.source === 'embedded' ? 'the embedded cluster runs inside this console' : 'it comes from NAMESRV_ADDR';
      throw new ClusterRegistryError(`'${entry.name}' cannot be removed: ${why}`);
    }
    const before = this.entries;
    this.entries = this.entries.filter((candidate) => candidate.id !== id);
    this.persistOrRollback(() => (this.entries = before));
    this.changed();
    return entry;
  }

  /** Called with the new list after every add or remove; returns the unsubscribe function. */
  onChange(listener: (entries: ClusterEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private insert(entry: ClusterEntry, onDuplicate: 'throw' | 'skip'): void {
    if (this.entries.some((candidate) => candidate.id === entry.id)) {
      if (onDuplicate === 'throw') throw new Error(`duplicate cluster id '${entry.id}'`);
      return;
    }
    this.entries.push({ ...entry });
  }

  private persistOrRollback(rollback: () => void): void {
    if (!this.filePath) return;
    try {
      writeClustersFile(
        this.filePath,
        this.entries.filter((entry) => entry.source === 'ops').map(({ id, name, namesrvAddr }) => ({ id, name, namesrvAddr })),
      );
    } catch (error) {
      rollback();
      throw new Error(`cannot save ${this.filePath}: ${(error as Error).message}`);
    }
  }

  private changed(): void {
    const entries = this.list();
    for (const listener of this.listeners) listener(entries);
  }
}

function opsEntry(saved: PersistedCluster): ClusterEntry {
  return { id: saved.id, name: saved.name, namesrvAddr: saved.namesrvAddr, embedded: false, source: 'ops' };
}

/**
 * Registry entries for the embedded nameserver (when running) and the external nameserver list. An external list
 * that is just the embedded nameserver again is not listed twice.
 */
export function clusterEntries(embeddedNamesrvAddr: string | undefined, externalNamesrvAddrs: string[] | undefined): ClusterEntry[] {
  const entries: ClusterEntry[] = [];
  if (embeddedNamesrvAddr !== undefined) {
    entries.push({ id: EMBEDDED_CLUSTER_ID, name: 'Embedded cluster', namesrvAddr: embeddedNamesrvAddr, embedded: true, source: 'embedded' });
  }
  if (externalNamesrvAddrs !== undefined && externalNamesrvAddrs.length > 0) {
    const namesrvAddr = externalNamesrvAddrs.join(';');
    if (namesrvAddr !== embeddedNamesrvAddr) {
      entries.push({ id: externalClusterId(externalNamesrvAddrs), name: namesrvAddr, namesrvAddr, embedded: false, source: 'environment' });
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
