import { okResponse } from '@/lib/server/api-response';
import { readJson, respond } from '@/lib/server/operator-route';
import { groupResetOffsetSchema, type ResetOffsetResult } from '@/lib/validations/group';

export const dynamic = 'force-dynamic';

/** POST /api/consumers/reset-offset: the group's offsets of one topic to a time (-1 = skip the backlog). */
export async function POST(request: Request): Promise<Response> {
  const body = await readJson(request, groupResetOffsetSchema);
  if (!body.ok) return body.response;
  const { cluster, group, topic, timestamp, force } = body.data;
  return respond(async (server) => okResponse<ResetOffsetResult>(await server.consumers.resetOffset(cluster, group, topic, timestamp, force)));
}
