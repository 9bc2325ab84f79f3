'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useClusters } from '@/lib/api/clusters';
import type { ClusterSummary } from '@/lib/validations/cluster';
import { CLUSTER_COOKIE } from './cluster-cookie';

/**
 * Cluster selection API (stable): the cluster every page shows by default, chosen in the header.
 *
 *   const { clusterId, cluster, clusters, setClusterId } = useSelectedCluster();
 *
 * `clusterId` is undefined only while the registry loads (or when it is empty); it is always an id the registry
 * lists: a remembered id that was removed falls back to the first entry (the embedded cluster). The choice is kept
 * in a cookie (cluster-cookie.ts), so the server knows it too, and survives reloads.
 */

interface ClusterSelection {
  clusterId: string | undefined;
  cluster: ClusterSummary | undefined;
  clusters: ClusterSummary[];
  isLoading: boolean;
  error: Error | null;
  setClusterId(clusterId: string): void;
}

const ClusterSelectionContext = createContext<ClusterSelection | undefined>(undefined);

export function ClusterSelectionProvider({ initialClusterId, children }: { initialClusterId: string | undefined; children: ReactNode }) {
  const [chosenId, setChosenId] = useState(initialClusterId);
  const clustersQuery = useClusters();
  const setClusterId = useCallback((clusterId: string) => {
    setChosenId(clusterId);
    document.cookie = `${CLUSTER_COOKIE}=${encodeURIComponent(clusterId)}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
  }, []);
  const value = useMemo<ClusterSelection>(() => {
    const clusters = clustersQuery.data?.clusters ?? [];
    const cluster = clusters.find((candidate) => candidate.id === chosenId) ?? clusters[0];
    return { clusterId: cluster?.id, cluster, clusters, isLoading: clustersQuery.isPending, error: clustersQuery.error, setClusterId };
  }, [chosenId, clustersQuery.data, clustersQuery.isPending, clustersQuery.error, setClusterId]);
  return <ClusterSelectionContext.Provider value={value}>{children}</ClusterSelectionContext.Provider>;
}

export function useSelectedCluster(): ClusterSelection {
  const context = useContext(ClusterSelectionContext);
  if (!context) throw new Error('useSelectedCluster must be used inside <ClusterSelectionProvider>');
  return context;
}
