import type { ReactNode } from 'react';

export function PageHeader({ title, summary, actions }: { title: string; summary?: string; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 data-testid="page-title" className="text-xl font-semibold">
          {title}
        </h1>
        {summary ? <p className="mt-1 text-sm text-muted">{summary}</p> : null}
      </div>
      {actions}
    </div>
  );
}
