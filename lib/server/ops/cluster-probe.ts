import { NamesrvClient } from '../../../broker-core/client/namesrv-client';
import type { ClusterInfo } from '../../../broker-core/protocol/bodies/cluster-info';
import { RemotingClient } from '../../../broker-core/remoting/remoting-client';
import type { ClusterProbe } from '../../validations/ops';
import { asResponseCodeError, isTransportError } from '../error-kinds';

/**
 * Does a nameserver list answer GET_BROKER_CLUSTER_INFO, and what does it report? Used before a cluster is added
 * (its own short-lived connection) and for each listed cluster (through that cluster's admin).
 */
export const PROBE_TIMEOUT_MS = 2000;

export async function probeClusterInfo(ask: () => Promise<ClusterInfo>): Promise<ClusterProbe> {
  const started = Date.now();
  try {
    const info = await ask();
    const clusterNames = Object.keys(info.clusterAddrTable).sort();
    const brokerCount = Object.values(info.brokerAddrTable).reduce((sum, data) => sum + Object.keys(data.brokerAddrs).length, 0);
    return { state: 'ok', clusterNames, brokerCount, elapsedMs: Date.now() - started };
  } catch (error) {
    const message = asResponseCodeError(error)?.message ?? (error instanceof Error ? error.message : String(error));
    return isTransportError(error) ? { state: 'unreachable', message } : { state: 'error', message };
  }
}

/** Probes addresses that are not (yet) in the registry, over a connection opened and closed for it. */
export async function probeNamesrvAddr(namesrvAddr: string): Promise<ClusterProbe> {
  const remoting = new RemotingClient({ name: 'console-probe', connectTimeoutMs: PROBE_TIMEOUT_MS });
  try {
    const namesrv = new NamesrvClient(remoting, namesrvAddr.split(';'), { timeoutMs: PROBE_TIMEOUT_MS });
    return await probeClusterInfo(() => namesrv.getBrokerClusterInfo());
  } finally {
    await remoting.close().catch(() => undefined);
  }
}
