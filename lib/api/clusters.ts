import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '../paths';
import { brokerKeyValuesSchema, clusterBrokersSchema, clusterListSchema, type BrokerKeyValues, type ClusterBrokers, type ClusterList } from '../validations/cluster';
import { fetchJson } from './fetch-json';
import { withQuery } from './query-string';

/** The cluster registry and each cluster's brokers. Keys nest under clusterKeys.all so one invalidation refreshes all. */
export const CLUSTER_REFRESH_MS = 3000;

export const clusterKeys = {
  all: ['clusters'] as const,
  list: () => [...clusterKeys.all, 'list'] as const,
  brokers: (clusterId: string) => [...clusterKeys.all, clusterId, 'brokers'] as const,
};

export function fetchClusters(signal?: AbortSignal): Promise<ClusterList> {
  return fetchJson(apiPaths.clusters(), clusterListSchema, signal);
}

export function fetchClusterBrokers(clusterId: string, signal?: AbortSignal): Promise<ClusterBrokers> {
  return fetchJson(apiPaths.clusterBrokers(clusterId), clusterBrokersSchema, signal);
}

export const clustersQuery = () =>
  queryOptions({
    queryKey: clusterKeys.list(),
    queryFn: ({ signal }) => fetchClusters(signal),
  });

export const clusterBrokersQuery = (clusterId: string) =>
  queryOptions({
    queryKey: clusterKeys.brokers(clusterId),
    queryFn: ({ signal }) => fetchClusterBrokers(clusterId, signal),
    refetchInterval: CLUSTER_REFRESH_MS,
  });

export function useClusters() {
  return useQuery(clustersQuery());
}

export function useClusterBrokers(clusterId: string) {
  return useQuery(clusterBrokersQuery(clusterId));
}

/** One broker's runtime info or config (the Cluster page's broker detail). Runtime info refreshes like the table. */
export function fetchBrokerKeyValues(clusterId: string, address: string, what: 'runtime' | 'config', signal?: AbortSignal): Promise<BrokerKeyValues> {
  return fetchJson(withQuery(`/api/clusters/${encodeURIComponent(clusterId)}/broker`, { addr: address, what }), brokerKeyValuesSchema, signal);
}

export function useBrokerKeyValues(clusterId: string, address: string, what: 'runtime' | 'config') {
  return useQuery({
    queryKey: [...clusterKeys.all, clusterId, 'broker', address, what] as const,
    queryFn: ({ signal }) => fetchBrokerKeyValues(clusterId, address, what, signal),
    refetchInterval: what === 'runtime' ? CLUSTER_REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });
}
