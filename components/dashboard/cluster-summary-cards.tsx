'use client';

import { cn } from '@/lib/class-names';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { ClusterSummary } from '@/lib/validations/cluster';
import type { MetricsSample } from '@/lib/validations/metrics';

/**
 * One tile per registry cluster with its latest put / get TPS, lag and broker count: every managed cluster at a
 * glance (rocketmq-dashboard shows one at a time). Clicking a tile shows that cluster's charts.
 */
export function ClusterSummaryCards({ clusters, latest, selectedId, onSelect }: { clusters: ClusterSummary[]; latest: Record<string, MetricsSample>; selectedId: string; onSelect: (id: string) => void }) {
  const t = useText('dashboard');
  const format = useFormat();
  return (
    <section aria-label={t.clusters} className="grid grid-cols-[repeat(auto-fill,minmax(18rem,1fr))] gap-3">
      {clusters.map((cluster) => {
        const sample = latest[cluster.id];
        const selected = cluster.id === selectedId;
        const stat = (label: string, testId: string, value: string) => (
          <div>
            <dt className="text-xs text-muted">{label}</dt>
            <dd data-testid={testId} className="text-lg font-semibold tabular-nums">
              {value}
            </dd>
          </div>
        );
        return (
          <button
            key={cluster.id}
            type="button"
            data-testid={`cluster-summary-${cluster.id}`}
            aria-pressed={selected}
            title={selected ? t.selected : t.selectCluster}
            onClick={() => onSelect(cluster.id)}
            className={cn('rounded-lg border bg-surface px-4 py-3 text-left shadow-sm', selected ? 'border-accent ring-1 ring-accent' : 'border-border hover:border-accent/60')}
          >
            <p className="truncate text-sm font-medium">{cluster.name}</p>
            <dl className="mt-2 grid grid-cols-4 gap-2">
              {stat(t.putTps, 'summary-put-tps', sample ? format.number(sample.putTps, 1) : '—')}
              {stat(t.getTps, 'summary-get-tps', sample ? format.number(sample.getTps, 1) : '—')}
              {stat(t.totalLag, 'summary-lag', sample ? format.number(sample.totalLag) : '—')}
              {stat(t.brokers, 'summary-brokers', sample ? format.number(sample.brokers.length) : '—')}
            </dl>
          </button>
        );
      })}
    </section>
  );
}
