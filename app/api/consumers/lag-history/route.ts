import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { getGroupLagHistory } from '@/lib/server/sampler';
import { groupLagHistoryQuerySchema, type GroupLagHistory } from '@/lib/validations/group';

export const dynamic = 'force-dynamic';

/** GET /api/consumers/lag-history?cluster=&group=&range=5m|1h|today: the sampler's lag points of the group. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, groupLagHistoryQuerySchema);
  if (!query.ok) return query.response;
  const { cluster, group, range } = query.data;
  return respond(async () => okResponse<GroupLagHistory>({ group, range, points: await getGroupLagHistory(cluster, group, range) }));
}
