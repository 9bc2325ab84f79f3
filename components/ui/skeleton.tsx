import { cn } from '@/lib/class-names';

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn('animate-pulse rounded bg-surface-muted', className)} />;
}

/** Placeholder rows while a table's first answer is on its way. */
export function TableSkeleton({ rows = 3, label, testId }: { rows?: number; label: string; testId?: string }) {
  return (
    <div role="status" aria-label={label} data-testid={testId} className="space-y-2">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className="h-8 w-full" />
      ))}
    </div>
  );
}
