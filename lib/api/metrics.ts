'use client';

import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { metricsHistorySchema, metricsSampleSchema, type MetricsHistory, type MetricsSample } from '../validations/metrics';
import { rangeStart, type MetricsRange } from '../validations/time-range';
import { fetchJson } from './fetch-json';
import { withQuery } from './query-string';

/**
 * The Dashboard's data: history of a range (GET /api/metrics) and live samples over one Server-Sent Events
 * connection per page (/api/stream/metrics, every cluster). Each live sample is appended to the cached "5m" and "1h"
 * histories of its cluster (trimmed to the range), so the charts move without refetching; "today" is one point a
 * minute and is refetched every minute.
 */
export const metricsApi = {
  history: (cluster: string, range: MetricsRange) => withQuery('/api/metrics', { cluster, range }),
  stream: () => '/api/stream/metrics',
};

export const metricsKeys = {
  all: ['metrics'] as const,
  history: (cluster: string, range: MetricsRange) => [...metricsKeys.all, cluster, range] as const,
  latest: () => [...metricsKeys.all, 'latest'] as const,
};

export const metricsHistoryQuery = (cluster: string, range: MetricsRange) =>
  queryOptions({
    queryKey: metricsKeys.history(cluster, range),
    queryFn: ({ signal }) => fetchJson(metricsApi.history(cluster, range), metricsHistorySchema, signal),
    refetchInterval: range === 'today' ? 60_000 : false,
    staleTime: range === 'today' ? 30_000 : Infinity, // live ranges are kept current by the stream
  });

export function useMetricsHistory(cluster: string | undefined, range: MetricsRange) {
  return useQuery({ ...metricsHistoryQuery(cluster ?? '', range), enabled: cluster !== undefined });
}

/** The newest sample of every cluster, fed by the stream. */
export function useLatestSamples() {
  return useQuery<Record<string, MetricsSample>>({ queryKey: metricsKeys.latest(), queryFn: () => ({}), staleTime: Infinity, initialData: {} });
}

export type StreamState = 'connecting' | 'open' | 'reconnecting';

/** Opens the page's one metrics stream; closed when the page unmounts. */
export function useMetricsStream(): StreamState {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => {
    const source = new EventSource(metricsApi.stream());
    source.onopen = () => setState('open');
    source.onerror = () => setState('reconnecting'); // EventSource retries by itself (server sends retry: 3000)
    source.addEventListener('sample', (event) => {
      const parsed = metricsSampleSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) applySample(client, parsed.data);
    });
    return () => source.close();
  }, [client]);
  return state;
}

export function applySample(client: QueryClient, sample: MetricsSample): void {
  client.setQueryData<Record<string, MetricsSample>>(metricsKeys.latest(), (old) => ({ ...old, [sample.clusterId]: sample }));
  for (const range of ['5m', '1h'] as const) {
    client.setQueryData<MetricsHistory>(metricsKeys.history(sample.clusterId, range), (old) => (old ? appendSample(old, sample, range) : old));
  }
}

/** Adds a sample (once, in time order) and drops those older than the range. */
export function appendSample(history: MetricsHistory, sample: MetricsSample, range: MetricsRange, now = sample.t): MetricsHistory {
  const last = history.samples[history.samples.length - 1];
  if (last && last.t >= sample.t) return history;
  const from = rangeStart(range, now);
  return { ...history, samples: [...history.samples.filter((old) => old.t >= from), sample] };
}
