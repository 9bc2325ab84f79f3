import { NamesrvClient, parseNamesrvAddr } from '../../broker-core/client/namesrv-client';
import { createLogger } from '../../broker-core/common/logger';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import type { ClusterBrokers, ClusterSummary } from '../validations/cluster';
import { listClusterBrokers } from './cluster-brokers';
import { ClusterRegistry, clusterEntries } from './cluster-registry';
import { readConsoleConfig, type ConsoleConfig } from './console-config';
import { startEmbeddedServers, type EmbeddedServers } from './embedded';
import { processSingleton } from './process-singleton';

const log = createLogger('console');

/**
 * The console's server side, one per process: the embedded servers (unless RMQ_EMBEDDED=0), the cluster registry
 * and one RemotingClient shared by every admin call. instrumentation.ts starts it before the first request; route
 * handlers get the same instance. Every method runs broker-core code from the bundle that built the instance, so
 * classes and `instanceof` checks inside it stay consistent (see process-singleton.ts).
 */
export interface ConsoleServer {
  readonly embedded: EmbeddedServers | undefined;
  listClusters(): ClusterSummary[];
  clusterBrokers(clusterId: string): Promise<ClusterBrokers>;
  shutdown(): Promise<void>;
}

/** The process's console server, started on first call; a failed start stays failed (its message is the answer). */
export function getConsoleServer(): Promise<ConsoleServer> {
  return processSingleton('console-server', () => {
    const starting = Promise.resolve().then(() => startConsoleServer(readConsoleConfig()));
    // Reported by whoever awaits it: instrumentation.ts exits with the reason, route handlers answer 503 with it.
    starting.catch(() => undefined);
    return starting;
  });
}

export async function startConsoleServer(config: ConsoleConfig): Promise<ConsoleServer> {
  const embedded = config.embedded ? await startEmbeddedServers(config.embedded) : undefined;
  if (embedded) {
    log.info(`embedded nameserver listening on ${config.embedded?.listenHost}:${embedded.namesrv.port}`);
    log.info(`embedded broker ${embedded.broker.address} (store ${config.embedded?.storeDir}) registered with it`);
  }
  const registry = new ClusterRegistry(clusterEntries(embedded?.namesrvAddr, config.externalNamesrvAddrs));
  const remoting = new RemotingClient({ name: 'console', connectTimeoutMs: 2000 });
  // One NamesrvClient per registry entry, so its failover preference outlives a request.
  const namesrvClients = new Map<string, NamesrvClient>();
  const namesrvClient = (clusterId: string): NamesrvClient => {
    const entry = registry.get(clusterId);
    let client = namesrvClients.get(entry.id);
    if (!client) {
      client = new NamesrvClient(remoting, parseNamesrvAddr(entry.namesrvAddr));
      namesrvClients.set(entry.id, client);
    }
    return client;
  };

  return {
    embedded,
    listClusters: () => registry.list(),
    async clusterBrokers(clusterId) {
      const fetchedAt = Date.now();
      const brokers = await listClusterBrokers(namesrvClient(clusterId), remoting);
      return { clusterId, brokers, fetchedAt };
    },
    async shutdown() {
      await remoting.close();
      await embedded?.shutdown();
    },
  };
}
