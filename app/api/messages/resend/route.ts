import { okResponse } from '@/lib/server/api-response';
import { readJson, respond } from '@/lib/server/operator-route';
import { resendToGroupSchema, type ConsumeDirectlyResult } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/** POST /api/messages/resend {cluster, msgId, group, clientId?}: a client of the group consumes the message now. */
export async function POST(request: Request): Promise<Response> {
  const body = await readJson(request, resendToGroupSchema);
  if (!body.ok) return body.response;
  return respond(async (server) => okResponse<ConsumeDirectlyResult>(await server.messages.resendToGroup(body.data)));
}
