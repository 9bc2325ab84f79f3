import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { topicQuerySchema } from '@/lib/validations/topic';
import type { TopicConsumers } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** GET /api/topics/consumers?cluster=&topic=: groups consuming the topic, with their lag on it. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, topicQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<TopicConsumers>(await server.topics.consumers(query.data.cluster, query.data.topic)));
}
