import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { dlqTopicsQuerySchema } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/** GET /api/dlq/topics?cluster=: every %DLQ% topic of the cluster and how many messages it holds. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, dlqTopicsQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse({ topics: await server.deadLetters.listTopics(query.data.cluster) }));
}
