import { appendFile, mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../../../broker-core/common/logger';
import { metricsSampleSchema } from '../../validations/metrics';
import type { StoredSample } from './cluster-history';

/**
 * Today's charts survive a restart: one file per local day, one JSON line per cluster and minute, appended.
 *
 *   <dir>/2025-01-31.jsonl
 *   {"v":1,"clusterId":"embedded","sample":{...MetricsSample},"lags":{"group":12,...}}\n
 *
 * Bounded: a day's file stops growing at `maxBytes` (a warning says so once), and files older than `keepDays` are
 * deleted. Appends go through one promise chain (single writer: every await would otherwise let another append
 * interleave). A torn last line after a crash is skipped when loading.
 */
const log = createLogger('metrics-history');

export interface HistoryFileOptions {
  dir: string;
  maxBytes?: number;
  keepDays?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_KEEP_DAYS = 7;

export class HistoryFile {
  private readonly maxBytes: number;
  private readonly keepDays: number;
  private chain: Promise<void> = Promise.resolve();
  private readonly sizes = new Map<string, number>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: HistoryFileOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.keepDays = options.keepDays ?? DEFAULT_KEEP_DAYS;
  }

  fileOf(t: number): string {
    return join(this.options.dir, `${localDay(t)}.jsonl`);
  }

  append(clusterId: string, stored: StoredSample): Promise<void> {
    const line = `${JSON.stringify({ v: 1, clusterId, sample: stored.sample, ...(stored.lags ? { lags: stored.lags } : {}) })}\n`;
    this.chain = this.chain.then(() => this.write(this.fileOf(stored.sample.t), line)).catch((error: unknown) => log.warn(`cannot append metrics history: ${(error as Error).message}`));
    return this.chain;
  }

  /** Waits for appends in flight (shutdown, tests). */
  flush(): Promise<void> {
    return this.chain;
  }

  /** Today's lines, per cluster id, oldest first. A missing file is an empty day. */
  async loadDay(t: number = Date.now()): Promise<Map<string, StoredSample[]>> {
    const byCluster = new Map<string, StoredSample[]>();
    let text: string;
    try {
      text = await readFile(this.fileOf(t), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return byCluster;
      throw error;
    }
    for (const line of text.split('\n')) {
      const stored = parseLine(line);
      if (!stored) continue;
      const list = byCluster.get(stored.clusterId) ?? [];
      list.push({ sample: stored.sample, ...(stored.lags ? { lags: stored.lags } : {}) });
      byCluster.set(stored.clusterId, list);
    }
    return byCluster;
  }

  /** Deletes day files older than keepDays. */
  async prune(now: number = Date.now()): Promise<void> {
    const oldest = localDay(now - this.keepDays * 24 * 3600_000);
    let names: string[];
    try {
      names = await readdir(this.options.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const day = /^(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(name)?.[1];
      if (day && day < oldest) await unlink(join(this.options.dir, name)).catch(() => undefined);
    }
  }

  private async write(path: string, line: string): Promise<void> {
    let size = this.sizes.get(path);
    if (size === undefined) {
      await mkdir(this.options.dir, { recursive: true });
      size = await stat(path).then((info) => info.size, () => 0);
    }
    const bytes = Buffer.byteLength(line, 'utf8');
    if (size + bytes > this.maxBytes) {
      if (!this.warned.has(path)) log.warn(`${path} reached ${this.maxBytes} bytes: today's later minutes are kept in memory only`);
      this.warned.add(path);
      this.sizes.set(path, size);
      return;
    }
    await appendFile(path, line, 'utf8');
    this.sizes.set(path, size + bytes);
  }
}

function parseLine(line: string): (StoredSample & { clusterId: string }) | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as { v?: number; clusterId?: unknown; sample?: unknown; lags?: unknown };
    const sample = metricsSampleSchema.safeParse(value.sample);
    if (value.v !== 1 || typeof value.clusterId !== 'string' || !sample.success) return undefined;
    const lags = isNumberRecord(value.lags) ? value.lags : undefined;
    return { clusterId: value.clusterId, sample: sample.data, ...(lags ? { lags } : {}) };
  } catch {
    return undefined; // torn by a crash mid-append
  }
}

function isNumberRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'number');
}

/** YYYY-MM-DD in the server's local time zone (the "today" the charts show). */
export function localDay(t: number): string {
  const date = new Date(t);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
