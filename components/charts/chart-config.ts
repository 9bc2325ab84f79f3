/**
 * Chart colours and series labels (shadcn's pattern): a chart takes a typed config, `{ put: { label, color: 1 } }`,
 * and every colour is a theme variable `--chart-<n>` (light / dark defined with the theme in app/globals.css), with a
 * fallback to the base tokens so charts have colour before those variables exist.
 */
export type ChartColor = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface SeriesConfig {
  label: string;
  /** Palette slot; series without one take slots in order. */
  color?: ChartColor;
}

export type ChartConfig<Key extends string = string> = Record<Key, SeriesConfig>;

const FALLBACKS: Record<ChartColor, string> = {
  1: 'var(--accent)',
  2: 'var(--success)',
  3: 'var(--warning)',
  4: 'var(--danger)',
  5: '#7c4dcc',
  6: '#0f8a8a',
  7: '#c2571a',
  8: 'var(--muted)',
};

export function chartColor(color: ChartColor): string {
  return `var(--chart-${color}, ${FALLBACKS[color]})`;
}

/** The colour of every series: its own slot, or the next free slot in order (wrapping after 8). */
export function seriesColors<Key extends string>(config: ChartConfig<Key>): Record<Key, string> {
  const taken = new Set(Object.values<SeriesConfig>(config).map((series) => series.color).filter(Boolean));
  const free = ([1, 2, 3, 4, 5, 6, 7, 8] as ChartColor[]).filter((slot) => !taken.has(slot));
  let next = 0;
  const colors = {} as Record<Key, string>;
  for (const key of Object.keys(config) as Key[]) {
    const slot = config[key].color ?? (free.length > 0 ? free[next++ % free.length] : (((next++ % 8) + 1) as ChartColor));
    colors[key] = chartColor(slot);
  }
  return colors;
}

/** "12", "1.2k", "3.4M": axis ticks stay short. */
export function compactNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)}G`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}k`;
  return abs >= 10 || value === Math.round(value) ? String(Math.round(value)) : value.toFixed(1);
}

function trim(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

/** HH:MM:SS for ranges under a day's tick spacing, HH:MM otherwise. */
export function timeTick(ms: number, withSeconds: boolean): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return withSeconds ? `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` : `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
