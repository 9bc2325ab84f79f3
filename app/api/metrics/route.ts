import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { metricsQuerySchema, type MetricsHistory } from '@/lib/validations/metrics';

export const dynamic = 'force-dynamic';

/** GET /api/metrics?cluster=&range=5m|1h|today: the sampler's samples of that range (live data comes over SSE). */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, metricsQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => {
    server.admin(query.data.cluster); // 404 for a cluster the registry does not list
    return okResponse<MetricsHistory>(server.sampler.history(query.data.cluster, query.data.range));
  });
}
