import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../validations/metrics';
import { HistoryFile, localDay } from './history-file';

function sample(t: number, clusterId = 'embedded'): MetricsSample {
  return { clusterId, t, putTps: 12.5, getTps: 3, brokers: [{ brokerName: 'b', brokerId: 0, address: 'h:1', putTps: 12.5, getTps: 3 }], topTopics: [{ name: 'T', value: 12.5 }], topGroups: [], totalLag: 0, errors: [] };
}

describe('metrics history file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'metrics-history-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one line per minute and cluster, and loads them back per cluster after a torn last line', async () => {
    const file = new HistoryFile({ dir });
    const t = new Date(2025, 0, 31, 9, 30).getTime();
    await file.append('embedded', { sample: sample(t), lags: { g: 4 } });
    await file.append('ns-x', { sample: sample(t + 60_000, 'ns-x') });
    await file.append('embedded', { sample: sample(t + 60_000) });
    const path = join(dir, '2025-01-31.jsonl');
    expect(file.fileOf(t)).toBe(path);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    appendFileSync(path, '{"v":1,"clusterId":"embedded","sam'); // crash mid-append

    const loaded = await new HistoryFile({ dir }).loadDay(t);
    expect(loaded.get('embedded')?.map((stored) => [stored.sample.t, stored.lags])).toEqual([
      [t, { g: 4 }],
      [t + 60_000, undefined],
    ]);
    expect(loaded.get('ns-x')).toHaveLength(1);
    expect(loaded.get('embedded')?.[0].sample).toEqual(sample(t));
    expect((await file.loadDay(t + 24 * 3600_000)).size).toBe(0);
  });

  it('stops a day file at its size bound and deletes files older than the kept days', async () => {
    const t = new Date(2025, 0, 31, 9, 30).getTime();
    const file = new HistoryFile({ dir, maxBytes: 700, keepDays: 2 });
    for (let i = 0; i < 10; i++) await file.append('embedded', { sample: sample(t + i * 60_000) });
    const size = readFileSync(join(dir, '2025-01-31.jsonl')).length;
    expect(size).toBeLessThanOrEqual(700);
    expect(size).toBeGreaterThan(0);

    writeFileSync(join(dir, '2025-01-20.jsonl'), '');
    writeFileSync(join(dir, `${localDay(t - 24 * 3600_000)}.jsonl`), '');
    writeFileSync(join(dir, 'notes.txt'), '');
    await file.prune(t);
    expect(existsSync(join(dir, '2025-01-20.jsonl'))).toBe(false);
    expect(existsSync(join(dir, '2025-01-30.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
  });
});
