import type { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { NamesrvClient, parseNamesrvAddr } from '../../broker-core/client/namesrv-client';
import type { Producer } from '../../broker-core/client/producer/producer';
import { createLogger } from '../../broker-core/common/logger';
import { signRequest } from '../../broker-core/acl/acl-signature';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import type { BrokerKeyValues, ClusterBrokers, ClusterSummary } from '../validations/cluster';
import { ClusterAdmins } from './cluster-admins';
import { brokerKeyValues, listClusterBrokers } from './cluster-brokers';
import { ClusterRegistry, clusterEntries } from './cluster-registry';
import { readConsoleConfig, type ConsoleConfig } from './console-config';
import { startEmbeddedServers, type EmbeddedServers } from './embedded';
import { createOperatorServices, type OperatorServices } from './operator-services';
import { processSingleton } from './process-singleton';
import { createResourceServices, type ResourceServices } from './resource-services';

const log = createLogger('console');

/**
 * The console's server side, one per process: the embedded servers (unless RMQ_EMBEDDED=0), the cluster registry
 * and one RemotingClient shared by every admin call. instrumentation.ts starts it before the first request; route
 * handlers get the same instance. Every method runs broker-core code from the bundle that built the instance, so
 * classes and `instanceof` checks inside it stay consistent (see process-singleton.ts).
 */
export interface ConsoleServer extends OperatorServices, ResourceServices {
  readonly embedded: EmbeddedServers | undefined;
  listClusters(): ClusterSummary[];
  clusterBrokers(clusterId: string): Promise<ClusterBrokers>;
  /** Every key of one broker's runtime info or config (the address must be one of the cluster's brokers). */
  brokerDetail(clusterId: string, address: string, what: 'runtime' | 'config'): Promise<BrokerKeyValues>;
  /** The registry cluster's MQAdmin (one per cluster, kept open); UnknownClusterError for an unknown id. */
  admin(clusterId: string): MQAdmin;
  /** A started producer (group SELF_TEST_P_GROUP) sharing that admin's connections, for the send-message forms. */
  producer(clusterId: string): Promise<Producer>;
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
  let registry: ClusterRegistry;
  try {
    registry = new ClusterRegistry(clusterEntries(embedded?.namesrvAddr, config.externalNamesrvAddrs), { filePath: config.clustersFile });
  } catch (error) {
    await embedded?.shutdown(); // e.g. an unreadable clusters.json: stop what started, then report it
    throw error;
  }
  const { credentials } = config;
  const remoting = new RemotingClient({ name: 'console', connectTimeoutMs: 2000, beforeRequest: credentials && ((request) => signRequest(request, credentials)) });
  const admins = new ClusterAdmins(credentials);
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
  const admin = (clusterId: string) => admins.admin(registry.get(clusterId));
  const services = createOperatorServices({
    registry,
    admin,
    producer: (clusterId) => admins.producer(registry.get(clusterId)),
    embedded,
    storeDir: config.embedded?.storeDir,
    clustersFile: config.clustersFile,
  });
  const resources = createResourceServices({ registry, admin, adminOf: (entry) => admins.admin(entry), producer: (clusterId) => admins.producer(registry.get(clusterId)), storeDir: config.embedded?.storeDir });
  // A removed cluster's connections and caches go with it.
  registry.onChange((entries) => {
    void admins.retain(entries);
    for (const id of [...namesrvClients.keys()]) if (!entries.some((entry) => entry.id === id)) namesrvClients.delete(id);
    services.forgetClusters(entries.map((entry) => entry.id));
  });

  return {
    ...services,
    ...resources,
    embedded,
    listClusters: () => registry.list().map(({ source: _source, ...summary }) => summary),
    async clusterBrokers(clusterId) {
      const fetchedAt = Date.now();
      const brokers = await listClusterBrokers(namesrvClient(clusterId), remoting);
      return { clusterId, brokers, fetchedAt };
    },
    brokerDetail: (clusterId, address, what) => brokerKeyValues(namesrvClient(clusterId), remoting, address, what),
    admin,
    producer: (clusterId) => admins.producer(registry.get(clusterId)),
    async shutdown() {
      await services.shutdown();
      await resources.shutdown();
      await admins.closeAll();
      await remoting.close();
      await embedded?.shutdown();
    },
  };
}
