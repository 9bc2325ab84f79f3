'use client';

import { useMemo } from 'react';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { GroupDetail, QueueLag, TopicLag } from '@/lib/validations/group';
import { lagTimeText } from './lag-format';

/** Lag per topic and per queue (rocketmq-dashboard's consume detail), fixed widths so polling never shifts them. */
export function GroupTopicTable({ detail }: { detail: GroupDetail | undefined }) {
  const t = useText('consumers');
  const common = useText('common');
  const format = useFormat();
  const columns = useMemo<DataTableColumn<TopicLag>[]>(
    () => [
      { id: 'topic', header: t.columns.topic, width: '40%', sortValue: (row) => row.topic, cellTestId: 'topic-lag-topic', cell: (row) => row.topic },
      { id: 'diff', header: t.columns.lag, width: '20%', numeric: true, sortValue: (row) => row.diff, cellTestId: 'topic-lag-diff', cell: (row) => format.number(row.diff) },
      { id: 'lagSeconds', header: t.columns.lagTime, width: '20%', numeric: true, sortValue: (row) => row.lagSeconds ?? undefined, cell: (row) => lagTimeText(format, row.lagSeconds, common.none) },
      { id: 'lastTimestamp', header: t.columns.lastConsumed, width: '20%', sortValue: (row) => row.lastTimestamp, cell: (row) => (row.lastTimestamp > 0 ? format.dateTime(row.lastTimestamp) : common.none) },
    ],
    [t, common, format],
  );
  return (
    <DataTable
      testId="topic-lag-table"
      rowTestId="topic-lag-row"
      columns={columns}
      rows={detail?.topics}
      rowKey={(row) => row.topic}
      rowAttributes={(row) => ({ 'data-topic': row.topic })}
      initialSort={{ columnId: 'topic', direction: 'asc' }}
      empty={<EmptyState title={t.queuesEmpty} testId="topic-lag-empty" />}
      skeletonRows={2}
    />
  );
}

export function GroupQueueTable({ detail }: { detail: GroupDetail | undefined }) {
  const t = useText('consumers');
  const common = useText('common');
  const format = useFormat();
  const columns = useMemo<DataTableColumn<QueueLag>[]>(
    () => [
      { id: 'topic', header: t.columns.topic, width: '20%', sortValue: (row) => row.topic, cell: (row) => row.topic },
      { id: 'broker', header: t.columns.broker, width: '9rem', sortValue: (row) => row.brokerName, cell: (row) => row.brokerName },
      { id: 'queue', header: t.columns.queue, width: '5rem', numeric: true, sortValue: (row) => row.queueId, cell: (row) => row.queueId },
      { id: 'client', header: t.columns.client, width: '18%', sortValue: (row) => row.clientId, className: 'font-mono text-xs', cell: (row) => row.clientId ?? t.unassigned },
      { id: 'brokerOffset', header: t.columns.brokerOffset, width: '8rem', numeric: true, sortValue: (row) => row.brokerOffset, cellTestId: 'queue-broker-offset', cell: (row) => format.number(row.brokerOffset) },
      { id: 'consumerOffset', header: t.columns.consumerOffset, width: '8rem', numeric: true, sortValue: (row) => row.consumerOffset, cellTestId: 'queue-consumer-offset', cell: (row) => format.number(row.consumerOffset) },
      { id: 'diff', header: t.columns.lag, width: '6rem', numeric: true, sortValue: (row) => row.diff, cellTestId: 'queue-lag', cell: (row) => format.number(row.diff) },
      { id: 'lagSeconds', header: t.columns.lagTime, width: '8rem', numeric: true, sortValue: (row) => row.lagSeconds ?? undefined, cell: (row) => lagTimeText(format, row.lagSeconds, common.none) },
      { id: 'lastTimestamp', header: t.columns.lastConsumed, width: '11rem', sortValue: (row) => row.lastTimestamp, cell: (row) => (row.lastTimestamp > 0 ? format.dateTime(row.lastTimestamp) : common.none) },
    ],
    [t, common, format],
  );
  return (
    <DataTable
      testId="queue-lag-table"
      rowTestId="queue-lag-row"
      columns={columns}
      rows={detail?.queues}
      rowKey={(row) => `${row.topic}/${row.brokerName}/${row.queueId}`}
      rowAttributes={(row) => ({ 'data-topic': row.topic, 'data-queue': row.queueId, 'data-broker': row.brokerName })}
      initialSort={{ columnId: 'topic', direction: 'asc' }}
      filter={{}}
      empty={<EmptyState title={t.queuesEmpty} testId="queue-lag-empty" />}
      pageSize={50}
      skeletonRows={4}
    />
  );
}
