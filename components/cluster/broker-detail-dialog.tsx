'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { Dialog } from '@/components/ui/dialog';
import { useBrokerKeyValues } from '@/lib/api/clusters';
import { cn } from '@/lib/class-names';
import { useText } from '@/lib/i18n/i18n-provider';
import type { BrokerRow } from '@/lib/validations/cluster';

type Tab = 'runtime' | 'config';

/** A broker's runtime info (every key, refreshed) and config (GET_BROKER_CONFIG), each a searchable key/value table. */
export function BrokerDetailDialog({ clusterId, broker, onClose }: { clusterId: string; broker: BrokerRow; onClose: () => void }) {
  const text = useText('cluster');
  const [tab, setTab] = useState<Tab>('runtime');
  return (
    <Dialog
      open
      size="xl"
      testId="broker-detail"
      title={text.detailTitle(broker.brokerName, broker.address)}
      onClose={onClose}
      footer={<Button onClick={onClose}>{text.close}</Button>}
    >
      <div role="tablist" className="mb-3 flex gap-1 border-b border-border">
        {(['runtime', 'config'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            data-testid={`broker-tab-${name}`}
            onClick={() => setTab(name)}
            className={cn('-mb-px border-b-2 px-3 py-1.5 text-sm', tab === name ? 'border-accent font-medium text-accent' : 'border-transparent text-muted hover:text-foreground')}
          >
            {name === 'runtime' ? text.runtimeTab : text.configTab}
          </button>
        ))}
      </div>
      <KeyValueTable key={tab} clusterId={clusterId} address={broker.address} what={tab} />
    </Dialog>
  );
}

function KeyValueTable({ clusterId, address, what }: { clusterId: string; address: string; what: Tab }) {
  const text = useText('cluster');
  const query = useBrokerKeyValues(clusterId, address, what);
  const columns: DataTableColumn<{ key: string; value: string }>[] = [
    { id: 'key', header: text.key, width: '40%', cellTestId: 'kv-key', className: 'font-mono text-xs', sortValue: (row) => row.key, cell: (row) => <span title={row.key}>{row.key}</span> },
    { id: 'value', header: text.value, width: '60%', cellTestId: 'kv-value', className: 'font-mono text-xs', filterValue: (row) => row.value, cell: (row) => <span title={row.value}>{row.value}</span> },
  ];
  return (
    <DataTable
      testId={`broker-${what}-table`}
      columns={columns}
      rows={query.data?.entries}
      rowKey={(row) => row.key}
      rowTestId="kv-row"
      rowAttributes={(row) => ({ 'data-kv-key': row.key })}
      error={query.isError ? query.error.message : undefined}
      errorTitle={what === 'runtime' ? text.runtimeError2 : text.configError}
      onRetry={() => void query.refetch()}
      filter={{ placeholder: text.searchKeys }}
      initialSort={{ columnId: 'key', direction: 'asc' }}
      refreshing={query.isFetching && !query.isPending}
    />
  );
}
