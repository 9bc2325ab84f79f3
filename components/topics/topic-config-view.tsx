'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { useTopicConfig } from '@/lib/api/topics';
import { useText } from '@/lib/i18n/i18n-provider';
import type { TopicConfigList } from '@/lib/validations/topic-detail';
import { TopicFormDialog } from './topic-form-dialog';

type BrokerConfig = TopicConfigList['brokers'][number];

/** The topic's config on each master (rocketmq-dashboard's TOPIC CONFIG), and the update form prefilled with it. */
export function TopicConfigView({ clusterId, topic }: { clusterId: string; topic: string }) {
  const t = useText('topics');
  const common = useText('common');
  const query = useTopicConfig(clusterId, topic);
  const [editing, setEditing] = useState(false);
  const first = query.data?.brokers.find((broker) => broker.config)?.config;
  const value = (pick: (config: NonNullable<BrokerConfig['config']>) => string | number) => (row: BrokerConfig) => (row.config ? pick(row.config) : (row.error ?? common.none));
  const columns: DataTableColumn<BrokerConfig>[] = [
    { id: 'broker', header: t.config.broker, width: '16%', cellTestId: 'config-broker', cell: (row) => row.brokerName },
    { id: 'address', header: t.config.address, width: '16%', className: 'font-mono text-xs', cell: (row) => row.brokerAddr },
    { id: 'read', header: t.config.read, width: '8rem', numeric: true, cellTestId: 'config-read', cell: value((config) => config.readQueueNums) },
    { id: 'write', header: t.config.write, width: '8rem', numeric: true, cellTestId: 'config-write', cell: value((config) => config.writeQueueNums) },
    { id: 'perm', header: t.config.perm, width: '5rem', numeric: true, cellTestId: 'config-perm', cell: value((config) => config.perm) },
    { id: 'order', header: t.config.order, width: '5rem', cell: value((config) => (config.order ? common.yes : common.no)) },
    { id: 'filter', header: t.config.filterType, width: '8rem', cell: value((config) => config.topicFilterType) },
    { id: 'flag', header: t.config.sysFlag, width: '6rem', numeric: true, cell: value((config) => config.topicSysFlag) },
    {
      id: 'attributes',
      header: t.config.attributes,
      width: '14%',
      cell: value((config) =>
        Object.entries(config.attributes ?? {})
          .map(([key, attribute]) => `${key}=${attribute}`)
          .join(', '),
      ),
    },
  ];
  return (
    <>
      <div className="mb-2 flex justify-end">
        <Button variant="primary" data-testid="topic-edit" disabled={!first} onClick={() => setEditing(true)}>
          {t.config.edit}
        </Button>
      </div>
      <DataTable
        testId="topic-config-table"
        rowTestId="config-row"
        columns={columns}
        rows={query.data?.brokers}
        rowKey={(row) => row.brokerAddr}
        error={query.error?.message}
        errorTitle={t.config.errorTitle}
        onRetry={() => void query.refetch()}
      />
      {editing && first && query.data ? (
        <TopicFormDialog
          clusterId={clusterId}
          onClose={() => setEditing(false)}
          initial={{
            topicName: topic,
            readQueueNums: first.readQueueNums,
            writeQueueNums: first.writeQueueNums,
            perm: first.perm,
            order: first.order,
            clusterNames: [],
            brokerNames: query.data.brokers.filter((broker) => broker.config).map((broker) => broker.brokerName),
          }}
        />
      ) : null}
    </>
  );
}
