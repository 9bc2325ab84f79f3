import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { byTimeQuerySchema, type MessagePage } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/** GET /api/messages/by-time: see lib/validations/message-query.ts for the parameters. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, byTimeQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<MessagePage>(await server.messages.queryByTime(query.data)));
}
