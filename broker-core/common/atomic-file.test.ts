import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SerialWriter, writeFileAtomic } from './atomic-file';

const dir = mkdtempSync(join(tmpdir(), 'atomic-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates missing directories, replaces the file and leaves no temp file', async () => {
    const path = join(dir, 'a', 'b', 'config.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });
});

describe('SerialWriter', () => {
  it('runs one write at a time and always lands the latest state', async () => {
    const path = join(dir, 'serial.json');
    let state = 0;
    let snapshots = 0;
    const writer = new SerialWriter(path, () => {
      snapshots++;
      return String(state);
    });
    const writes: Array<Promise<void>> = [];
    for (let i = 1; i <= 20; i++) {
      state = i;
      writes.push(writer.write());
    }
    await Promise.all(writes);
    expect(readFileSync(path, 'utf8')).toBe('20');
    // the first write runs at once; the 19 requested meanwhile coalesce into one more
    expect(snapshots).toBe(2);
    await writer.idle();
  });

  it('reports a failed write to its caller and keeps working', async () => {
    const writer = new SerialWriter(join(dir, 'missing-parent-is-a-file', 'x'), () => 'x');
    await writeFileAtomic(join(dir, 'missing-parent-is-a-file'), 'a file, not a directory');
    await expect(writer.write()).rejects.toThrow();
    await expect(writer.write()).rejects.toThrow();
    await writer.idle();
  });
});
