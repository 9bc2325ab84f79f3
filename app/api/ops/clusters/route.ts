import { okResponse } from '@/lib/server/api-response';
import { readJson, readQuery, respond } from '@/lib/server/operator-route';
import { addClusterSchema, clusterIdParamsSchema, type OpsClusterList } from '@/lib/validations/ops';

export const dynamic = 'force-dynamic';

/** GET /api/ops/clusters: every registry entry, where it comes from, and whether its nameservers answer now. */
export async function GET(): Promise<Response> {
  return respond(async (server) => okResponse<OpsClusterList>({ clusters: await server.clusterOps.listClusters() }));
}

/** POST /api/ops/clusters {namesrvAddr, name?}: register nameservers (persisted); 409 when already registered. */
export async function POST(request: Request): Promise<Response> {
  const body = await readJson(request, addClusterSchema);
  if (!body.ok) return body.response;
  return respond(async (server) => okResponse({ cluster: await server.clusterOps.addCluster(body.data) }));
}

/** DELETE /api/ops/clusters?id=: forget an entry added here (the embedded and NAMESRV_ADDR ones cannot go: 409). */
export async function DELETE(request: Request): Promise<Response> {
  const query = readQuery(request, clusterIdParamsSchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse({ removed: server.clusterOps.removeCluster(query.data.id).id }));
}
