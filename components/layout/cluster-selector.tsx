'use client';

import { useText } from '@/lib/i18n/i18n-provider';
import { useSelectedCluster } from './cluster-selection';

/** The header's cluster picker; every page follows the choice. */
export function ClusterSelector() {
  const t = useText('shell');
  const { clusterId, clusters, isLoading, setClusterId } = useSelectedCluster();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted">{t.clusterSelector}</span>
      <select
        data-testid="cluster-selector"
        className="h-8 w-64 truncate rounded-md border border-border bg-surface px-2 text-sm"
        value={clusterId ?? ''}
        disabled={isLoading || clusters.length === 0}
        onChange={(event) => setClusterId(event.target.value)}
      >
        {clusters.length === 0 ? <option value="">{isLoading ? t.clusterSelectorLoading : t.clusterSelectorEmpty}</option> : null}
        {clusters.map((cluster) => (
          <option key={cluster.id} value={cluster.id}>
            {cluster.embedded ? t.embeddedClusterName : cluster.name}
          </option>
        ))}
      </select>
    </label>
  );
}
