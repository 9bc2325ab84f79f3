import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { dlqResendResultSchema, dlqTopicListSchema, messagePageSchema, type DlqResendInput } from '../validations/message-query';
import { fetchJson, sendJson } from './fetch-json';
import { withQuery } from './query-string';

/** The Dead letters API: %DLQ% topics, one group's letters by time (server cursor), resend, export URLs. */
export interface DlqSearch {
  cluster: string;
  group: string;
  from: number;
  to: number;
}

export const dlqApi = {
  topics: (cluster: string) => withQuery('/api/dlq/topics', { cluster }),
  messages: (search: DlqSearch & { cursor?: string; pageSize: number }) => withQuery('/api/dlq/messages', { ...search }),
  resend: () => '/api/dlq/resend',
  /** A plain link: the browser downloads the file. */
  exportFile: (search: DlqSearch, format: 'json' | 'csv') => withQuery('/api/dlq/export', { ...search, format }),
};

export const dlqPagePaths = {
  list: (params: { group?: string; from?: number; to?: number; run?: boolean } = {}) => withQuery('/dead-letters', { ...params, run: params.run ? 1 : undefined }),
  detail: (msgId: string, group: string) => withQuery('/dead-letters/detail', { msgId, group }),
};

export const dlqKeys = {
  all: (cluster: string) => ['dlq', cluster] as const,
  topics: (cluster: string) => [...dlqKeys.all(cluster), 'topics'] as const,
  messages: (search: DlqSearch) => [...dlqKeys.all(search.cluster), 'messages', search] as const,
};

const DLQ_PAGE_SIZE = 100;

export function useDlqTopics(cluster: string | undefined) {
  return useQuery({
    queryKey: dlqKeys.topics(cluster ?? ''),
    queryFn: ({ signal }) => fetchJson(dlqApi.topics(cluster!), dlqTopicListSchema, signal),
    enabled: cluster !== undefined,
    refetchInterval: 15_000,
  });
}

export function useDlqMessages(search: DlqSearch | undefined) {
  return useInfiniteQuery({
    queryKey: search ? dlqKeys.messages(search) : ['dlq', 'messages', 'idle'],
    queryFn: ({ pageParam, signal }) => fetchJson(dlqApi.messages({ ...search!, pageSize: DLQ_PAGE_SIZE, cursor: pageParam }), messagePageSchema, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.cursor,
    enabled: search !== undefined,
    staleTime: Infinity,
  });
}

export function useDlqResend() {
  return useMutation({ mutationFn: (input: DlqResendInput) => sendJson('POST', dlqApi.resend(), input, dlqResendResultSchema) });
}
