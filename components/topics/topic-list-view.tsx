'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useDebounced } from '@/lib/client/use-debounced';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn, type SortState } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { useTopicList, type TopicListParams } from '@/lib/api/topics';
import { cn } from '@/lib/class-names';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import { TOPIC_TYPES, type TopicRow, type TopicType } from '@/lib/validations/topic';
import { TopicDeleteDialog } from './topic-delete-dialog';
import { TopicFormDialog } from './topic-form-dialog';
import { topicPagePaths } from './topic-paths';
import { TopicTypeBadges } from './topic-type-badges';

const PAGE_SIZE = 50;

/**
 * Every topic of the selected cluster: the server filters (name words, types), sorts and pages, so 5,000 topics cost
 * one page of rows. Type chips show how many topics of each type match the search.
 */
export function TopicListView() {
  const t = useText('topics');
  const format = useFormat();
  const { clusterId } = useSelectedCluster();
  const [search, setSearch] = useState('');
  const [types, setTypes] = useState<TopicType[]>([]);
  const [sort, setSort] = useState<SortState | undefined>({ columnId: 'name', direction: 'asc' });
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<string | undefined>();
  const debouncedSearch = useDebounced(search);
  const params: TopicListParams | undefined = clusterId
    ? { cluster: clusterId, page, pageSize: PAGE_SIZE, search: debouncedSearch, types, sort: (sort?.columnId ?? 'name') as TopicListParams['sort'], dir: sort?.direction ?? 'asc' }
    : undefined;
  const query = useTopicList(params);

  const columns = useMemo<DataTableColumn<TopicRow>[]>(
    () => [
      {
        id: 'name',
        header: t.columns.name,
        width: '34%',
        serverSortable: true,
        cellTestId: 'topic-name',
        cell: (row) => (
          <Link href={topicPagePaths.detail(row.name)} className="font-medium text-accent hover:underline" data-testid="topic-link" title={row.name}>
            {row.name}
          </Link>
        ),
      },
      { id: 'types', header: t.columns.types, width: '14rem', cellTestId: 'topic-types', cell: (row) => <TopicTypeBadges types={row.types} /> },
      { id: 'queues', header: t.columns.queues, width: '8rem', numeric: true, serverSortable: true, cellTestId: 'topic-queues', cell: (row) => `${row.readQueueNums} / ${row.writeQueueNums}` },
      { id: 'perm', header: t.columns.perm, width: '4.5rem', numeric: true, cellTestId: 'topic-perm', cell: (row) => row.perm },
      { id: 'brokers', header: t.columns.brokers, width: '20%', serverSortable: true, cellTestId: 'topic-brokers', cell: (row) => <span title={row.brokerNames.join(', ')}>{row.brokerNames.join(', ')}</span> },
      {
        id: 'actions',
        header: t.columns.actions,
        width: '6.5rem',
        cell: (row) => (
          <Button variant="ghost" data-testid="topic-delete" onClick={() => setDeleting(row.name)}>
            <span className="text-danger">{t.delete}</span>
          </Button>
        ),
      },
    ],
    [t],
  );

  const toggleType = (type: TopicType) => {
    setPage(1);
    setTypes((current) => (current.includes(type) ? current.filter((entry) => entry !== type) : [...current, type]));
  };

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <span className="text-xs text-muted uppercase">{t.typeFilter}</span>
        {TOPIC_TYPES.map((type) => (
          <button
            key={type}
            type="button"
            data-testid={`topic-type-${type}`}
            aria-pressed={types.includes(type)}
            onClick={() => toggleType(type)}
            className={cn(
              'rounded-full border px-2.5 py-0.5 text-xs tabular-nums',
              types.includes(type) ? 'border-accent bg-accent-soft text-accent' : 'border-border text-muted hover:text-foreground',
            )}
          >
            {t.types[type]} <span className="opacity-70">{query.data?.typeCounts[type] ?? 0}</span>
          </button>
        ))}
        <span data-testid="topic-list-summary" className="ml-auto text-sm text-muted tabular-nums">
          {query.data ? `${t.total(query.data.total, query.data.unfilteredTotal)} · ${t.updatedAt(format.time(query.data.fetchedAt))}` : '\u00a0'}
        </span>
        <Button variant="primary" data-testid="create-topic" onClick={() => setCreating(true)} disabled={!clusterId}>
          {t.createTopic}
        </Button>
      </div>
      <DataTable
        testId="topic-table"
        rowTestId="topic-row"
        columns={columns}
        rows={query.data?.rows}
        rowKey={(row) => row.name}
        rowAttributes={(row) => ({ 'data-topic': row.name })}
        error={query.error?.message}
        errorTitle={t.listErrorTitle}
        onRetry={() => void query.refetch()}
        filter={{
          placeholder: t.searchPlaceholder,
          value: search,
          onChange: (value) => {
            setSearch(value);
            setPage(1);
          },
        }}
        sort={sort}
        onSortChange={(next) => {
          setSort(next);
          setPage(1);
        }}
        paging={query.data ? { page: query.data.page, pageSize: PAGE_SIZE, total: query.data.total, onPageChange: setPage } : undefined}
        refreshing={query.isFetching && !query.isPending}
        empty={<EmptyState title={t.emptyTitle} description={t.emptyDescription} testId="topic-table-empty" />}
      />
      {creating && clusterId ? <TopicFormDialog clusterId={clusterId} onClose={() => setCreating(false)} /> : null}
      {deleting && clusterId ? <TopicDeleteDialog clusterId={clusterId} topic={deleting} onClose={() => setDeleting(undefined)} /> : null}
    </>
  );
}
