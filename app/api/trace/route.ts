import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { traceQuerySchema, type TraceResult } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/** GET /api/trace?cluster=&msgId=|key=[&traceTopic=RMQ_SYS_TRACE_TOPIC]: publish and consume events, per message. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, traceQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<TraceResult>(await server.traces.query(query.data)));
}
