import { okResponse } from '@/lib/server/api-response';
import { readJson, readQuery, respond } from '@/lib/server/operator-route';
import { resetOffsetSchema, topicOnlyQuerySchema } from '@/lib/validations/topic';
import type { ResetPreview } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** POST /api/topics/reset-offset/preview?topic= {cluster, group, timestamp}: what the reset would change, per queue. */
export async function POST(request: Request): Promise<Response> {
  const query = readQuery(request, topicOnlyQuerySchema);
  if (!query.ok) return query.response;
  const body = await readJson(request, resetOffsetSchema);
  if (!body.ok) return body.response;
  return respond(async (server) => okResponse<ResetPreview>(await server.topics.resetPreview(body.data.cluster, query.data.topic, body.data.group, body.data.timestamp)));
}
