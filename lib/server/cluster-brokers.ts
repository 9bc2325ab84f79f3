import { getBrokerConfig, getBrokerRuntimeInfo } from '../../broker-core/client/broker-admin';
import type { NamesrvClient } from '../../broker-core/client/namesrv-client';
import type { ClusterInfo } from '../../broker-core/protocol/bodies/cluster-info';
import type { RemotingClient } from '../../broker-core/remoting/remoting-client';
import type { BrokerKeyValues, BrokerRow, BrokerRuntimeState } from '../validations/cluster';
import { isTransportError } from './error-kinds';

/**
 * The Cluster page's data: every broker address the nameserver knows (GET_BROKER_CLUSTER_INFO), each with the
 * version, TPS and daily totals its broker reports (GET_BROKER_RUNTIME_INFO, asked of all brokers in parallel). A broker that does not
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
    if (!version) return { state: 'error', message: 'runtime info has no brokerVersionDesc' };
    // A key the broker did not send stays null: the page shows "—", never a made-up 0.
    const number = (key: string) => (table[key] === undefined || !Number.isFinite(Number(table[key])) ? undefined : Number(table[key]));
    const difference = (later: string, earlier: string) => {
      const [a, b] = [number(later), number(earlier)];
      return a === undefined || b === undefined ? null : a - b;
    };
    const tps = (text: string | undefined) => (text === undefined ? null : firstToken(text));
    return {
      state: 'ok',
      version,
      putTps: tps(table.putTps),
      getTps: tps(table.getTransferedTps ?? table.getTransferredTps),
      putYesterday: difference('msgPutTotalTodayMorning', 'msgPutTotalYesterdayMorning'),
      getYesterday: difference('msgGetTotalTodayMorning', 'msgGetTotalYesterdayMorning'),
      putToday: difference('msgPutTotalTodayNow', 'msgPutTotalTodayMorning'),
      getToday: difference('msgGetTotalTodayNow', 'msgGetTotalTodayMorning'),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return isTransportError(error) ? { state: 'unreachable', message } : { state: 'error', message };
  }
}

/**
 * One broker's runtime info or config, every key sorted. The address must be one the nameserver lists for this
 * cluster: the console never becomes a proxy to arbitrary hosts.
 */
export async function brokerKeyValues(namesrv: NamesrvClient, remoting: RemotingClient, address: string, what: 'runtime' | 'config'): Promise<BrokerKeyValues> {
  const known = brokerRowsFromClusterInfo(await namesrv.getBrokerClusterInfo()).some((row) => row.address === address);
  if (!known) {
    const error = new Error(`no broker at ${address} in this cluster`);
    error.name = 'NotFoundError';
    throw error;
  }
  const table = what === 'runtime' ? await getBrokerRuntimeInfo(remoting, address, RUNTIME_INFO_TIMEOUT_MS) : (await getBrokerConfig(remoting, address, RUNTIME_INFO_TIMEOUT_MS)).config;
  const entries = Object.entries(table)
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => compareText(a.key, b.key));
  return { address, what, entries, fetchedAt: Date.now() };
}

/** "12.50 10.00 3.20" (10 s, 1 min, 10 min windows) -> 12.5: the first token, as rocketmq-dashboard shows it. */
export function firstToken(text: string | undefined): number {
  const value = Number.parseFloat((text ?? '').trim().split(/\s+/)[0] ?? '');
  return Number.isFinite(value) ? value : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
