import { okResponse } from '@/lib/server/api-response';
import { readJson, readQuery, respond } from '@/lib/server/operator-route';
import type { ResetOffsetResult } from '@/lib/validations/group';
import { resetOffsetSchema, topicOnlyQuerySchema } from '@/lib/validations/topic';

export const dynamic = 'force-dynamic';

/**
 * POST /api/topics/reset-offset?topic= {cluster, group, timestamp, force}: resets the group's offsets to the time
 * (-1 = skip the backlog). The same operation as /api/consumers/reset-offset, so the group list sees it at once.
 */
export async function POST(request: Request): Promise<Response> {
  const query = readQuery(request, topicOnlyQuerySchema);
  if (!query.ok) return query.response;
  const body = await readJson(request, resetOffsetSchema);
  if (!body.ok) return body.response;
  const { cluster, group, timestamp, force } = body.data;
  return respond(async (server) => okResponse<ResetOffsetResult>(await server.consumers.resetOffset(cluster, group, query.data.topic, timestamp, force)));
}
