import { useQuery } from '@tanstack/react-query';
import { traceResultSchema } from '../validations/message-query';
import { fetchJson } from './fetch-json';
import { withQuery } from './query-string';

/** The Trace API: one query by message id or key, re-read while open (consume events keep arriving). */
export interface TraceSearch {
  cluster: string;
  msgId?: string;
  key?: string;
  traceTopic: string;
}

export const traceApi = { query: (search: TraceSearch) => withQuery('/api/trace', { ...search }) };
export const tracePagePaths = { search: (params: { msgId?: string; key?: string; traceTopic?: string } = {}) => withQuery('/trace', { ...params }) };

export function useTrace(search: TraceSearch | undefined) {
  return useQuery({
    queryKey: ['trace', search],
    queryFn: ({ signal }) => fetchJson(traceApi.query(search!), traceResultSchema, signal),
    enabled: search !== undefined,
    refetchInterval: 5000,
  });
}
