import { badRequest, errorResponse, okResponse } from '@/lib/server/api-response';
import { getConsoleServer } from '@/lib/server/console-server';
import { clusterParamsSchema, type ClusterBrokers } from '@/lib/validations/cluster';

export const dynamic = 'force-dynamic';

/** GET /api/clusters/:id/brokers: every broker address the cluster's nameserver knows, with its version. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const params = clusterParamsSchema.safeParse(await context.params);
  if (!params.success) return badRequest(params.error);
  try {
    const server = await getConsoleServer();
    return okResponse<ClusterBrokers>(await server.clusterBrokers(params.data.id));
  } catch (error) {
    return errorResponse(error);
  }
}
