/**
 * Contract between benchmark modules and scripts/bench.mjs. Each `broker-core/bench/*.bench.ts` exports
 * `run(): Promise<BenchSection>`; `npm run bench` runs them (compiled, in separate processes) and writes
 * BENCHMARKS.md, one section per module. `npm run bench -- store` runs only modules whose name contains "store"
 * and keeps the other sections of BENCHMARKS.md as they were.
 */
export interface BenchRow {
  metric: string;
  /** Median over the runs, already rounded for display. */
  value: number | string;
  unit: string;
  /** The target from the issue, e.g. ">= 50% of disk write rate". */
  target?: string;
  /** Whether the target was met; omit when there is no target. */
  met?: boolean;
  note?: string;
}

export interface BenchSection {
  title: string;
  /** What the rows measure and how (message size, concurrency, runs, which client). */
  description: string;
  rows: BenchRow[];
  notes?: string[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index];
}
