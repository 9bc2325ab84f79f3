import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { groupListQuerySchema, type GroupList } from '@/lib/validations/group';

export const dynamic = 'force-dynamic';

/** GET /api/consumers?cluster=&page=&pageSize=&filter=&sort=&dir=&system=: one page of the cluster's groups. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, groupListQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<GroupList>(await server.consumers.listGroups(query.data)));
}
