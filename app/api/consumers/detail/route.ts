import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { groupQuerySchema, type GroupDetail } from '@/lib/validations/group';

export const dynamic = 'force-dynamic';

/** GET /api/consumers/detail?cluster=&group=: lag per queue, clients, subscriptions. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, groupQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<GroupDetail>(await server.consumers.groupDetail(query.data.cluster, query.data.group)));
}
