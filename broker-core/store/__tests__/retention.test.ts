import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageStore } from '../message-store';
import { makeTempDir, message, openStore, removeDir } from './store-test-helpers';

// Retention and disk limits (spec/store.md §11, §13) driven by an injected clock and disk-usage probe.

function localTimeAt(hour: number, daysAhead: number): number {
  const date = new Date(Date.now() + daysAhead * 86_400_000);
  date.setHours(hour, 30, 0, 0);
  return date.getTime();
}

describe('retention', () => {
  let dir: string;
  let store: MessageStore;
  let now: number;
  let diskRatio: number;

  beforeEach(async () => {
    dir = makeTempDir();
    now = Date.now();
    diskRatio = 0.2;
    store = await openStore(dir, { maxIndexNum: 400, fileReservedTime: 72, deleteWhen: '04' }, { clock: () => now, diskUsage: () => diskRatio });
    // 600 messages of ~400 B in one queue: 4 commit-log segments, 6 consume-queue files, several index files.
    for (let i = 0; i < 600; i++) {
      expect((await store.putMessage(message('Ret', 0, `m${i}-` + 'x'.repeat(300), { KEYS: `k${i}` }))).status).toBe('PUT_OK');
    }
    await store.waitForDispatch();
  });

  afterEach(async () => {
    await store.shutdown();
    removeDir(dir);
  });

  const commitLogFiles = () => fs.readdirSync(join(dir, 'commitlog')).length;
  const queueFiles = () => fs.readdirSync(join(dir, 'consumequeue', 'Ret', '0')).length;
  const indexFiles = () => fs.readdirSync(join(dir, 'index')).length;

  it('keeps files outside deleteWhen hours while the disk has room', async () => {
    now = localTimeAt(13, 10);
    const before = commitLogFiles();
    const run = await store.cleanNow();
    expect(run.deletedCommitLogFiles).toBe(0);
    expect(commitLogFiles()).toBe(before);
  });

  it('deletes expired segments at the deleteWhen hour, never the active one, and the queues and index follow', async () => {
    expect(commitLogFiles()).toBeGreaterThanOrEqual(4);
    expect(queueFiles()).toBe(6);
    const indexBefore = indexFiles();
    expect(indexBefore).toBeGreaterThan(1);

    now = localTimeAt(4, 1); // 04:30 tomorrow: younger than 72 h, nothing goes
    expect((await store.cleanNow()).deletedCommitLogFiles).toBe(0);

    now = localTimeAt(4, 4); // 04:30 in four days: everything but the active segment has expired
    const run = await store.cleanNow();
    expect(run.deletedCommitLogFiles).toBeGreaterThanOrEqual(3);
    expect(commitLogFiles()).toBe(1);
    const minPhysical = store.commitLogMinOffset;
    expect(minPhysical).toBeGreaterThan(0);

    expect(run.deletedConsumeQueueFiles).toBeGreaterThan(0);
    expect(queueFiles()).toBeLessThan(6);
    expect(indexFiles()).toBeLessThan(indexBefore);
    const minOffset = store.getMinOffsetInQueue('Ret', 0);
    expect(minOffset).toBeGreaterThan(0);
    expect(await store.getMessage('G', 'Ret', 0, 0, 32)).toMatchObject({ status: 'OFFSET_TOO_SMALL', nextBeginOffset: minOffset });
    const first = await store.getMessage('G', 'Ret', 0, minOffset, 1);
    expect(first.status).toBe('FOUND');

    // Writing still works and the store restarts on the trimmed files.
    expect((await store.putMessage(message('Ret', 0, 'after'))).appendResult!.queueOffset).toBe(600);
    await store.shutdown();
    store = await openStore(dir, {}, { clock: () => now, diskUsage: () => diskRatio });
    expect(store.getMinOffsetInQueue('Ret', 0)).toBe(minOffset);
    expect(store.getMaxOffsetInQueue('Ret', 0)).toBe(601);
  });

  it('deletes expired files at any hour when the disk passes diskMaxUsedSpaceRatio, young ones only when nearly full', async () => {
    now = localTimeAt(13, 1); // not a delete hour, files 1 day old
    diskRatio = 0.8;
    expect((await store.cleanNow()).deletedCommitLogFiles).toBe(0); // over 75 % but nothing expired
    diskRatio = 0.87; // over 85 %: age no longer matters
    expect((await store.cleanNow()).deletedCommitLogFiles).toBeGreaterThan(0);
    expect(commitLogFiles()).toBe(1);
  });

  it('refuses writes past the hard disk limit and accepts them again when space returns', async () => {
    diskRatio = 0.93;
    await store.cleanNow();
    const refused = await store.putMessage(message('Ret', 0, 'no room'));
    expect(refused.status).toBe('SERVICE_NOT_AVAILABLE');
    expect(refused.remark).toMatch(/disk full/);
    expect(store.getMaxOffsetInQueue('Ret', 0)).toBe(600);
    diskRatio = 0.5;
    await store.cleanNow();
    expect((await store.putMessage(message('Ret', 0, 'room again'))).appendResult!.queueOffset).toBe(600);
  });

  it('deletes expired files on a manual request regardless of the hour', async () => {
    now = localTimeAt(13, 4);
    expect((await store.cleanNow(true)).deletedCommitLogFiles).toBeGreaterThan(0);
  });
});
