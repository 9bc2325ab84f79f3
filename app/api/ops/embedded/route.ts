import { okResponse } from '@/lib/server/api-response';
import { respond } from '@/lib/server/operator-route';
import type { EmbeddedStatus } from '@/lib/validations/ops';

export const dynamic = 'force-dynamic';

/** GET /api/ops/embedded: the embedded nameserver and broker of `npm start`, with the broker's uptime. */
export async function GET(): Promise<Response> {
  return respond(async (server) => okResponse<EmbeddedStatus>(await server.clusterOps.embeddedStatus()));
}
