import { okResponse } from '@/lib/server/api-response';
import { readJson, respond } from '@/lib/server/operator-route';
import { probeClusterSchema, type ClusterProbe } from '@/lib/validations/ops';

export const dynamic = 'force-dynamic';

/** POST /api/ops/clusters/probe {namesrvAddr}: does it answer GET_BROKER_CLUSTER_INFO, and with what. */
export async function POST(request: Request): Promise<Response> {
  const body = await readJson(request, probeClusterSchema);
  if (!body.ok) return body.response;
  return respond(async (server) => okResponse<{ probe: ClusterProbe }>({ probe: await server.clusterOps.probe(body.data.namesrvAddr) }));
}
