import type { Formatters } from '@/lib/i18n/format';

/** Lag in time for a cell: the duration, or the "nothing behind" dash when there is no backlog. */
export function lagTimeText(format: Formatters, seconds: number | null, none: string): string {
  return seconds === null ? none : format.duration(seconds);
}

/** Tone of a lag badge: quiet at zero, a warning when behind, danger past five minutes. */
export function lagTone(diff: number, seconds: number | null): 'neutral' | 'warning' | 'danger' {
  if (diff <= 0) return 'neutral';
  return seconds !== null && seconds > 300 ? 'danger' : 'warning';
}
