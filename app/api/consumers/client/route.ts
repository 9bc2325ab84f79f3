import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { clientQuerySchema, type ClientRunningInfo } from '@/lib/validations/group';

export const dynamic = 'force-dynamic';

/** GET /api/consumers/client?cluster=&group=&clientId=&jstack=: the client's GET_CONSUMER_RUNNING_INFO answer. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, clientQuerySchema);
  if (!query.ok) return query.response;
  const { cluster, group, clientId, jstack } = query.data;
  return respond(async (server) => okResponse<ClientRunningInfo>(await server.consumers.clientRunningInfo(cluster, group, clientId, jstack)));
}
