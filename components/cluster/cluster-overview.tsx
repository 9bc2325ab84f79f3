'use client';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/skeleton';
import { useClusters } from '@/lib/api/clusters';
import { ClusterCard } from './cluster-card';
import { useText } from '@/lib/i18n/i18n-provider';

/** Every cluster of the registry, each with its own live broker table. */
export function ClusterOverview() {
  const text = useText('cluster');
  const clusters = useClusters();
  if (clusters.isPending) return <TableSkeleton label={text.loadingClusters} testId="clusters-loading" />;
  if (clusters.isError) {
    return (
      <ErrorState
        title={text.clustersError}
        message={clusters.error.message}
        retryLabel={text.retry}
        onRetry={() => void clusters.refetch()}
        testId="clusters-error"
      />
    );
  }
  if (clusters.data.clusters.length === 0) {
    return <EmptyState title={text.noClustersTitle} description={text.noClustersDescription} testId="clusters-empty" />;
  }
  return (
    <div className="space-y-5">
      {clusters.data.clusters.map((cluster) => (
        <ClusterCard key={cluster.id} cluster={cluster} />
      ))}
    </div>
  );
}
