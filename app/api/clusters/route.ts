import { errorResponse, okResponse } from '@/lib/server/api-response';
import { getConsoleServer } from '@/lib/server/console-server';
import type { ClusterList } from '@/lib/validations/cluster';

export const dynamic = 'force-dynamic';

/** GET /api/clusters: the registry, embedded cluster first. */
export async function GET(): Promise<Response> {
  try {
    const server = await getConsoleServer();
    return okResponse<ClusterList>({ clusters: server.listClusters() });
  } catch (error) {
    return errorResponse(error);
  }
}
