import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { topicQuerySchema } from '@/lib/validations/topic';
import type { TopicConfigList } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** GET /api/topics/config?cluster=&topic=: the topic's config on each master holding it. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, topicQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<TopicConfigList>(await server.topics.config(query.data.cluster, query.data.topic)));
}
