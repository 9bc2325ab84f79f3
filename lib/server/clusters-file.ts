import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * The clusters added on the Ops page, kept across restarts in `<RMQ_STORE_DIR>/../console/clusters.json`:
 *
 *   { "version": 1, "clusters": [ { "id": "ns-10-0-0-1-9876", "name": "prod", "namesrvAddr": "10.0.0.1:9876" } ] }
 *
 * Only Ops entries are written; the embedded and NAMESRV_ADDR entries come from the environment on every start.
 * Writes go to a temp file that is fsynced and renamed over the old one, so a crash leaves the old or the new file,
 * never half of one. A file that cannot be read stops the console with its path, rather than forgetting clusters.
 */
export interface PersistedCluster {
  id: string;
  name: string;
  namesrvAddr: string;
}

const fileSchema = z.object({
  version: z.literal(1),
  clusters: z.array(z.object({ id: z.string().min(1), name: z.string(), namesrvAddr: z.string().min(1) })),
});

export class ClustersFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsoleConfigError'; // answered like a configuration problem (503 with the message)
  }
}

export function readClustersFile(path: string): PersistedCluster[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ClustersFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ClustersFileError(`${path} is not JSON (${(error as Error).message}); fix or delete it`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ClustersFileError(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}; fix or delete it`);
  }
  return parsed.data.clusters;
}

export function writeClustersFile(path: string, clusters: readonly PersistedCluster[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const body = `${JSON.stringify({ version: 1, clusters }, null, 2)}\n`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  // The rename itself is durable once the directory is synced.
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
