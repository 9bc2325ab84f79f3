import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageStore } from '../message-store';
import { makeTempDir, message, openStore, readQueueBodies, removeDir } from './store-test-helpers';

// SYNC_FLUSH group commit and its timeout (spec/store.md §4.1). The commit log's flush is wrapped to count and, for
// the timeout case, delay real fdatasync calls; the data path itself is untouched.

describe('SYNC_FLUSH', () => {
  let dir: string;
  let store: MessageStore;
  let flushCalls: number;
  let flushDelayMs: number;
  let flushesCompleted: number;

  beforeEach(async () => {
    dir = makeTempDir();
    store = await openStore(dir, { flushDiskType: 'SYNC_FLUSH', syncFlushTimeout: 100 });
    flushCalls = 0;
    flushDelayMs = 0;
    flushesCompleted = 0;
    const realFlush = store.commitLog.flush.bind(store.commitLog);
    store.commitLog.flush = async () => {
      flushCalls++;
      if (flushDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, flushDelayMs));
      const offset = await realFlush();
      flushesCompleted++;
      return offset;
    };
  });

  afterEach(async () => {
    flushDelayMs = 0;
    await store.shutdown();
    removeDir(dir);
  });

  it('acknowledges only after a flush, sharing fdatasyncs between concurrent appends', async () => {
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => store.putMessage(message('S', 0, `m${i}`))));
    expect(results.every((r) => r.status === 'PUT_OK')).toBe(true);
    expect(flushCalls).toBeGreaterThan(0);
    expect(flushCalls).toBeLessThan(64);
    const info = await store.getRuntimeInfo();
    expect(info.remainHowManyDataToFlush).toBe('0 B');
  });

  it('answers FLUSH_DISK_TIMEOUT past syncFlushTimeout and keeps the message', async () => {
    flushDelayMs = 400;
    const slow = await store.putMessage(message('S', 0, 'slow'));
    expect(slow.status).toBe('FLUSH_DISK_TIMEOUT');
    expect(slow.appendResult?.queueOffset).toBe(0);
    flushDelayMs = 0;
    await store.waitForDispatch();
    expect(await readQueueBodies(store, 'S', 0)).toEqual(['slow']);
  });

  it('does not make WAIT=false messages wait for the disk', async () => {
    flushDelayMs = 400;
    const quick = await store.putMessage(message('S', 0, 'nowait', { WAIT: 'false' }));
    expect(quick.status).toBe('PUT_OK');
    expect(flushCalls).toBe(1); // the flush was requested ...
    expect(flushesCompleted).toBe(0); // ... and the put did not wait for it
  });
});
