import { okResponse } from '@/lib/server/api-response';
import { readJson, readQuery, respond } from '@/lib/server/operator-route';
import { groupConfigFormSchema, groupDeleteSchema, groupQuerySchema, type GroupConfigs } from '@/lib/validations/group';

export const dynamic = 'force-dynamic';

/** GET /api/consumers/config?cluster=&group=: the group's subscription config on every master. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, groupQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => okResponse<GroupConfigs>(await server.consumers.groupConfigs(query.data.cluster, query.data.group)));
}

/** POST /api/consumers/config: create or update the group on the chosen brokers. */
export async function POST(request: Request): Promise<Response> {
  const form = await readJson(request, groupConfigFormSchema);
  if (!form.ok) return form.response;
  return respond(async (server) => okResponse({ group: form.data.groupName, brokerAddrs: await server.consumers.writeGroupConfig(form.data) }));
}

/** DELETE /api/consumers/config: delete the group's config (and optionally offsets) from the chosen brokers. */
export async function DELETE(request: Request): Promise<Response> {
  const body = await readJson(request, groupDeleteSchema);
  if (!body.ok) return body.response;
  const { cluster, group, brokerAddrs, removeOffset } = body.data;
  return respond(async (server) => okResponse({ group, brokerAddrs: await server.consumers.deleteGroup(cluster, group, brokerAddrs, removeOffset) }));
}
