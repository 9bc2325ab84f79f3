'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { useTopicConsumers } from '@/lib/api/topics';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { TopicConsumers } from '@/lib/validations/topic-detail';
import { ResetOffsetDialog } from './reset-offset-dialog';

type Consumer = TopicConsumers['groups'][number];

/** Groups consuming the topic with their lag on it (rocketmq-dashboard's CONSUMER MANAGE), and the offset actions. */
export function TopicConsumersView({ clusterId, topic }: { clusterId: string; topic: string }) {
  const t = useText('topics');
  const common = useText('common');
  const format = useFormat();
  const query = useTopicConsumers(clusterId, topic);
  const [resetting, setResetting] = useState<{ group: string; skip: boolean } | undefined>();
  const columns: DataTableColumn<Consumer>[] = [
    { id: 'group', header: t.consumers.group, width: '28%', cellTestId: 'consumer-group', sortValue: (row) => row.group, cell: (row) => <span title={row.error ?? row.group}>{row.group}</span> },
    { id: 'lag', header: t.consumers.lag, width: '8rem', numeric: true, cellTestId: 'consumer-lag', sortValue: (row) => row.lag, cell: (row) => (row.error ? row.error : format.number(row.lag)) },
    { id: 'tps', header: t.consumers.tps, width: '8rem', numeric: true, sortValue: (row) => row.consumeTps, cell: (row) => format.number(row.consumeTps, 1) },
    { id: 'queues', header: t.consumers.queues, width: '6rem', numeric: true, cell: (row) => row.queues },
    { id: 'last', header: t.consumers.lastConsumed, width: '12rem', sortValue: (row) => row.lastConsumeTimestamp, cell: (row) => (row.lastConsumeTimestamp > 0 ? format.dateTime(row.lastConsumeTimestamp) : common.none) },
    {
      id: 'actions',
      header: common.actions,
      width: '15rem',
      cell: (row) => (
        <span className="inline-flex gap-1">
          <Button data-testid="consumer-reset" onClick={() => setResetting({ group: row.group, skip: false })}>
            {t.consumers.reset}
          </Button>
          <Button data-testid="consumer-skip" onClick={() => setResetting({ group: row.group, skip: true })}>
            {t.consumers.skip}
          </Button>
        </span>
      ),
    },
  ];
  return (
    <>
      <DataTable
        testId="topic-consumers-table"
        rowTestId="consumer-row"
        columns={columns}
        rows={query.data?.groups}
        rowKey={(row) => row.group}
        rowAttributes={(row) => ({ 'data-group': row.group })}
        error={query.error?.message}
        errorTitle={t.consumers.errorTitle}
        onRetry={() => void query.refetch()}
        initialSort={{ columnId: 'group', direction: 'asc' }}
        refreshing={query.isFetching && !query.isPending}
        empty={<EmptyState title={t.consumers.none} testId="topic-consumers-empty" />}
      />
      {resetting ? <ResetOffsetDialog clusterId={clusterId} topic={topic} group={resetting.group} skip={resetting.skip} onClose={() => setResetting(undefined)} /> : null}
    </>
  );
}
