'use client';

/**
 * DataTable — the console's one table (engineer B's Consumers / Messages / DLQ pages use it too). API, kept stable:
 *
 *   <DataTable
 *     testId="topic-table"                       // root; rows are `${rowTestId}` (default "data-row")
 *     columns={[{ id, header, cell, width, numeric?, sortValue?, serverSortable?, filterValue?, cellTestId? }]}
 *     rows={data?.rows}                          // undefined = first load: skeleton rows
 *     rowKey={(row) => row.name}
 *     rowAttributes={(row) => ({ 'data-topic': row.name })}   // extra data-* attributes for tests
 *     error={query.error?.message} onRetry={...} // shown in place of the rows, with the server's message
 *     empty={<EmptyState .../>}                  // shown when rows = []
 *     filter={{ placeholder }}                   // client filter box over filterValue / string sortValues
 *     filter={{ value, onChange }}               // ...or controlled: the server filters
 *     initialSort={{ columnId, direction }}      // client sort by sortValue
 *     sort={...} onSortChange={...}              // ...or controlled: the server sorts (serverSortable columns)
 *     pageSize={50}                              // client paging, or paging={{ page, pageSize, total, onPageChange }}
 *     refreshing={query.isFetching}              // small marker in the filter bar; rows stay in place meanwhile
 *     toolbar={<Button/>}                        // right side of the filter bar
 *     onRowClick={(row) => ...}
 *   />
 *
 * Layout is `table-fixed` with the columns' widths, numbers use tabular figures, and callers keep the previous data
 * while refetching (react-query placeholderData: keepPreviousData), so polling never shifts the page.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { cn } from '@/lib/class-names';
import { DataTablePager } from './data-table-pager';
import { useText } from '@/lib/i18n/i18n-provider';
import { filterRows, nextSort, sortRows, type DataTableColumn, type ServerPaging, type SortState } from './data-table-types';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';
import { Skeleton } from './skeleton';

export type { DataTableColumn, ServerPaging, SortState } from './data-table-types';

export interface DataTableProps<Row> {
  testId: string;
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string;
  rowTestId?: string;
  rowAttributes?: (row: Row) => Record<`data-${string}`, string | number | undefined>;
  error?: string | null;
  errorTitle?: string;
  onRetry?: () => void;
  empty?: ReactNode;
  filter?: { placeholder?: string; value?: string; onChange?: (value: string) => void };
  initialSort?: SortState;
  sort?: SortState;
  onSortChange?: (sort: SortState | undefined) => void;
  pageSize?: number;
  paging?: ServerPaging;
  refreshing?: boolean;
  toolbar?: ReactNode;
  skeletonRows?: number;
  onRowClick?: (row: Row) => void;
  /** Marks the clicked / opened row. */
  selectedKey?: string;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { testId, columns, rows, rowKey, rowTestId = 'data-row', filter, paging, pageSize } = props;
  const text = useText('dataTable');
  const [localFilter, setLocalFilter] = useState('');
  const [localSort, setLocalSort] = useState<SortState | undefined>(props.initialSort);
  const [localPage, setLocalPage] = useState(1);
  const serverFiltered = filter?.onChange !== undefined;
  const serverSorted = props.onSortChange !== undefined;
  const filterValue = serverFiltered ? (filter?.value ?? '') : localFilter;
  const sort = serverSorted ? props.sort : localSort;

  const visible = useMemo(() => {
    if (!rows) return undefined;
    const filtered = serverFiltered ? [...rows] : filterRows(rows, columns, filterValue);
    return serverSorted ? filtered : sortRows(filtered, columns, sort);
  }, [rows, columns, filterValue, serverFiltered, serverSorted, sort]);

  const clientPages = !paging && pageSize !== undefined && visible !== undefined;
  const page = clientPages ? Math.min(localPage, Math.max(1, Math.ceil(visible.length / pageSize))) : 1;
  const shown = clientPages ? visible.slice((page - 1) * pageSize, page * pageSize) : visible;

  const onHeaderClick = (column: DataTableColumn<Row>) => {
    const next = nextSort(sort, column.id, serverSorted ? undefined : props.initialSort);
    if (serverSorted) props.onSortChange?.(next);
    else setLocalSort(next);
  };

  return (
    <div data-testid={testId} className="overflow-hidden rounded-md border border-border bg-surface">
      {filter || props.toolbar ? (
        <div className="flex items-center gap-2 border-b border-border px-3 py-2">
          {filter ? (
            <input
              type="search"
              data-testid={`${testId}-filter`}
              aria-label={filter.placeholder ?? text.filterPlaceholder}
              placeholder={filter.placeholder ?? text.filterPlaceholder}
              value={filterValue}
              onChange={(event) => {
                setLocalPage(1);
                if (serverFiltered) filter.onChange?.(event.target.value);
                else setLocalFilter(event.target.value);
              }}
              className="h-8 w-72 rounded-md border border-border bg-surface px-2 text-sm outline-none focus:border-accent"
            />
          ) : null}
          <span aria-live="polite" data-testid={`${testId}-refreshing`} className={cn('text-xs text-muted', props.refreshing ? 'visible' : 'invisible')}>
            {text.refreshing}
          </span>
          <div className="ml-auto flex items-center gap-2">{props.toolbar}</div>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full table-fixed border-collapse text-left text-sm">
          <colgroup>
            {columns.map((column) => (
              <col key={column.id} style={{ width: column.width }} />
            ))}
          </colgroup>
          <thead className="border-b border-border bg-surface-muted text-xs tracking-wide text-muted uppercase">
            <tr>
              {columns.map((column) => {
                const sortable = serverSorted ? column.serverSortable : column.sortValue !== undefined;
                const direction = sort?.columnId === column.id ? sort.direction : undefined;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    data-testid={`column-${column.id}`}
                    aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
                    className={cn('px-3 py-2 align-bottom font-medium break-words', column.numeric && 'text-right')}
                  >
                    {sortable ? (
                      <button type="button" onClick={() => onHeaderClick(column)} className="inline-flex items-center gap-1 uppercase hover:text-foreground">
                        {column.header}
                        <span aria-hidden className="inline-block w-2">
                          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {props.error ? (
              <FullWidthRow span={columns.length}>
                <ErrorState title={props.errorTitle ?? text.errorTitle} message={props.error} retryLabel={text.retry} onRetry={props.onRetry} testId={`${testId}-error`} />
              </FullWidthRow>
            ) : !shown ? (
              Array.from({ length: props.skeletonRows ?? 5 }, (_, index) => (
                <tr key={index} data-testid={`${testId}-skeleton`} aria-label={text.loading}>
                  {columns.map((column) => (
                    <td key={column.id} className="px-3 py-2">
                      <Skeleton className="h-5 w-full" />
                    </td>
                  ))}
                </tr>
              ))
            ) : shown.length === 0 ? (
              <FullWidthRow span={columns.length}>
                {rows && rows.length > 0 && !serverFiltered ? (
                  <EmptyState title={text.noMatchTitle} testId={`${testId}-no-match`} />
                ) : (
                  (props.empty ?? <EmptyState title={text.emptyTitle} testId={`${testId}-empty`} />)
                )}
              </FullWidthRow>
            ) : (
              shown.map((row) => {
                const key = rowKey(row);
                return (
                  <tr
                    key={key}
                    data-testid={rowTestId}
                    data-key={key}
                    {...props.rowAttributes?.(row)}
                    aria-selected={props.selectedKey !== undefined ? props.selectedKey === key : undefined}
                    onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
                    className={cn('hover:bg-surface-muted/60', props.onRowClick && 'cursor-pointer', props.selectedKey === key && 'bg-accent-soft')}
                  >
                    {columns.map((column) => (
                      <td
                        key={column.id}
                        data-testid={column.cellTestId}
                        className={cn('truncate px-3 py-2 align-middle', column.numeric && 'text-right tabular-nums', column.className)}
                      >
                        {column.cell(row)}
                      </td>
                    ))}
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      {paging ? (
        <DataTablePager testId={testId} page={paging.page} pageSize={paging.pageSize} total={paging.total} onPageChange={paging.onPageChange} />
      ) : clientPages && visible.length > pageSize ? (
        <DataTablePager testId={testId} page={page} pageSize={pageSize} total={visible.length} onPageChange={setLocalPage} />
      ) : null}
    </div>
  );
}

function FullWidthRow({ span, children }: { span: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={span} className="p-3">
        {children}
      </td>
    </tr>
  );
}
