import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { resetOffsetResultSchema } from '../validations/group';
import { messageSendSchema, sendResultSchema, type MessageSendInput } from '../validations/message-send';
import { topicListSchema, type TopicFormInput, type TopicType } from '../validations/topic';
import {
  resetPreviewSchema,
  topicConfigListSchema,
  topicConsumersSchema,
  topicMutationSchema,
  topicRouteSchema,
  topicStatusSchema,
  topicTargetsSchema,
} from '../validations/topic-detail';
import { consumerKeys } from './consumers';
import { fetchJson, sendJson } from './fetch-json';
import { withQuery } from './query-string';

/**
 * The Topics API: URL builders, query keys (everything of a cluster under topicKeys.all(cluster), so a create,
 * update, delete or reset refreshes every topic view), queryOptions and hooks. The list keeps the previous page while
 * the next one loads (no layout shift).
 */
export const TOPIC_LIST_REFRESH_MS = 10_000;
export const TOPIC_DETAIL_REFRESH_MS = 5000;

export interface TopicListParams {
  cluster: string;
  page: number;
  pageSize: number;
  search: string;
  types: TopicType[];
  sort: 'name' | 'queues' | 'brokers';
  dir: 'asc' | 'desc';
}

export const topicApi = {
  list: (params: TopicListParams) => withQuery('/api/topics', { ...params, types: params.types.join(',') }),
  upsert: () => '/api/topics',
  remove: (cluster: string, topic: string, clusterNames: string[] = []) => withQuery('/api/topics', { cluster, topic, clusterNames: clusterNames.join(',') || undefined }),
  status: (cluster: string, topic: string) => withQuery('/api/topics/status', { cluster, topic }),
  routing: (cluster: string, topic: string) => withQuery('/api/topics/routing', { cluster, topic }),
  config: (cluster: string, topic: string) => withQuery('/api/topics/config', { cluster, topic }),
  consumers: (cluster: string, topic: string) => withQuery('/api/topics/consumers', { cluster, topic }),
  send: (topic: string) => withQuery('/api/topics/messages', { topic }),
  resetPreview: (topic: string) => withQuery('/api/topics/reset-offset/preview', { topic }),
  reset: (topic: string) => withQuery('/api/topics/reset-offset', { topic }),
  targets: (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/targets`,
};

export const topicKeys = {
  all: (cluster: string) => ['topics', cluster] as const,
  list: (params: TopicListParams) => [...topicKeys.all(params.cluster), 'list', params] as const,
  detail: (cluster: string, topic: string, part: 'status' | 'routing' | 'config' | 'consumers') => [...topicKeys.all(cluster), 'detail', topic, part] as const,
  targets: (cluster: string) => [...topicKeys.all(cluster), 'targets'] as const,
};

export const topicListQuery = (params: TopicListParams) =>
  queryOptions({
    queryKey: topicKeys.list(params),
    queryFn: ({ signal }) => fetchJson(topicApi.list(params), topicListSchema, signal),
    placeholderData: keepPreviousData,
    refetchInterval: TOPIC_LIST_REFRESH_MS,
  });

export function useTopicList(params: TopicListParams | undefined) {
  return useQuery({ ...topicListQuery(params ?? emptyParams), enabled: params !== undefined });
}

const emptyParams: TopicListParams = { cluster: '', page: 1, pageSize: 50, search: '', types: [], sort: 'name', dir: 'asc' };

export function useTopicStatus(cluster: string, topic: string) {
  return useQuery({
    queryKey: topicKeys.detail(cluster, topic, 'status'),
    queryFn: ({ signal }) => fetchJson(topicApi.status(cluster, topic), topicStatusSchema, signal),
    refetchInterval: TOPIC_DETAIL_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useTopicRouting(cluster: string, topic: string) {
  return useQuery({ queryKey: topicKeys.detail(cluster, topic, 'routing'), queryFn: ({ signal }) => fetchJson(topicApi.routing(cluster, topic), topicRouteSchema, signal) });
}

export function useTopicConfig(cluster: string, topic: string) {
  return useQuery({ queryKey: topicKeys.detail(cluster, topic, 'config'), queryFn: ({ signal }) => fetchJson(topicApi.config(cluster, topic), topicConfigListSchema, signal) });
}

export function useTopicConsumers(cluster: string, topic: string) {
  return useQuery({
    queryKey: topicKeys.detail(cluster, topic, 'consumers'),
    queryFn: ({ signal }) => fetchJson(topicApi.consumers(cluster, topic), topicConsumersSchema, signal),
    refetchInterval: TOPIC_DETAIL_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useTopicTargets(cluster: string | undefined) {
  return useQuery({
    queryKey: topicKeys.targets(cluster ?? ''),
    queryFn: ({ signal }) => fetchJson(topicApi.targets(cluster ?? ''), topicTargetsSchema, signal),
    enabled: cluster !== undefined,
  });
}

/** Create or update; refreshes the cluster's topic views. */
export function useSaveTopic() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: TopicFormInput) => sendJson('POST', topicApi.upsert(), form, topicMutationSchema),
    onSuccess: (_result, form) => client.invalidateQueries({ queryKey: topicKeys.all(form.cluster) }),
  });
}

export function useDeleteTopic() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ cluster, topic, clusterNames }: { cluster: string; topic: string; clusterNames?: string[] }) =>
      sendJson('DELETE', topicApi.remove(cluster, topic, clusterNames), undefined, topicMutationSchema),
    onSuccess: (_result, input) => client.invalidateQueries({ queryKey: topicKeys.all(input.cluster) }),
  });
}

export function useSendMessage(topic: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (message: MessageSendInput) => sendJson('POST', topicApi.send(topic), messageSendSchema.parse(message), sendResultSchema),
    onSuccess: (_result, message) => client.invalidateQueries({ queryKey: [...topicKeys.all(message.cluster), 'detail', topic] }),
  });
}

export interface ResetInput {
  cluster: string;
  group: string;
  timestamp: number;
}

export function useResetPreview(topic: string) {
  return useMutation({ mutationFn: (input: ResetInput) => sendJson('POST', topicApi.resetPreview(topic), input, resetPreviewSchema) });
}

export function useResetOffset(topic: string) {
  const client = useQueryClient();
  return useMutation({
    // timestamp -1 skips the backlog
    mutationFn: (input: ResetInput) => sendJson('POST', topicApi.reset(topic), { ...input, force: true }, resetOffsetResultSchema),
    onSuccess: (_result, input) =>
      Promise.all([client.invalidateQueries({ queryKey: topicKeys.all(input.cluster) }), client.invalidateQueries({ queryKey: consumerKeys.all(input.cluster) })]),
  });
}
