import { okResponse } from '@/lib/server/api-response';
import { readJson, readQuery, respond } from '@/lib/server/operator-route';
import { topicDeleteQuerySchema, topicFormSchema, topicListQuerySchema, type TopicList } from '@/lib/validations/topic';
import type { TopicMutation } from '@/lib/validations/topic-detail';

export const dynamic = 'force-dynamic';

/** GET /api/topics?cluster=&page=&pageSize=&search=&types=&sort=&dir=: one page of the cluster's topics. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, topicListQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<TopicList>(await server.topics.list(query.data.cluster, query.data)));
}

/** POST /api/topics {cluster, topicName, read/writeQueueNums, perm, order, clusterNames, brokerNames}: create or update. */
export async function POST(request: Request): Promise<Response> {
  const form = await readJson(request, topicFormSchema);
  if (!form.ok) return form.response;
  return respond(async (server) => okResponse<TopicMutation>(await server.topics.createOrUpdate(form.data)));
}

/** DELETE /api/topics?cluster=&topic=&clusterNames=: from every master of those clusters, then the nameservers. */
export async function DELETE(request: Request): Promise<Response> {
  const query = readQuery(request, topicDeleteQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<TopicMutation>(await server.topics.delete(query.data.cluster, query.data.topic, query.data.clusterNames)));
}
