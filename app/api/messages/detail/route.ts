import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { messageDetailQuerySchema, type MessageDetail } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/** GET /api/messages/detail?cluster=&msgId=<offset id>: every field, properties, body, and consume status per group. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, messageDetailQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<MessageDetail>(await server.messages.detail(query.data.cluster, query.data.msgId)));
}
