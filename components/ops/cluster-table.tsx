'use client';

import { useMemo, useState } from 'react';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { useOpsClusters, useRemoveCluster } from '@/lib/api/ops';
import { useText } from '@/lib/i18n/i18n-provider';
import type { ClusterProbe, OpsCluster } from '@/lib/validations/ops';

/** Every registry entry with where it comes from and whether it answers; choose one, remove added ones. */
export function ClusterTable() {
  const t = useText('ops');
  const shell = useText('shell');
  const common = useText('common');
  const clusters = useOpsClusters();
  const { clusterId, setClusterId } = useSelectedCluster();
  const [removing, setRemoving] = useState<OpsCluster | undefined>();
  const columns = useMemo<DataTableColumn<OpsCluster>[]>(
    () => [
      { id: 'name', header: t.columns.name, width: '18%', sortValue: (row) => row.name, cellTestId: 'ops-cluster-name', cell: (row) => (row.embedded ? shell.embeddedClusterName : row.name) },
      { id: 'namesrvAddr', header: t.columns.namesrvAddr, width: '22%', sortValue: (row) => row.namesrvAddr, className: 'font-mono text-xs', cellTestId: 'ops-cluster-addr', cell: (row) => row.namesrvAddr },
      { id: 'source', header: t.columns.source, width: '9rem', sortValue: (row) => row.source, cell: (row) => <Badge>{t.sources[row.source]}</Badge> },
      { id: 'status', header: t.columns.status, width: '30%', cellTestId: 'ops-cluster-status', cell: (row) => <ProbeBadge probe={row.probe} /> },
      {
        id: 'actions',
        header: t.columns.actions,
        width: '12rem',
        cell: (row) => (
          <div className="flex gap-2">
            {row.id === clusterId ? (
              <Badge tone="accent" data-testid="ops-cluster-chosen">
                {t.chosen}
              </Badge>
            ) : (
              <Button data-testid="ops-cluster-choose" onClick={() => setClusterId(row.id)}>
                {t.choose}
              </Button>
            )}
            {row.removable ? (
              <Button data-testid="ops-cluster-remove" className="text-danger" onClick={() => setRemoving(row)}>
                {t.remove}
              </Button>
            ) : null}
          </div>
        ),
      },
    ],
    [t, shell, clusterId, setClusterId],
  );
  return (
    <>
      <DataTable
        testId="ops-cluster-table"
        rowTestId="ops-cluster-row"
        columns={columns}
        rows={clusters.data?.clusters}
        rowKey={(row) => row.id}
        rowAttributes={(row) => ({ 'data-cluster-id': row.id, 'data-namesrv-addr': row.namesrvAddr })}
        error={clusters.error?.message}
        errorTitle={t.clustersError}
        onRetry={() => void clusters.refetch()}
        refreshing={clusters.isFetching}
        skeletonRows={1}
      />
      {removing ? <RemoveDialog cluster={removing} onClose={() => setRemoving(undefined)} cancel={common.cancel} /> : null}
    </>
  );
}

function RemoveDialog({ cluster, onClose, cancel }: { cluster: OpsCluster; onClose: () => void; cancel: string }) {
  const t = useText('ops');
  const common = useText('common');
  const remove = useRemoveCluster();
  return (
    <Dialog
      open
      title={`${t.remove} ${cluster.name}`}
      onClose={onClose}
      busy={remove.isPending}
      testId="ops-remove-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={remove.isPending}>
            {cancel}
          </Button>
          <Button variant="primary" className="bg-danger" data-testid="ops-remove-confirm" disabled={remove.isPending} onClick={() => remove.mutate(cluster.id, { onSuccess: onClose })}>
            {remove.isPending ? t.removing : t.remove}
          </Button>
        </>
      }
    >
      <p className="text-sm">{t.removeConfirm(cluster.name)}</p>
      {remove.error ? <div className="mt-3"><ErrorState title={common.errorTitle} message={remove.error.message} testId="ops-remove-error" /></div> : null}
    </Dialog>
  );
}

export function ProbeBadge({ probe }: { probe: ClusterProbe }) {
  const t = useText('ops');
  if (probe.state === 'ok') {
    return (
      <Badge tone="success" data-probe-state="ok">
        {t.probe.ok(probe.clusterNames.join(', '), probe.brokerCount, probe.elapsedMs)}
      </Badge>
    );
  }
  return (
    <span className="flex min-w-0 items-center gap-2" data-probe-state={probe.state}>
      <Badge tone="danger">{probe.state === 'unreachable' ? t.probe.unreachable : t.probe.error}</Badge>
      <span className="truncate text-xs text-muted" title={probe.message}>
        {probe.message}
      </span>
    </span>
  );
}
