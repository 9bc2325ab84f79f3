'use client';

import { useState } from 'react';
import { RankingBarChart, TimeSeriesChart } from '@/components/charts/chart';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { useLatestSamples, useMetricsHistory, useMetricsStream } from '@/lib/api/metrics';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { MetricsSample } from '@/lib/validations/metrics';
import { METRICS_RANGES, rangeStart, type MetricsRange } from '@/lib/validations/time-range';
import { brokerSeries } from './broker-series';
import { ClusterSummaryCards } from './cluster-summary-cards';
import { StreamBadge } from './stream-badge';

/**
 * Live view of every registry cluster (one card each, so several clusters are watched at once) and the charts of the
 * selected one: cluster put / get TPS and put TPS per broker over the chosen range, the ten busiest topics and the
 * ten groups with the largest lag. One SSE connection feeds it all; the history of a range is loaded once.
 */
export function DashboardView() {
  const t = useText('dashboard');
  const format = useFormat();
  const { clusterId, clusters, setClusterId } = useSelectedCluster();
  const [range, setRange] = useState<MetricsRange>('5m');
  const stream = useMetricsStream();
  const latest = useLatestSamples().data;
  const history = useMetricsHistory(clusterId, range);
  const samples = history.data?.samples ?? [];
  const newest: MetricsSample | undefined = (clusterId ? latest[clusterId] : undefined) ?? samples[samples.length - 1];
  // The axis spans the whole range up to the newest sample, so it does not stretch while samples arrive.
  const domain: [number, number] | undefined = newest ? [rangeStart(range, newest.t), newest.t] : undefined;
  const perBroker = brokerSeries(samples);

  if (!clusterId) return <EmptyState title={t.noCluster} testId="dashboard-no-cluster" />;
  return (
    <div className="space-y-5" data-testid="dashboard">
      <ClusterSummaryCards clusters={clusters} latest={latest} selectedId={clusterId} onSelect={setClusterId} />
      <div className="flex flex-wrap items-center gap-2">
        <div role="radiogroup" aria-label={t.range} className="inline-flex overflow-hidden rounded-md border border-border">
          {METRICS_RANGES.map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={range === value}
              data-testid={`range-${value}`}
              onClick={() => setRange(value)}
              className={range === value ? 'bg-accent px-3 py-1 text-sm text-accent-foreground' : 'bg-surface px-3 py-1 text-sm hover:bg-surface-muted'}
            >
              {t.ranges[value]}
            </button>
          ))}
        </div>
        <StreamBadge state={stream} />
        <span data-testid="dashboard-sampled-at" className="ml-auto text-xs text-muted tabular-nums">
          {newest ? t.sampledAt(format.time(newest.t)) : '\u00a0'}
        </span>
      </div>
      {history.isError ? <ErrorState title={t.historyError} message={history.error.message} onRetry={() => void history.refetch()} testId="dashboard-history-error" /> : null}
      {newest && newest.errors.length > 0 ? (
        <div role="status" data-testid="dashboard-broker-errors" className="rounded-md border border-warning/30 bg-warning-soft px-3 py-2 text-sm">
          <p className="font-medium text-warning">{t.brokerErrors}</p>
          <ul className="mt-1 font-mono text-xs">
            {newest.errors.map((error) => (
              <li key={error.address}>{`${error.address}: ${error.message}`}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-5">
        <Card>
          <CardHeader title={t.clusterTps} />
          <CardContent>
            <TimeSeriesChart
              testId="cluster-tps-chart"
              data={samples.map((sample) => ({ t: sample.t, put: sample.putTps, get: sample.getTps }))}
              config={{ put: { label: t.putTps, color: 1 }, get: { label: t.getTps, color: 2 } }}
              domain={domain}
              emptyText={history.isPending ? undefined : t.noSamples}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader title={t.brokerTps} />
          <CardContent>
            <TimeSeriesChart testId="broker-tps-chart" data={perBroker.points} config={perBroker.config} domain={domain} emptyText={history.isPending ? undefined : t.noSamples} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader title={t.topTopics} />
          <CardContent>
            <RankingBarChart testId="top-topics-chart" data={newest?.topTopics ?? []} label={t.putTps} color={1} emptyText={t.noTopics} />
            <RankingList testId="top-topics" entries={newest?.topTopics ?? []} digits={2} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader title={t.topGroups} />
          <CardContent>
            <RankingBarChart testId="top-groups-chart" data={newest?.topGroups ?? []} label={t.totalLag} color={4} emptyText={t.noGroups} />
            <RankingList testId="top-groups" entries={newest?.topGroups ?? []} digits={0} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

/** The numbers behind a ranking chart, as text (readable by screen readers and tests). */
function RankingList({ testId, entries, digits }: { testId: string; entries: MetricsSample['topTopics']; digits: number }) {
  const format = useFormat();
  return (
    <ol data-testid={testId} className="sr-only">
      {entries.map((entry) => (
        <li key={entry.name} data-testid={`${testId}-entry`} data-name={entry.name} data-value={entry.value}>
          {`${entry.name}: ${format.number(entry.value, digits)}`}
        </li>
      ))}
    </ol>
  );
}
