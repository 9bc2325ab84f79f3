import { okResponse } from '@/lib/server/api-response';
import { respond } from '@/lib/server/operator-route';
import type { SamplerStatus } from '@/lib/validations/metrics';

export const dynamic = 'force-dynamic';

/** GET /api/metrics/sampler: the interval and what the last cycle of each cluster cost (ms, requests). */
export async function GET(): Promise<Response> {
  return respond(async (server) => okResponse<SamplerStatus>(server.sampler.status()));
}
