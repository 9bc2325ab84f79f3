import { getBrokerRuntimeInfo } from '../../broker-core/client/broker-admin';
import type { NamesrvClient } from '../../broker-core/client/namesrv-client';
import type { ClusterInfo } from '../../broker-core/protocol/bodies/cluster-info';
import type { RemotingClient } from '../../broker-core/remoting/remoting-client';
import type { BrokerRow, BrokerRuntimeState } from '../validations/cluster';
import { isTransportError } from './error-kinds';

/**
 * The Cluster page's data: every broker address the nameserver knows (GET_BROKER_CLUSTER_INFO), each with the
 * version its broker reports (GET_BROKER_RUNTIME_INFO, asked of all brokers in parallel). A broker that does not
 * answer becomes a row marked unreachable, never a failed page; a nameserver that does not answer fails the call.
 */
export const RUNTIME_INFO_TIMEOUT_MS = 2000;

export type BrokerAddressRow = Omit<BrokerRow, 'runtime'>;

export async function listClusterBrokers(namesrv: NamesrvClient, remoting: RemotingClient): Promise<BrokerRow[]> {
  const rows = brokerRowsFromClusterInfo(await namesrv.getBrokerClusterInfo());
  const runtimes = await Promise.all(rows.map((row) => brokerRuntimeState(remoting, row.address)));
  return rows.map((row, index) => ({ ...row, runtime: runtimes[index] }));
}

/** One row per broker address, ordered by cluster, broker name, then id (master first). */
export function brokerRowsFromClusterInfo(info: ClusterInfo): BrokerAddressRow[] {
  const rows: BrokerAddressRow[] = [];
  for (const [brokerName, data] of Object.entries(info.brokerAddrTable)) {
    for (const [id, address] of Object.entries(data.brokerAddrs)) {
      const brokerId = Number(id);
      rows.push({ cluster: data.cluster, brokerName, brokerId, role: brokerId === 0 ? 'master' : 'slave', address });
    }
  }
  return rows.sort(
    (a, b) => compareText(a.cluster, b.cluster) || compareText(a.brokerName, b.brokerName) || a.brokerId - b.brokerId,
  );
}

async function brokerRuntimeState(remoting: RemotingClient, address: string): Promise<BrokerRuntimeState> {
  try {
    const table = await getBrokerRuntimeInfo(remoting, address, RUNTIME_INFO_TIMEOUT_MS);
    const version = table.brokerVersionDesc;
    return version ? { state: 'ok', version } : { state: 'error', message: 'runtime info has no brokerVersionDesc' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return isTransportError(error) ? { state: 'unreachable', message } : { state: 'error', message };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
