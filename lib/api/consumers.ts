import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  clientRunningInfoSchema,
  groupConfigsSchema,
  groupConfigWriteResultSchema,
  groupDetailSchema,
  groupLagHistorySchema,
  groupListSchema,
  resetOffsetResultSchema,
  type GroupConfigFormInput,
  type GroupDeleteInput,
  type GroupResetOffsetInput,
  type GroupSortKey,
} from '../validations/group';
import type { MetricsRange } from '../validations/time-range';
import { fetchJson, sendJson } from './fetch-json';
import { withQuery } from './query-string';

/**
 * The Consumers API: URL builders, query keys (all under consumerKeys.all, so a change refreshes every view of the
 * cluster's groups), queryOptions and hooks. Live views poll and keep the previous data while refetching.
 */
export const CONSUMER_REFRESH_MS = 5000;
export const GROUP_DETAIL_REFRESH_MS = 3000;

export interface GroupListParams {
  cluster: string;
  page: number;
  pageSize: number;
  filter: string;
  sort: GroupSortKey;
  dir: 'asc' | 'desc';
  system: boolean;
}

export const consumerApi = {
  list: (params: GroupListParams) => withQuery('/api/consumers', { ...params, system: params.system ? 1 : 0 }),
  detail: (cluster: string, group: string) => withQuery('/api/consumers/detail', { cluster, group }),
  client: (cluster: string, group: string, clientId: string, jstack = false) => withQuery('/api/consumers/client', { cluster, group, clientId, jstack: jstack ? 1 : 0 }),
  config: (cluster?: string, group?: string) => withQuery('/api/consumers/config', { cluster, group }),
  resetOffset: () => '/api/consumers/reset-offset',
};

export const consumerPagePaths = {
  list: () => '/consumers',
  group: (group: string) => withQuery('/consumers/group', { name: group }),
};

export const consumerKeys = {
  all: (cluster: string) => ['consumers', cluster] as const,
  list: (params: GroupListParams) => [...consumerKeys.all(params.cluster), 'list', params] as const,
  detail: (cluster: string, group: string) => [...consumerKeys.all(cluster), 'detail', group] as const,
  config: (cluster: string, group: string) => [...consumerKeys.all(cluster), 'config', group] as const,
  client: (cluster: string, group: string, clientId: string) => [...consumerKeys.all(cluster), 'client', group, clientId] as const,
};

export const groupListQuery = (params: GroupListParams) =>
  queryOptions({
    queryKey: consumerKeys.list(params),
    queryFn: ({ signal }) => fetchJson(consumerApi.list(params), groupListSchema, signal),
    refetchInterval: CONSUMER_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

export const groupDetailQuery = (cluster: string, group: string) =>
  queryOptions({
    queryKey: consumerKeys.detail(cluster, group),
    queryFn: ({ signal }) => fetchJson(consumerApi.detail(cluster, group), groupDetailSchema, signal),
    refetchInterval: GROUP_DETAIL_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

export function useGroupList(params: GroupListParams | undefined) {
  return useQuery({ ...groupListQuery(params ?? ({} as GroupListParams)), enabled: params !== undefined });
}

export function useGroupDetail(cluster: string | undefined, group: string) {
  return useQuery({ ...groupDetailQuery(cluster ?? '', group), enabled: cluster !== undefined && group !== '' });
}

export function useGroupConfigs(cluster: string | undefined, group: string, enabled = true) {
  return useQuery({
    queryKey: consumerKeys.config(cluster ?? '', group),
    queryFn: ({ signal }) => fetchJson(consumerApi.config(cluster, group), groupConfigsSchema, signal),
    enabled: enabled && cluster !== undefined && group !== '',
  });
}

/** The client's running info, asked only when the user opens it. */
export function useClientRunningInfo(cluster: string | undefined, group: string, clientId: string | undefined) {
  return useQuery({
    queryKey: consumerKeys.client(cluster ?? '', group, clientId ?? ''),
    queryFn: ({ signal }) => fetchJson(consumerApi.client(cluster ?? '', group, clientId ?? ''), clientRunningInfoSchema, signal),
    enabled: cluster !== undefined && clientId !== undefined,
  });
}

function useInvalidateConsumers() {
  const client = useQueryClient();
  return (cluster: string) => client.invalidateQueries({ queryKey: consumerKeys.all(cluster) });
}

export function useWriteGroupConfig() {
  const invalidate = useInvalidateConsumers();
  return useMutation({
    mutationFn: (form: GroupConfigFormInput) => sendJson('POST', consumerApi.config(), form, groupConfigWriteResultSchema),
    onSuccess: (_result, form) => invalidate(form.cluster),
  });
}

export function useDeleteGroup() {
  const invalidate = useInvalidateConsumers();
  return useMutation({
    mutationFn: (input: GroupDeleteInput) => sendJson('DELETE', consumerApi.config(), input, groupConfigWriteResultSchema),
    onSuccess: (_result, input) => invalidate(input.cluster),
  });
}

export function useResetGroupOffset() {
  const invalidate = useInvalidateConsumers();
  return useMutation({
    mutationFn: (input: GroupResetOffsetInput) => sendJson('POST', consumerApi.resetOffset(), input, resetOffsetResultSchema),
    onSuccess: (_result, input) => invalidate(input.cluster),
  });
}

export type ResetOffsetAnswer = z.infer<typeof resetOffsetResultSchema>;

export const LAG_HISTORY_REFRESH_MS = 5000;

/** The sampler's lag points of a group (lib/server/sampler), polled while the page is open. */
export function useGroupLagHistory(cluster: string | undefined, group: string, range: MetricsRange) {
  return useQuery({
    queryKey: [...consumerKeys.all(cluster ?? ''), 'lag-history', group, range] as const,
    queryFn: ({ signal }) => fetchJson(withQuery('/api/consumers/lag-history', { cluster, group, range }), groupLagHistorySchema, signal),
    enabled: cluster !== undefined && group !== '',
    refetchInterval: LAG_HISTORY_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
