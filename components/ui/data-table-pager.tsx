'use client';

import { Button } from './button';
import { pageCount } from './data-table-types';
import { useText } from '@/lib/i18n/i18n-provider';

/** "1–50 of 5000 · Page 1 of 100 · Previous / Next"; tabular figures so the bar keeps its width. */
export function DataTablePager({
  page,
  pageSize,
  total,
  onPageChange,
  testId,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  testId: string;
}) {
  const text = useText('dataTable');
  const pages = pageCount(total, pageSize);
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div data-testid={`${testId}-pager`} className="flex items-center justify-end gap-3 border-t border-border px-3 py-2 text-xs text-muted tabular-nums">
      <span data-testid={`${testId}-range`}>{text.rowsTotal(from, to, total)}</span>
      <span data-testid={`${testId}-page`}>{text.pageOf(page, pages)}</span>
      <Button data-testid={`${testId}-previous`} disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
        {text.previous}
      </Button>
      <Button data-testid={`${testId}-next`} disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
        {text.next}
      </Button>
    </div>
  );
}
