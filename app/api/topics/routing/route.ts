import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { topicQuerySchema } from '@/lib/validations/topic';
import type { TopicRoute } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** GET /api/topics/routing?cluster=&topic=: brokers and queue data of the topic (GET_ROUTEINFO_BY_TOPIC). */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, topicQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<TopicRoute>(await server.topics.route(query.data.cluster, query.data.topic)));
}
