import { okResponse } from '@/lib/server/api-response';
import { readJson, readQuery, respond } from '@/lib/server/operator-route';
import { resetOffsetSchema, topicOnlyQuerySchema } from '@/lib/validations/topic';
import type { ResetResult } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** POST /api/topics/reset-offset?topic= {cluster, group, timestamp, force}: resets the group's offsets to the time. */
export async function POST(request: Request): Promise<Response> {
  const query = readQuery(request, topicOnlyQuerySchema);
  if (!query.ok) return query.response;
  const body = await readJson(request, resetOffsetSchema);
  if (!body.ok) return body.response;
  const { cluster, group, timestamp, force } = body.data;
  return respond(async (server) => okResponse<ResetResult>(await server.topics.resetApply(cluster, query.data.topic, group, timestamp, force)));
}
