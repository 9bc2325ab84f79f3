import { okResponse } from '@/lib/server/api-response';
import { readParams, readQuery, respond } from '@/lib/server/operator-route';
import { brokerDetailQuerySchema, clusterParamsSchema, type BrokerKeyValues } from '@/lib/validations/cluster';

export const dynamic = 'force-dynamic';

/** GET /api/clusters/:id/broker?addr=host:port&what=runtime|config: every key of one broker's runtime info or config. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const params = await readParams(context.params, clusterParamsSchema);
  if (!params.ok) return params.response;
  const query = readQuery(request, brokerDetailQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<BrokerKeyValues>(await server.brokerDetail(params.data.id, query.data.addr, query.data.what)));
}
