import { z } from 'zod';

/**
 * Time ranges. The live charts pick one of three named windows (the sampler keeps 5 s samples for the last hour and
 * one sample a minute for today); other views ask for an explicit `[from, to]` in epoch ms.
 */
export const METRICS_RANGES = ['5m', '1h', 'today'] as const;
export const metricsRangeSchema = z.enum(METRICS_RANGES, { error: 'range must be 5m, 1h or today' });
export type MetricsRange = z.infer<typeof metricsRangeSchema>;

/** Start of a named range (epoch ms) at `now`: 5 minutes ago, an hour ago, or local midnight. */
export function rangeStart(range: MetricsRange, now: number = Date.now()): number {
  switch (range) {
    case '5m':
      return now - 5 * 60_000;
    case '1h':
      return now - 60 * 60_000;
    case 'today': {
      const midnight = new Date(now);
      midnight.setHours(0, 0, 0, 0);
      return midnight.getTime();
    }
  }
}

export const MAX_TIME_RANGE_MS = 31 * 24 * 3600_000;

/** `from`..`to` in epoch ms: from before to, at most 31 days apart. */
export const timeRangeSchema = z
  .object({
    from: z.coerce.number({ error: 'from must be a time (epoch ms)' }).int('from must be whole milliseconds').min(0, 'from must not be negative'),
    to: z.coerce.number({ error: 'to must be a time (epoch ms)' }).int('to must be whole milliseconds').min(0, 'to must not be negative'),
  })
  .refine((range) => range.from < range.to, { message: 'from must be before to', path: ['from'] })
  .refine((range) => range.to - range.from <= MAX_TIME_RANGE_MS, { message: 'the time range is at most 31 days', path: ['to'] });
export type TimeRange = z.infer<typeof timeRangeSchema>;
