'use client';

import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { useTopicStatus } from '@/lib/api/topics';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { QueueStatus } from '@/lib/validations/topic-detail';

/** Min / max offset and last update of every queue (rocketmq-dashboard's topic STATUS), refreshed every few seconds. */
export function TopicStatusTable({ clusterId, topic }: { clusterId: string; topic: string }) {
  const t = useText('topics');
  const format = useFormat();
  const query = useTopicStatus(clusterId, topic);
  const queues = query.data?.queues;
  const columns: DataTableColumn<QueueStatus>[] = [
    { id: 'broker', header: t.status.broker, width: '25%', sortValue: (row) => row.brokerName, cell: (row) => row.brokerName },
    { id: 'queue', header: t.status.queue, width: '6rem', numeric: true, cellTestId: 'status-queue', sortValue: (row) => row.queueId, cell: (row) => row.queueId },
    { id: 'min', header: t.status.minOffset, width: '9rem', numeric: true, cellTestId: 'status-min', sortValue: (row) => row.minOffset, cell: (row) => format.number(row.minOffset) },
    { id: 'max', header: t.status.maxOffset, width: '9rem', numeric: true, cellTestId: 'status-max', sortValue: (row) => row.maxOffset, cell: (row) => format.number(row.maxOffset) },
    { id: 'count', header: t.status.messages, width: '9rem', numeric: true, sortValue: (row) => row.maxOffset - row.minOffset, cell: (row) => format.number(row.maxOffset - row.minOffset) },
    {
      id: 'last',
      header: t.status.lastUpdate,
      width: '13rem',
      sortValue: (row) => row.lastUpdateTimestamp,
      cell: (row) => (row.lastUpdateTimestamp > 0 ? format.dateTime(row.lastUpdateTimestamp) : t.status.never),
    },
  ];
  const stored = queues?.reduce((sum, row) => sum + row.maxOffset - row.minOffset, 0) ?? 0;
  return (
    <>
      <p data-testid="topic-status-totals" className="mb-2 text-sm text-muted tabular-nums">
        {queues ? t.status.totals(queues.length, format.number(stored)) : '\u00a0'}
      </p>
      <DataTable
        testId="topic-status-table"
        rowTestId="status-row"
        columns={columns}
        rows={queues}
        rowKey={(row) => `${row.brokerName}/${row.queueId}`}
        rowAttributes={(row) => ({ 'data-broker': row.brokerName, 'data-queue': row.queueId })}
        error={query.error?.message}
        errorTitle={t.status.errorTitle}
        onRetry={() => void query.refetch()}
        refreshing={query.isFetching && !query.isPending}
      />
    </>
  );
}
