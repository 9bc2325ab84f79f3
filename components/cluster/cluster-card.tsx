'use client';

import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/skeleton';
import { useClusterBrokers } from '@/lib/api/clusters';
import type { ClusterSummary } from '@/lib/validations/cluster';
import { BrokerTable } from './broker-table';
import { useText } from '@/lib/i18n/i18n-provider';

/**
 * One registry entry and its brokers, polled every few seconds. A failed poll shows the server's message in place of
 * the table (never an empty or stale list); the next successful poll brings the table back.
 */
export function ClusterCard({ cluster }: { cluster: ClusterSummary }) {
  const text = useText('cluster');
  const brokers = useClusterBrokers(cluster.id);
  return (
    <Card data-testid={`cluster-card-${cluster.id}`}>
      <CardHeader
        title={cluster.name}
        description={
          <>
            {text.nameserver} <span className="font-mono text-xs">{cluster.namesrvAddr}</span>
          </>
        }
        actions={
          <>
            {brokers.isSuccess ? (
              <span className="text-xs text-muted" data-testid="brokers-updated">
                {text.updatedAt(new Date(brokers.dataUpdatedAt).toLocaleTimeString())}
              </span>
            ) : null}
            <Badge tone={cluster.embedded ? 'success' : 'neutral'}>{cluster.embedded ? text.embedded : text.external}</Badge>
          </>
        }
      />
      <CardContent>
        {brokers.isPending ? (
          <TableSkeleton label={text.loadingBrokers} testId="brokers-loading" />
        ) : brokers.isError ? (
          <ErrorState
            title={text.brokersError}
            message={brokers.error.message}
            retryLabel={text.retry}
            onRetry={() => void brokers.refetch()}
            testId="brokers-error"
          />
        ) : brokers.data.brokers.length === 0 ? (
          <EmptyState title={text.noBrokersTitle} description={text.noBrokersDescription} testId="brokers-empty" />
        ) : (
          <BrokerTable clusterId={cluster.id} brokers={brokers.data.brokers} />
        )}
      </CardContent>
    </Card>
  );
}
