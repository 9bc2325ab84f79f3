import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import type { AddClusterInput, ClusterProbe, EmbeddedStatus, OpsCluster } from '../../validations/ops';
import { EMBEDDED_CLUSTER_ID, type ClusterEntry, type ClusterRegistry } from '../cluster-registry';
import type { EmbeddedServers } from '../embedded';
import { withTimeout } from '../map-limited';
import { PROBE_TIMEOUT_MS, probeClusterInfo, probeNamesrvAddr } from './cluster-probe';

/**
 * The Ops page's server side: the registry's clusters with a live probe each, adding (probed first, so the answer
 * says at once whether the nameservers answer) and removing Ops entries, and the embedded servers' status.
 */
export interface ClusterOpsService {
  listClusters(): Promise<OpsCluster[]>;
  addCluster(input: { namesrvAddr: string; name?: string }): Promise<OpsCluster>;
  removeCluster(clusterId: string): ClusterEntry;
  probe(namesrvAddr: string): Promise<ClusterProbe>;
  embeddedStatus(): Promise<EmbeddedStatus>;
}

export interface ClusterOpsDeps {
  registry: ClusterRegistry;
  admin(clusterId: string): MQAdmin;
  embedded: EmbeddedServers | undefined;
  storeDir: string | undefined;
  clustersFile: string | undefined;
}

export function createClusterOpsService(deps: ClusterOpsDeps): ClusterOpsService {
  const probeEntry = (entry: ClusterEntry) =>
    probeClusterInfo(() => withTimeout(deps.admin(entry.id).examineBrokerClusterInfo(), PROBE_TIMEOUT_MS, `no answer from ${entry.namesrvAddr} within ${PROBE_TIMEOUT_MS} ms`));
  const view = (entry: ClusterEntry, probe: ClusterProbe): OpsCluster => ({ ...entry, removable: entry.source === 'ops', probe });
  return {
    async listClusters() {
      const entries = deps.registry.list();
      const probes = await Promise.all(entries.map(probeEntry));
      return entries.map((entry, index) => view(entry, probes[index]));
    },
    async addCluster(input: AddClusterInput & { namesrvAddr: string }) {
      const entry = deps.registry.add(input);
      return view(entry, await probeEntry(entry));
    },
    removeCluster: (clusterId) => deps.registry.remove(clusterId),
    probe: (namesrvAddr) => probeNamesrvAddr(namesrvAddr),
    async embeddedStatus() {
      const embedded = deps.embedded;
      const base = { clustersFile: deps.clustersFile ?? '(memory only)' };
      if (!embedded) return { running: false, ...base };
      const status: EmbeddedStatus = { running: true, namesrvAddr: embedded.namesrvAddr, brokerAddr: embedded.broker.address, storeDir: deps.storeDir, ...base };
      try {
        const runtime = await withTimeout(deps.admin(EMBEDDED_CLUSTER_ID).brokerRuntimeInfo(embedded.broker.address), PROBE_TIMEOUT_MS, 'the embedded broker did not answer');
        const boot = Number(runtime.bootTimestamp);
        if (Number.isFinite(boot) && boot > 0) {
          status.bootTimestamp = boot;
          status.uptimeMs = Math.max(0, Date.now() - boot);
        }
        if (runtime.brokerVersionDesc) status.brokerVersion = runtime.brokerVersionDesc;
      } catch (error) {
        status.runtimeError = error instanceof Error ? error.message : String(error);
      }
      return status;
    },
  };
}
