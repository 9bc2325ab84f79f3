import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { dlqMessagesQuerySchema, type MessagePage } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/** GET /api/dlq/messages?cluster=&group=&from=&to=&pageSize=&cursor=: the group's dead letters, a page at a time. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, dlqMessagesQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<MessagePage>(await server.deadLetters.queryByTime(query.data)));
}
