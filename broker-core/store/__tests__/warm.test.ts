import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { brokerConfigSchema, toMessageStoreConfig } from '../../broker/config/broker-config';
import { loadConfig } from '../../common/config/config-loader';
import { warmingChunkBytes } from '../commit-log-warmer';
import type { MessageStore } from '../message-store';
import type { FlushDiskType } from '../message-store-config';
import { SegmentFile } from '../segment-file';
import { makeTempDir, message, openStore, readQueueBodies, removeDir } from './store-test-helpers';

// warmMapedFileEnable: the commit log is zero-filled ahead of the writer (commit-log-warmer.ts). The risk is a zero
// write landing on data the writer has just written, so these tests race them hard: 4 KiB warming steps, 64 KiB
// segments, 64 concurrent appenders, bodies of many sizes across dozens of roll-overs, and each zero write held back
// 3 ms before it reaches the file, so a writer that did not wait for it would be overwritten every time.

const QUEUES = 4;
const APPENDERS = 64;
const COUNT = 4000;

function body(i: number): string {
  return `${i}:`.padEnd(100 + ((i * 397) % 2900), String.fromCharCode(97 + (i % 26)));
}

async function appendConcurrently(store: MessageStore, count: number): Promise<void> {
  let next = 0;
  const appender = async () => {
    while (next < count) {
      const i = next++;
      const result = await store.putMessage(message('Warm', i % QUEUES, body(i)));
      expect(result.status).toBe('PUT_OK');
    }
  };
  await Promise.all(Array.from({ length: APPENDERS }, appender));
}

async function expectAllIntact(store: MessageStore, count: number): Promise<void> {
  const seen: string[] = [];
  for (let queueId = 0; queueId < QUEUES; queueId++) seen.push(...(await readQueueBodies(store, 'Warm', queueId)));
  expect(seen.length).toBe(count);
  const expected = Array.from({ length: count }, (_, i) => body(i)).sort();
  expect(seen.sort()).toEqual(expected);
}

describe('commit-log warming', () => {
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    vi.restoreAllMocks();
    removeDir(dir);
  });

  for (const flushDiskType of ['SYNC_FLUSH', 'ASYNC_FLUSH'] as FlushDiskType[]) {
    it(`never zeroes stored data (${flushDiskType}): every message reads back intact, before and after a restart`, async () => {
      const zeroFill = SegmentFile.prototype.zeroFill;
      vi.spyOn(SegmentFile.prototype, 'zeroFill').mockImplementation(async function (this: SegmentFile, position, length) {
        await new Promise((resolve) => setTimeout(resolve, 3));
        return zeroFill.call(this, position, length);
      });
      const config = { flushDiskType, warmMapedFileEnable: true, flushLeastPagesWhenWarmMapedFile: 1 };
      let store = await openStore(dir, config);
      await appendConcurrently(store, COUNT);
      expect(store.commitLogMaxOffset).toBeGreaterThan(20 * 64 * 1024);
      await store.waitForDispatch();
      await expectAllIntact(store, COUNT);
      await store.shutdown();

      // Recovery checks each record's CRC from the checkpoint on; a zeroed record would end the log early.
      store = await openStore(dir, config);
      try {
        await expectAllIntact(store, COUNT);
      } finally {
        await store.shutdown();
      }
    });
  }

  it('allocates disk blocks ahead of the written end only when enabled', async () => {
    const allocatedAhead = async (warmMapedFileEnable: boolean, root: string) => {
      const store = await openStore(root, { warmMapedFileEnable, flushLeastPagesWhenWarmMapedFile: 2, mappedFileSizeCommitLog: 1024 * 1024 });
      try {
        await store.putMessage(message('Warm', 0, 'first'));
        // Let the warmer finish its two steps (it works in the background).
        for (let i = 0; i < 100 && warmMapedFileEnable && fs.statSync(join(root, 'commitlog', '00000000000000000000')).blocks * 512 < 16 * 1024; i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return fs.statSync(join(root, 'commitlog', '00000000000000000000')).blocks * 512;
      } finally {
        await store.shutdown();
      }
    };
    expect(await allocatedAhead(false, join(dir, 'cold'))).toBeLessThanOrEqual(8 * 1024);
    expect(await allocatedAhead(true, join(dir, 'warm'))).toBeGreaterThanOrEqual(16 * 1024);
  });

  it('is off by default and turned on by the upstream keys of a broker config', () => {
    const defaults = toMessageStoreConfig(loadConfig(brokerConfigSchema).values);
    expect(defaults.warmMapedFileEnable).toBe(false);
    const loaded = loadConfig(brokerConfigSchema, { overrides: [['warmMapedFileEnable', 'true'], ['flushLeastPagesWhenWarmMapedFile', '16']] });
    expect(loaded.warnings).toEqual([]);
    const store = toMessageStoreConfig(loaded.values);
    expect(store.warmMapedFileEnable).toBe(true);
    expect(warmingChunkBytes(store)).toBe(64 * 1024);
    // Upstream's default of 4096 pages (16 MiB) is capped: such steps hold the disk long enough to slow SYNC_FLUSH.
    expect(warmingChunkBytes(defaults)).toBe(1024 * 1024);
  });
});
