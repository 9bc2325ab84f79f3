'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { BrokerRow, BrokerRuntimeState } from '@/lib/validations/cluster';
import { BrokerDetailDialog } from './broker-detail-dialog';

/**
 * One row per broker address (rocketmq-dashboard's cluster table): id / role, address, version, produce and consume
 * TPS, yesterday's and today's totals, and a button to its runtime info and config. Everything from the wire, as text.
 */
export function BrokerTable({ clusterId, brokers }: { clusterId: string; brokers: BrokerRow[] }) {
  const text = useText('cluster');
  const format = useFormat();
  const [open, setOpen] = useState<BrokerRow | undefined>();
  const ok = (row: BrokerRow) => (row.runtime.state === 'ok' ? row.runtime : undefined);
  const numberColumn = (id: string, header: string, value: (row: BrokerRow) => number | null | undefined, digits = 0): DataTableColumn<BrokerRow> => ({
    id,
    header,
    width: '7.5%',
    numeric: true,
    cellTestId: `broker-${id}`,
    sortValue: (row) => value(row) ?? undefined,
    cell: (row) => {
      const number = value(row);
      return number === undefined || number === null ? '—' : format.number(number, digits);
    },
  });
  const columns: DataTableColumn<BrokerRow>[] = [
    { id: 'cluster', header: text.columns.cluster, width: '10%', cellTestId: 'broker-cluster', sortValue: (row) => row.cluster, cell: (row) => row.cluster },
    { id: 'name', header: text.columns.brokerName, width: '8%', cellTestId: 'broker-name', className: 'font-medium', sortValue: (row) => row.brokerName, cell: (row) => row.brokerName },
    { id: 'id', header: text.columns.brokerId, width: '3.5%', numeric: true, cellTestId: 'broker-id', sortValue: (row) => row.brokerId, cell: (row) => row.brokerId },
    {
      id: 'role',
      header: text.columns.role,
      width: '6.5%',
      cellTestId: 'broker-role',
      sortValue: (row) => row.role,
      cell: (row) => <Badge tone={row.role === 'master' ? 'accent' : 'neutral'}>{text.roles[row.role]}</Badge>,
    },
    { id: 'address', header: text.columns.address, width: '11.5%', cellTestId: 'broker-address', className: 'font-mono text-xs', sortValue: (row) => row.address, cell: (row) => row.address },
    { id: 'version', header: text.columns.version, width: '7.5%', cellTestId: 'broker-version', cell: (row) => <RuntimeCell runtime={row.runtime} /> },
    numberColumn('put-tps', text.columns.putTps, (row) => ok(row)?.putTps, 2),
    numberColumn('get-tps', text.columns.getTps, (row) => ok(row)?.getTps, 2),
    numberColumn('put-yesterday', text.columns.putYesterday, (row) => ok(row)?.putYesterday),
    numberColumn('get-yesterday', text.columns.getYesterday, (row) => ok(row)?.getYesterday),
    numberColumn('put-today', text.columns.putToday, (row) => ok(row)?.putToday),
    numberColumn('get-today', text.columns.getToday, (row) => ok(row)?.getToday),
    {
      id: 'actions',
      header: text.columns.actions,
      width: '8%',
      cell: (row) => (
        <Button data-testid="broker-open" onClick={() => setOpen(row)}>
          {text.open}
        </Button>
      ),
    },
  ];
  return (
    <>
      <DataTable
        testId="broker-table"
        columns={columns}
        rows={brokers}
        rowKey={(row) => `${row.brokerName}/${row.brokerId}/${row.address}`}
        rowTestId="broker-row"
        rowAttributes={(row) => ({ 'data-broker-name': row.brokerName, 'data-broker-id': row.brokerId })}
      />
      {open ? <BrokerDetailDialog clusterId={clusterId} broker={open} onClose={() => setOpen(undefined)} /> : null}
    </>
  );
}

function RuntimeCell({ runtime }: { runtime: BrokerRuntimeState }) {
  const text = useText('cluster');
  switch (runtime.state) {
    case 'ok':
      return <span className="font-mono text-xs">{runtime.version}</span>;
    case 'unreachable':
      return (
        <Badge tone="warning" title={runtime.message}>
          {text.unreachable}
        </Badge>
      );
    case 'error':
      return (
        <Badge tone="danger" title={runtime.message}>
          {text.runtimeError}: {runtime.message}
        </Badge>
      );
  }
}
