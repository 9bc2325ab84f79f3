import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { producerGroupsQuerySchema, type ProducerGroups } from '@/lib/validations/producer';

export const dynamic = 'force-dynamic';

/** GET /api/producers/groups?cluster=&topic=: producer groups the topic's brokers report (RocketMQ 5.x brokers). */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, producerGroupsQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<ProducerGroups>(await server.producers.groups(query.data.cluster, query.data.topic)));
}
