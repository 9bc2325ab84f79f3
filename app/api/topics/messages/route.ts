import { okResponse } from '@/lib/server/api-response';
import { readJson, readQuery, respond } from '@/lib/server/operator-route';
import { messageSendSchema, type SendResultBody } from '@/lib/validations/message-send';
import { topicOnlyQuerySchema } from '@/lib/validations/topic';

export const dynamic = 'force-dynamic';

/** POST /api/topics/messages?topic= {cluster, tags, keys, body, properties, delayLevel}: sends one message. */
export async function POST(request: Request): Promise<Response> {
  const query = readQuery(request, topicOnlyQuerySchema);
  if (!query.ok) return query.response;
  const message = await readJson(request, messageSendSchema);
  if (!message.ok) return message.response;
  return respond(async (server) => okResponse<SendResultBody>(await server.topics.send(message.data.cluster, query.data.topic, message.data)));
}
