import { randomInt } from 'node:crypto';
import type { ClusterInfo } from '../../protocol/bodies/cluster-info';
import { MASTER_BROKER_ID, type BrokerData } from '../../protocol/bodies/topic-route-data';
import { MQClientError } from '../client-error';

/**
 * Pure look-ups over a ClusterInfo / BrokerData (Java `CommandUtil`, `BrokerData.selectBrokerAddr`): which addresses
 * serve a cluster, which cluster a broker belongs to.
 */
export const CLUSTER_NOT_FOUND_MESSAGE = 'Make sure the specified clusterName exists or the name server connected to is correct.';

/** The master's address, else any slave's (Java picks a random one). */
export function selectBrokerAddr(broker: BrokerData): string | undefined {
  const master = broker.brokerAddrs[String(MASTER_BROKER_ID)];
  if (master) return master;
  const all = Object.values(broker.brokerAddrs);
  return all.length > 0 ? all[randomInt(0, all.length)] : undefined;
}

export function brokerNamesOfCluster(info: ClusterInfo, clusterName: string): string[] {
  const names = info.clusterAddrTable[clusterName];
  if (!names) throw new MQClientError(`[error] ${CLUSTER_NOT_FOUND_MESSAGE} (cluster ${clusterName})`);
  return [...names].sort();
}

/** Master addresses of a cluster's brokers (Java `fetchMasterAddrByClusterName`). */
export function masterAddrsOfCluster(info: ClusterInfo, clusterName: string): string[] {
  return brokerNamesOfCluster(info, clusterName)
    .map((name) => info.brokerAddrTable[name]?.brokerAddrs[String(MASTER_BROKER_ID)])
    .filter((addr): addr is string => addr !== undefined);
}

/** Every address (masters and slaves) of a cluster's brokers. */
export function allAddrsOfCluster(info: ClusterInfo, clusterName: string): string[] {
  return brokerNamesOfCluster(info, clusterName).flatMap((name) => Object.values(info.brokerAddrTable[name]?.brokerAddrs ?? {}));
}

/** The broker name of an address (Java `fetchBrokerNameByAddr`). */
export function brokerNameOfAddr(info: ClusterInfo, addr: string): string {
  for (const data of Object.values(info.brokerAddrTable)) {
    if (Object.values(data.brokerAddrs).includes(addr)) return data.brokerName;
  }
  throw new MQClientError(`Make sure the specified broker addr exists or the name server connected to is correct: ${addr}`);
}

export function clusterOfBrokerName(info: ClusterInfo, brokerName: string): string | undefined {
  return Object.entries(info.clusterAddrTable).find(([, names]) => names.includes(brokerName))?.[0];
}

/** Every master address of every cluster. */
export function allMasterAddrs(info: ClusterInfo): string[] {
  return Object.values(info.brokerAddrTable)
    .map((data) => data.brokerAddrs[String(MASTER_BROKER_ID)])
    .filter((addr): addr is string => addr !== undefined);
}
