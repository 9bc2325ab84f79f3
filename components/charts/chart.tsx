'use client';

/**
 * The console's one recharts wrapper (engineer B's lag-over-time chart uses it too). API, kept stable:
 *
 *   <TimeSeriesChart testId="cluster-tps-chart" height={220}
 *     data={[{ t: 1700000000000, put: 12, get: 9 }]}      // t = epoch ms; other keys = series values (null = gap)
 *     config={{ put: { label: 'Put TPS', color: 1 }, get: { label: 'Get TPS' } }}
 *     kind="line" | "area"  valueFormat={(v) => `${v}/s`}  domain={[from, to]}  emptyText="No samples yet" />
 *
 *   <RankingBarChart testId="top-topics-chart" height={260}
 *     data={[{ name: 'TopicA', value: 120 }]} label="TPS" valueFormat={...} emptyText="..." />
 *
 * Fixed height (no layout shift while data streams in), no animation (live data would animate forever), colours
 * from theme variables (chart-config.ts). The root carries data-points="<n>" for tests.
 */
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReactElement, ReactNode } from 'react';
import { chartColor, compactNumber, seriesColors, timeTick, type ChartColor, type ChartConfig } from './chart-config';

export type { ChartColor, ChartConfig, SeriesConfig } from './chart-config';

export type TimePoint<Key extends string> = { t: number } & Partial<Record<Key, number | null>>;

export interface TimeSeriesChartProps<Key extends string> {
  testId: string;
  data: ReadonlyArray<TimePoint<NoInfer<Key>>>;
  config: ChartConfig<Key>;
  height?: number;
  kind?: 'line' | 'area';
  valueFormat?: (value: number) => string;
  /** Fixed x range (epoch ms), so the axis does not jump while samples arrive. */
  domain?: [number, number];
  emptyText?: string;
}

const axisStyle = { fontSize: 11, fill: 'var(--muted)' };
const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, fontSize: 12, color: 'var(--foreground)' };

export function TimeSeriesChart<Key extends string>({ testId, data, config, height = 220, kind = 'line', valueFormat = compactNumber, domain, emptyText }: TimeSeriesChartProps<Key>) {
  const colors = seriesColors(config);
  const keys = Object.keys(config) as Key[];
  const span = domain ? domain[1] - domain[0] : data.length > 1 ? data[data.length - 1].t - data[0].t : 0;
  const withSeconds = span <= 30 * 60_000;
  const Chart = kind === 'area' ? AreaChart : LineChart;
  return (
    <ChartFrame testId={testId} height={height} points={data.length} emptyText={data.length === 0 ? emptyText : undefined}>
      <Chart data={data as Array<TimePoint<Key>>} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--chart-grid, var(--border))" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={domain ?? ['dataMin', 'dataMax']}
          tickFormatter={(value: number) => timeTick(value, withSeconds)}
          tick={axisStyle}
          stroke="var(--border)"
          minTickGap={40}
          tickCount={6}
        />
        <YAxis tickFormatter={(value: number) => valueFormat(value)} tick={axisStyle} stroke="var(--border)" width={52} allowDecimals={false} />
        <Tooltip
          contentStyle={tooltipStyle}
          labelFormatter={(value) => timeTick(Number(value), true)}
          formatter={(value, name) => [valueFormat(Number(value)), config[name as Key]?.label ?? String(name)]}
          isAnimationActive={false}
        />
        {keys.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} formatter={(key: string) => config[key as Key]?.label ?? key} /> : null}
        {keys.map((key) =>
          kind === 'area' ? (
            <Area key={key} dataKey={key} name={key} type="linear" stroke={colors[key]} fill={colors[key]} fillOpacity={0.15} isAnimationActive={false} connectNulls={false} dot={false} />
          ) : (
            <Line key={key} dataKey={key} name={key} type="linear" stroke={colors[key]} strokeWidth={2} isAnimationActive={false} connectNulls={false} dot={false} />
          ),
        )}
      </Chart>
    </ChartFrame>
  );
}

export interface RankingBarChartProps {
  testId: string;
  data: ReadonlyArray<{ name: string; value: number }>;
  label: string;
  color?: ChartColor;
  height?: number;
  valueFormat?: (value: number) => string;
  emptyText?: string;
}

/** Horizontal bars, largest first (the caller orders them): top topics by TPS, top groups by lag. */
export function RankingBarChart({ testId, data, label, color = 1, height = 260, valueFormat = compactNumber, emptyText }: RankingBarChartProps) {
  return (
    <ChartFrame testId={testId} height={height} points={data.length} emptyText={data.length === 0 ? emptyText : undefined}>
      <BarChart data={data as Array<{ name: string; value: number }>} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--chart-grid, var(--border))" strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={(value: number) => valueFormat(value)} tick={axisStyle} stroke="var(--border)" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={150} tick={axisStyle} stroke="var(--border)" tickFormatter={(name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name)} />
        <Tooltip contentStyle={tooltipStyle} formatter={(value) => [valueFormat(Number(value)), label]} isAnimationActive={false} cursor={{ fill: 'var(--surface-muted)' }} />
        <Bar dataKey="value" name={label} fill={chartColor(color)} isAnimationActive={false} barSize={14} />
      </BarChart>
    </ChartFrame>
  );
}

function ChartFrame({ testId, height, points, emptyText, children }: { testId: string; height: number; points: number; emptyText?: string; children: ReactNode }) {
  return (
    <div data-testid={testId} data-points={points} style={{ height }} className="relative w-full">
      {emptyText ? (
        <div data-testid={`${testId}-empty`} className="flex h-full items-center justify-center rounded-md border border-dashed border-border text-sm text-muted">
          {emptyText}
        </div>
      ) : (
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          {children as ReactElement}
        </ResponsiveContainer>
      )}
    </div>
  );
}
