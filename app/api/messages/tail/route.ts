import { readQuery, respond } from '@/lib/server/operator-route';
import { sseResponse } from '@/lib/server/sampler/sse';
import { tailQuerySchema } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/**
 * GET /api/messages/tail?cluster=&topic=: Server-Sent Events. `messages` events carry new messages (at most a
 * hundred per half second; `skipped` counts the rest of a burst), `tail-error` says why a round failed.
 */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, tailQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => {
    server.admin(query.data.cluster); // an unknown cluster is a 404 before the stream opens
    return sseResponse({
      signal: request.signal,
      start(send) {
        const stop = new AbortController();
        server.messages.tail(query.data.cluster, query.data.topic, { onMessages: (event) => send('messages', event), onError: (message) => send('tail-error', { error: message }) }, stop.signal);
        send('ready', { topic: query.data.topic });
        return () => stop.abort();
      },
    });
  });
}
