import { readQuery, respond } from '@/lib/server/operator-route';
import { dlqExportQuerySchema } from '@/lib/validations/message-query';

export const dynamic = 'force-dynamic';

/** GET /api/dlq/export?cluster=&group=&from=&to=&format=json|csv: a download of the range's dead letters. */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, dlqExportQuerySchema);
  if (!query.ok) return query.response;
  return respond(async (server) => {
    const file = await server.deadLetters.exportFile(query.data);
    return new Response(file.body, {
      status: 200,
      headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"`, 'cache-control': 'no-store' },
    });
  });
}
