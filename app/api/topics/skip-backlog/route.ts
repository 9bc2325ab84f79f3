import { okResponse } from '@/lib/server/api-response';
import { readJson, readQuery, respond } from '@/lib/server/operator-route';
import { skipBacklogSchema, topicOnlyQuerySchema } from '@/lib/validations/topic';
import type { ResetResult } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** POST /api/topics/skip-backlog?topic= {cluster, group}: moves the group to the newest offset (reset to time -1). */
export async function POST(request: Request): Promise<Response> {
  const query = readQuery(request, topicOnlyQuerySchema);
  if (!query.ok) return query.response;
  const body = await readJson(request, skipBacklogSchema);
  if (!body.ok) return body.response;
  return respond(async (server) => okResponse<ResetResult>(await server.topics.resetApply(body.data.cluster, query.data.topic, body.data.group, -1, true)));
}
