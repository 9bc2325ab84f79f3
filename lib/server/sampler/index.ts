import type { LagPoint } from '../../validations/metrics';
import type { MetricsRange } from '../../validations/time-range';
import { UnknownClusterError } from '../cluster-registry';
import { getConsoleServer } from '../console-server';

/**
 * The sampler's public face for other pages' route handlers (engineer B's consumer page):
 *
 *   const points = await getGroupLagHistory(clusterId, group, '1h');   // [{ t: epoch ms, lag: messages }]
 *
 * Ranges: '5m' and '1h' at the sampling interval (5 s), 'today' one point a minute since local midnight (kept on
 * disk, so it survives a restart). A group the sampler has not seen yet has no points; an unknown cluster id
 * throws UnknownClusterError (404 through errorResponse).
 */
export async function getGroupLagHistory(clusterId: string, group: string, range: MetricsRange): Promise<LagPoint[]> {
  const server = await getConsoleServer();
  if (!server.listClusters().some((cluster) => cluster.id === clusterId)) throw new UnknownClusterError(clusterId);
  return server.sampler.groupLagHistory(clusterId, group, range);
}

export type { LagPoint } from '../../validations/metrics';
export type { MetricsSampler } from './metrics-sampler';
