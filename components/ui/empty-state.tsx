import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  testId?: string;
}

/** "Nothing here" said plainly, in place of an empty table. */
export function EmptyState({ title, description, testId }: EmptyStateProps) {
  return (
    <div data-testid={testId} className="rounded-md border border-dashed border-border px-6 py-10 text-center">
      <p className="font-medium">{title}</p>
      {description ? <p className="mx-auto mt-1 max-w-prose text-sm text-muted">{description}</p> : null}
    </div>
  );
}
