import { z } from 'zod';
import { errorResponse } from '@/lib/server/api-response';
import { getConsoleServer } from '@/lib/server/console-server';
import { readQuery } from '@/lib/server/operator-route';
import { sseResponse } from '@/lib/server/sampler/sse';
import { clusterIdSchema } from '@/lib/validations/cluster';

export const dynamic = 'force-dynamic';

const streamQuerySchema = z.object({ cluster: clusterIdSchema.optional() });

/**
 * GET /api/stream/metrics[?cluster=]: Server-Sent Events. First `hello` {intervalMs}, then the newest sample of each
 * cluster, then one `sample` event per sampler cycle and cluster (MetricsSample, lib/validations/metrics.ts);
 * a comment line every 15 s. One connection per page; it ends when the page goes away.
 */
export async function GET(request: Request): Promise<Response> {
  const query = readQuery(request, streamQuerySchema);
  if (!query.ok) return query.response;
  const cluster = query.data.cluster;
  try {
    const server = await getConsoleServer();
    if (cluster !== undefined) server.admin(cluster); // 404 for an unknown cluster, before the stream opens
    return sseResponse({
      signal: request.signal,
      start(send) {
        send('hello', { intervalMs: server.sampler.intervalMs });
        for (const sample of server.sampler.latest(cluster)) send('sample', sample);
        return server.sampler.subscribe((sample) => {
          if (cluster === undefined || sample.clusterId === cluster) send('sample', sample);
        });
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
