import type { ReactNode } from 'react';

/**
 * Types and pure helpers of the shared data table (data-table.tsx). No React state here, so the server side can use
 * the same sort and filter rules when it pages (a server-paged table and a client-paged one sort alike).
 */
export type SortDirection = 'asc' | 'desc';

export interface SortState {
  columnId: string;
  direction: SortDirection;
}

export interface DataTableColumn<Row> {
  /** Stable id: the sort key sent to a server-paged API, and part of the header's test id (`column-<id>`). */
  id: string;
  header: ReactNode;
  /** What the cell shows. Strings from the wire are rendered as text by React, never as HTML. */
  cell: (row: Row) => ReactNode;
  /** Fixed CSS width ("12rem", "20%"): the layout never moves when live values change. */
  width: string;
  /** Numbers: right-aligned, tabular figures. */
  numeric?: boolean;
  /** Value to sort by in the browser; a column without one (and without `serverSortable`) cannot be sorted. */
  sortValue?: (row: Row) => string | number | undefined;
  /** The server sorts by this column (the table only reports the click through `onSortChange`). */
  serverSortable?: boolean;
  /** Text the filter box matches; defaults to the sortValue when it is a string. */
  filterValue?: (row: Row) => string;
  /** data-testid of each cell of the column. */
  cellTestId?: string;
  /** Extra classes for the cells (e.g. font-mono). */
  className?: string;
}

/** Server-side paging: the API pages, the table shows the page and the pager. Pages count from 1. */
export interface ServerPaging {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
}

export function compareSortValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1; // missing values last, in either direction
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function sortRows<Row>(rows: readonly Row[], columns: readonly DataTableColumn<Row>[], sort: SortState | undefined): Row[] {
  const column = sort ? columns.find((candidate) => candidate.id === sort.columnId) : undefined;
  if (!sort || !column?.sortValue) return [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  const value = column.sortValue;
  // A stable sort, so rows with equal values keep their order and do not jump between refreshes.
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const byValue = compareSortValues(a.key, b.key);
      if (byValue !== 0 && a.key !== undefined && b.key !== undefined) return sign * byValue;
      return byValue !== 0 ? byValue : a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** Rows whose filterable text contains every word of the query (case-insensitive). */
export function filterRows<Row>(rows: readonly Row[], columns: readonly DataTableColumn<Row>[], query: string): Row[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  const texts = columns
    .map((column) => column.filterValue ?? stringSortValue(column.sortValue))
    .filter((text): text is (row: Row) => string => text !== undefined);
  return rows.filter((row) => {
    const haystack = texts.map((text) => text(row).toLowerCase()).join('\u0000');
    return words.every((word) => haystack.includes(word));
  });
}

function stringSortValue<Row>(value: DataTableColumn<Row>['sortValue']): ((row: Row) => string) | undefined {
  if (!value) return undefined;
  return (row) => {
    const key = value(row);
    return typeof key === 'string' ? key : '';
  };
}

/** The next sort after a header click: ascending, then descending, then back to the given default. */
export function nextSort(current: SortState | undefined, columnId: string, initial?: SortState): SortState | undefined {
  if (current?.columnId !== columnId) return { columnId, direction: 'asc' };
  if (current.direction === 'asc') return { columnId, direction: 'desc' };
  return initial;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}
