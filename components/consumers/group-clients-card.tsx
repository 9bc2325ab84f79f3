'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { useText } from '@/lib/i18n/i18n-provider';
import type { ConsumerClient, GroupDetail, Subscription } from '@/lib/validations/group';
import { ClientRunningInfoDialog } from './client-running-info-dialog';

/** The group's online clients (each with its running info on demand) and the subscriptions they registered. */
export function GroupClientsCard({ clusterId, detail }: { clusterId: string; detail: GroupDetail | undefined }) {
  const t = useText('consumers');
  const [openClient, setOpenClient] = useState<string | undefined>();
  const columns = useMemo<DataTableColumn<ConsumerClient>[]>(
    () => [
      { id: 'clientId', header: t.columns.clientId, width: '34%', sortValue: (row) => row.clientId, className: 'font-mono text-xs', cellTestId: 'client-id', cell: (row) => row.clientId },
      { id: 'address', header: t.columns.address, width: '18%', sortValue: (row) => row.clientAddr, className: 'font-mono text-xs', cell: (row) => row.clientAddr },
      { id: 'language', header: t.columns.language, width: '12%', sortValue: (row) => row.language, cell: (row) => row.language },
      { id: 'version', header: t.columns.version, width: '12%', sortValue: (row) => row.version, cell: (row) => row.version },
      {
        id: 'actions',
        header: '',
        width: '10rem',
        cell: (row) => (
          <Button data-testid="client-running-info" onClick={() => setOpenClient(row.clientId)}>
            {t.runningInfo}
          </Button>
        ),
      },
    ],
    [t],
  );
  return (
    <>
      <DataTable
        testId="client-table"
        rowTestId="client-row"
        columns={columns}
        rows={detail?.clients}
        rowKey={(row) => row.clientId}
        initialSort={{ columnId: 'clientId', direction: 'asc' }}
        empty={<EmptyState title={t.clientsEmpty} testId="client-table-empty" />}
        skeletonRows={1}
      />
      {openClient && detail ? <ClientRunningInfoDialog clusterId={clusterId} group={detail.group} clientId={openClient} onClose={() => setOpenClient(undefined)} /> : null}
    </>
  );
}

export function SubscriptionTable({ subscriptions, testId }: { subscriptions: Subscription[] | undefined; testId: string }) {
  const t = useText('consumers');
  const columns = useMemo<DataTableColumn<Subscription>[]>(
    () => [
      { id: 'topic', header: t.columns.topic, width: '45%', sortValue: (row) => row.topic, cellTestId: 'subscription-topic', cell: (row) => row.topic },
      { id: 'type', header: t.columns.expressionType, width: '15%', cell: (row) => row.expressionType },
      { id: 'expression', header: t.columns.expression, width: '40%', className: 'font-mono text-xs', cell: (row) => row.subString },
    ],
    [t],
  );
  return (
    <DataTable
      testId={testId}
      rowTestId="subscription-row"
      columns={columns}
      rows={subscriptions}
      rowKey={(row) => row.topic}
      initialSort={{ columnId: 'topic', direction: 'asc' }}
      empty={<EmptyState title={t.subscriptionsEmpty} testId={`${testId}-empty`} />}
      skeletonRows={1}
    />
  );
}
