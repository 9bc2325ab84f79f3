import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { topicQuerySchema } from '@/lib/validations/topic';
import type { TopicStatus } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** GET /api/topics/status?cluster=&topic=: min / max offset and last update time of every queue (GET_TOPIC_STATS_INFO per broker). */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, topicQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<TopicStatus>(await server.topics.status(query.data.cluster, query.data.topic)));
}
