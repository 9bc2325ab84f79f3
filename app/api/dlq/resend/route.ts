import { okResponse } from '@/lib/server/api-response';
import { readJson, respond } from '@/lib/server/operator-route';
import { dlqResendSchema, type DlqResendResult } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/** POST /api/dlq/resend {cluster, group, mode, msgIds, clientId?}: one result per message, failures included. */
export async function POST(request: Request): Promise<Response> {
  const body = await readJson(request, dlqResendSchema);
  if (!body.ok) return body.response;
  return respond(async (server) => okResponse<DlqResendResult>(await server.deadLetters.resend(body.data)));
}
