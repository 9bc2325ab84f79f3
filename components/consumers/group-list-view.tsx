'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn, type SortState } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { CheckboxField } from '@/components/ui/form-field';
import { consumerPagePaths, useGroupList, type GroupListParams } from '@/lib/api/consumers';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { GroupSortKey, GroupSummary } from '@/lib/validations/group';
import { GroupConfigDialog } from './group-config-dialog';
import { lagTimeText } from './lag-format';
import { useDebounced } from '@/lib/client/use-debounced';

const PAGE_SIZE = 50;

/** Every subscription group of the selected cluster, paged, filtered and sorted by the server. */
export function GroupListView() {
  const t = useText('consumers');
  const common = useText('common');
  const format = useFormat();
  const { clusterId } = useSelectedCluster();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState | undefined>({ columnId: 'group', direction: 'asc' });
  const [page, setPage] = useState(1);
  const [system, setSystem] = useState(false);
  const [creating, setCreating] = useState(false);
  const debouncedFilter = useDebounced(filter);
  const params: GroupListParams | undefined = clusterId
    ? { cluster: clusterId, page, pageSize: PAGE_SIZE, filter: debouncedFilter, sort: (sort?.columnId ?? 'group') as GroupSortKey, dir: sort?.direction ?? 'asc', system }
    : undefined;
  const query = useGroupList(params);

  const columns = useMemo<DataTableColumn<GroupSummary>[]>(
    () => [
      {
        id: 'group',
        header: t.columns.group,
        width: '26%',
        serverSortable: true,
        cellTestId: 'group-name',
        cell: (row) => (
          <Link href={consumerPagePaths.group(row.group)} className="font-medium text-accent hover:underline" data-testid="group-link">
            {row.group}
          </Link>
        ),
      },
      { id: 'clientCount', header: t.columns.clients, width: '7rem', numeric: true, serverSortable: true, cellTestId: 'group-clients', cell: (row) => format.number(row.clientCount) },
      { id: 'version', header: t.columns.version, width: '7rem', cellTestId: 'group-version', cell: (row) => row.version ?? common.none },
      { id: 'consumeType', header: t.columns.consumeType, width: '11rem', serverSortable: true, cell: (row) => row.consumeType ?? common.none },
      { id: 'messageModel', header: t.columns.messageModel, width: '8rem', serverSortable: true, cell: (row) => row.messageModel ?? common.none },
      { id: 'consumeTps', header: t.columns.tps, width: '6rem', numeric: true, serverSortable: true, cellTestId: 'group-tps', cell: (row) => format.number(row.consumeTps, 1) },
      { id: 'diffTotal', header: t.columns.lag, width: '7rem', numeric: true, serverSortable: true, cellTestId: 'group-lag', cell: (row) => format.number(row.diffTotal) },
      { id: 'lagSeconds', header: t.columns.lagTime, width: '9rem', numeric: true, serverSortable: true, cellTestId: 'group-lag-time', cell: (row) => lagTimeText(format, row.lagSeconds, common.none) },
    ],
    [t, common, format],
  );

  return (
    <>
      <div className="mb-3 flex items-center justify-between gap-3 text-sm text-muted">
        <span data-testid="group-list-summary" className="tabular-nums">
          {query.data ? `${t.total(query.data.total)} · ${t.updatedAt(format.time(query.data.fetchedAt))}` : '\u00a0'}
        </span>
        <Button variant="primary" data-testid="create-group" onClick={() => setCreating(true)} disabled={!clusterId}>
          {t.createGroup}
        </Button>
      </div>
      <DataTable
        testId="group-table"
        rowTestId="group-row"
        columns={columns}
        rows={query.data?.rows}
        rowKey={(row) => row.group}
        rowAttributes={(row) => ({ 'data-group': row.group })}
        error={query.error?.message}
        errorTitle={t.listErrorTitle}
        onRetry={() => void query.refetch()}
        empty={<EmptyState title={t.emptyTitle} description={t.emptyDescription} testId="group-table-empty" />}
        filter={{
          placeholder: t.filterPlaceholder,
          value: filter,
          onChange: (value) => {
            setFilter(value);
            setPage(1);
          },
        }}
        sort={sort}
        onSortChange={(next) => {
          setSort(next);
          setPage(1);
        }}
        paging={query.data ? { page, pageSize: PAGE_SIZE, total: query.data.total, onPageChange: setPage } : undefined}
        refreshing={query.isFetching}
        toolbar={
          <CheckboxField
            label={t.showSystem}
            data-testid="show-system-groups"
            checked={system}
            onChange={(event) => {
              setSystem(event.target.checked);
              setPage(1);
            }}
          />
        }
      />
      {creating && clusterId ? <GroupConfigDialog clusterId={clusterId} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
