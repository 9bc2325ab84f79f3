import { okResponse } from '@/lib/server/api-response';
import { readParams, respond } from '@/lib/server/operator-route';
import { clusterParamsSchema } from '@/lib/validations/cluster';
import type { TopicTargets } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** GET /api/clusters/:id/targets: the RocketMQ clusters and master brokers a topic can be created on. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const params = await readParams(context.params, clusterParamsSchema);
  if (!params.ok) return params.response;
  return respond(async (server) => okResponse<TopicTargets>(await server.topics.targets(params.data.id)));
}
