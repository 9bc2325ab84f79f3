import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { addClusterResultSchema, clusterProbeSchema, embeddedStatusSchema, opsClusterListSchema, type AddClusterInput } from '../validations/ops';
import { clusterKeys } from './clusters';
import { fetchJson, sendJson } from './fetch-json';
import { withQuery } from './query-string';

/** The Ops API: the registry with probes, add / remove / probe, and the embedded servers' status. */
export const OPS_REFRESH_MS = 10_000;

export const opsApi = {
  clusters: () => '/api/ops/clusters',
  cluster: (id: string) => withQuery('/api/ops/clusters', { id }),
  probe: () => '/api/ops/clusters/probe',
  embedded: () => '/api/ops/embedded',
};

export const opsKeys = {
  all: ['ops'] as const,
  clusters: () => [...opsKeys.all, 'clusters'] as const,
  embedded: () => [...opsKeys.all, 'embedded'] as const,
};

export const opsClustersQuery = () =>
  queryOptions({ queryKey: opsKeys.clusters(), queryFn: ({ signal }) => fetchJson(opsApi.clusters(), opsClusterListSchema, signal), refetchInterval: OPS_REFRESH_MS });

export function useOpsClusters() {
  return useQuery(opsClustersQuery());
}

export function useEmbeddedStatus() {
  return useQuery({ queryKey: opsKeys.embedded(), queryFn: ({ signal }) => fetchJson(opsApi.embedded(), embeddedStatusSchema, signal), refetchInterval: OPS_REFRESH_MS });
}

/** A change to the registry refreshes the Ops list and the header's cluster selector. */
function useInvalidateRegistry() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: opsKeys.all }), client.invalidateQueries({ queryKey: clusterKeys.all })]);
}

export function useAddCluster() {
  const invalidate = useInvalidateRegistry();
  return useMutation({ mutationFn: (input: AddClusterInput) => sendJson('POST', opsApi.clusters(), input, addClusterResultSchema), onSuccess: invalidate });
}

export function useRemoveCluster() {
  const invalidate = useInvalidateRegistry();
  return useMutation({ mutationFn: (id: string) => sendJson('DELETE', opsApi.cluster(id), {}, z.object({ removed: z.string() })), onSuccess: invalidate });
}

export function useProbeCluster() {
  return useMutation({ mutationFn: (namesrvAddr: string) => sendJson('POST', opsApi.probe(), { namesrvAddr }, z.object({ probe: clusterProbeSchema })) });
}
