import { okResponse } from '@/lib/server/api-response';
import { readQuery, respond } from '@/lib/server/operator-route';
import { producerQuerySchema, type ProducerConnections } from '@/lib/validations/producer';

export const dynamic = 'force-dynamic';

/** GET /api/producers?cluster=&topic=&group=: the producer group's clients on the topic's brokers. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, producerQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<ProducerConnections>(await server.producers.connections(query.data.cluster, query.data.topic, query.data.group)));
}
