'use client';

import { useState } from 'react';
import { TimeSeriesChart } from '@/components/charts/chart';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { useGroupLagHistory } from '@/lib/api/consumers';
import { useText } from '@/lib/i18n/i18n-provider';
import { cn } from '@/lib/class-names';
import { METRICS_RANGES, type MetricsRange } from '@/lib/validations/time-range';

/** The group's lag over time, from the console's sampler (kept while no page is open, today's on disk). */
export function GroupLagChart({ clusterId, group }: { clusterId: string; group: string }) {
  const t = useText('consumers');
  const common = useText('common');
  const [range, setRange] = useState<MetricsRange>('5m');
  const history = useGroupLagHistory(clusterId, group, range);
  return (
    <Card data-testid="group-lag-chart-card">
      <CardHeader
        title={t.lagChartTitle}
        actions={
          <div role="group" className="flex overflow-hidden rounded-md border border-border text-xs">
            {METRICS_RANGES.map((option) => (
              <button
                key={option}
                type="button"
                data-testid={`lag-range-${option}`}
                aria-pressed={range === option}
                onClick={() => setRange(option)}
                className={cn('px-2 py-1', range === option ? 'bg-accent text-accent-foreground' : 'hover:bg-surface-muted')}
              >
                {t.lagChartRange[option]}
              </button>
            ))}
          </div>
        }
      />
      <CardContent>
        {history.error ? (
          <ErrorState title={common.errorTitle} message={history.error.message} testId="group-lag-chart-error" />
        ) : (
          <TimeSeriesChart<'lag'> testId="group-lag-chart" data={history.data?.points ?? []} config={{ lag: { label: t.lagChartSeries, color: 2 } }} kind="area" height={200} emptyText={t.lagChartEmpty} />
        )}
      </CardContent>
    </Card>
  );
}
