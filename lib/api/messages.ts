import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { consumeDirectlyResultSchema, messageDetailSchema, messagePageSchema, type ResendToGroupInput } from '../validations/message-query';
import { fetchJson, sendJson } from './fetch-json';
import { withQuery } from './query-string';

/** The Messages API: queries (by time with a server cursor, by key, by id), detail, resend, and the tail's URL. */
export const messageApi = {
  byTime: (params: TimeSearch & { cursor?: string }) => withQuery('/api/messages/by-time', { ...params }),
  byKey: (params: KeySearch) => withQuery('/api/messages/by-key', { ...params }),
  byId: (params: IdSearch) => withQuery('/api/messages/by-id', { ...params }),
  detail: (cluster: string, msgId: string) => withQuery('/api/messages/detail', { cluster, msgId }),
  resend: () => '/api/messages/resend',
  tail: (cluster: string, topic: string) => withQuery('/api/messages/tail', { cluster, topic }),
};

export const messagePagePaths = {
  search: () => '/messages',
  /** The detail page of a stored message, by its offset id. */
  detail: (msgId: string, topic?: string) => withQuery('/messages/detail', { msgId, topic }),
};

export interface TimeSearch {
  cluster: string;
  topic: string;
  from: number;
  to: number;
  pageSize: number;
}
export interface KeySearch {
  cluster: string;
  topic: string;
  key: string;
}
export interface IdSearch {
  cluster: string;
  topic?: string;
  msgId: string;
}

export const messageKeys = {
  all: (cluster: string) => ['messages', cluster] as const,
  byTime: (search: TimeSearch) => [...messageKeys.all(search.cluster), 'by-time', search] as const,
  byKey: (search: KeySearch) => [...messageKeys.all(search.cluster), 'by-key', search] as const,
  byId: (search: IdSearch) => [...messageKeys.all(search.cluster), 'by-id', search] as const,
  detail: (cluster: string, msgId: string) => [...messageKeys.all(cluster), 'detail', msgId] as const,
};

/** Pages of a time range: each page's cursor asks the server for the next (queues it has not finished). */
export function useMessagesByTime(search: TimeSearch | undefined) {
  return useInfiniteQuery({
    queryKey: search ? messageKeys.byTime(search) : ['messages', 'by-time', 'idle'],
    queryFn: ({ pageParam, signal }) => fetchJson(messageApi.byTime({ ...search!, cursor: pageParam }), messagePageSchema, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.cursor,
    enabled: search !== undefined,
    staleTime: Infinity,
  });
}

export function useMessagesByKey(search: KeySearch | undefined) {
  return useQuery({
    queryKey: search ? messageKeys.byKey(search) : ['messages', 'by-key', 'idle'],
    queryFn: ({ signal }) => fetchJson(messageApi.byKey(search!), messagePageSchema, signal),
    enabled: search !== undefined,
    staleTime: Infinity,
  });
}

export function useMessagesById(search: IdSearch | undefined) {
  return useQuery({
    queryKey: search ? messageKeys.byId(search) : ['messages', 'by-id', 'idle'],
    queryFn: ({ signal }) => fetchJson(messageApi.byId(search!), messagePageSchema, signal),
    enabled: search !== undefined,
    staleTime: Infinity,
  });
}

/** One message; its consume status per group changes, so it refreshes while open. */
export function useMessageDetail(cluster: string | undefined, msgId: string) {
  return useQuery({
    queryKey: messageKeys.detail(cluster ?? '', msgId),
    queryFn: ({ signal }) => fetchJson(messageApi.detail(cluster!, msgId), messageDetailSchema, signal),
    enabled: cluster !== undefined && msgId !== '',
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
}

export function useResendToGroup() {
  return useMutation({ mutationFn: (input: ResendToGroupInput) => sendJson('POST', messageApi.resend(), input, consumeDirectlyResultSchema) });
}
