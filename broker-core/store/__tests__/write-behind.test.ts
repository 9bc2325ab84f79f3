import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import type { DispatchRequest } from '../dispatch-request';
import { IndexService } from '../index-service';
import type { MessageStore } from '../message-store';
import { makeTempDir, message, openStore, readQueueBodies, removeDir } from './store-test-helpers';

// Write-behind buffers of the consume queues and the index (consume-queue.ts, index-file.ts): units and entries are
// readable as soon as their dispatch round ends, before they reach the files, and a crash that loses the buffers
// loses nothing readers rely on.

/** Consume-queue files stay 100 units; the timer that writes buffers is pushed out of the test's way. */
const NO_TIMER = { mappedFileSizeConsumeQueue: 20 * 100, flushIntervalConsumeQueue: 600_000, flushConsumeQueueThoroughInterval: 600_000 };

function queueFile(dir: string, topic: string, queueId: number, name = '00000000000000000000'): Buffer | undefined {
  const path = join(dir, 'consumequeue', topic, String(queueId), name);
  return fs.existsSync(path) ? fs.readFileSync(path) : undefined;
}

/** Units [from, to) of a queue file are still zeros (or the file does not exist yet). */
function unitsNotInFile(dir: string, from: number, to: number, name?: string): boolean {
  const file = queueFile(dir, 'W', 0, name);
  return file === undefined || file.subarray(from * 20, to * 20).every((byte) => byte === 0);
}

const keysOf = async (store: MessageStore, key: string) =>
  (await store.queryMessage('W', key, 32, 0, Number.MAX_SAFE_INTEGER)).messages.map((record) => decodeStoredMessage(record).body.toString());

describe('write-behind consume queues and index', () => {
  let dir: string;
  let store: MessageStore | undefined;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(async () => {
    await store?.shutdown();
    store = undefined;
    removeDir(dir);
  });

  it('serves buffered units to every reader before they reach the file', async () => {
    let now = 1_800_000_000_000;
    store = await openStore(dir, NO_TIMER, { clock: () => now });
    for (let i = 0; i < 40; i++) {
      now += 1000;
      await store.putMessage(message('W', 0, `m${i}`, { KEYS: `k${i}` }));
    }
    await store.waitForDispatch();
    expect(unitsNotInFile(dir, 0, 40)).toBe(true);
    expect(store.getMaxOffsetInQueue('W', 0)).toBe(40);
    expect(await readQueueBodies(store, 'W', 0)).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`));
    expect(await store.getMessageStoreTimestamp('W', 0, 7)).toBe(1_800_000_008_000);
    expect(await store.getOffsetInQueueByTime('W', 0, 1_800_000_010_400)).toBe(9);
    expect(await keysOf(store, 'k39')).toEqual(['m39']);
    await store.shutdown();
    store = undefined;
    const file = queueFile(dir, 'W', 0)!;
    expect(file.subarray(39 * 20, 40 * 20).some((byte) => byte !== 0)).toBe(true); // written at shutdown
  });

  it('reads a pull that starts in the file and ends in the buffer, never crossing a queue file', async () => {
    store = await openStore(dir, NO_TIMER);
    for (let i = 0; i < 110; i++) await store.putMessage(message('W', 0, `m${i}`));
    await store.waitForDispatch();
    // Reaching into the second file forced the write of both files' units.
    expect(unitsNotInFile(dir, 0, 100)).toBe(false);
    for (let i = 110; i < 115; i++) await store.putMessage(message('W', 0, `m${i}`));
    await store.waitForDispatch();
    expect(unitsNotInFile(dir, 10, 15, '00000000000000002000')).toBe(true);

    const straddling = await store.getMessage('G', 'W', 0, 105, 32);
    expect(straddling.messages.map((record) => decodeStoredMessage(record).body.toString())).toEqual(['m105', 'm106', 'm107', 'm108', 'm109', 'm110', 'm111', 'm112', 'm113', 'm114']);
    const endOfFirstFile = await store.getMessage('G', 'W', 0, 98, 32);
    expect(endOfFirstFile.messages).toHaveLength(2);
    expect(endOfFirstFile.nextBeginOffset).toBe(100);
  });

  it('rebuilds units and index entries lost from the buffers in a crash', async () => {
    store = await openStore(dir, NO_TIMER);
    for (let i = 0; i < 60; i++) await store.putMessage(message('W', 0, `m${i}`, { KEYS: `k${i}`, UNIQ_KEY: `U${i}` }));
    await store.waitForDispatch();
    expect(unitsNotInFile(dir, 0, 60)).toBe(true);
    await store.abandon(); // no final write of the buffers, no checkpoint
    store = await openStore(dir, NO_TIMER);
    expect(await readQueueBodies(store, 'W', 0)).toEqual(Array.from({ length: 60 }, (_, i) => `m${i}`));
    expect(await keysOf(store, 'k0')).toEqual(['m0']);
    expect(await keysOf(store, 'U59')).toEqual(['m59']);
    expect((await store.putMessage(message('W', 0, 'next'))).appendResult!.queueOffset).toBe(60);
  });

  it('writes the buffers on the consume-queue flush timer', async () => {
    store = await openStore(dir, { mappedFileSizeConsumeQueue: 20 * 100, flushIntervalConsumeQueue: 20 });
    for (let i = 0; i < 10; i++) await store.putMessage(message('W', 0, `m${i}`));
    await store.waitForDispatch();
    const deadline = Date.now() + 5000;
    while (unitsNotInFile(dir, 0, 10) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unitsNotInFile(dir, 9, 10)).toBe(false);
  });
});

describe('index roll-over interrupted by a crash', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  function request(i: number): DispatchRequest {
    return {
      topic: 'W',
      queueId: 0,
      commitLogOffset: i * 100,
      msgSize: 100,
      tagsCode: 0,
      storeTimestamp: 1_800_000_000_000 + i,
      consumeQueueOffset: i,
      keys: `k${i}`,
      sysFlag: 0,
      preparedTransactionOffset: 0,
      bornTimestamp: 0,
      properties: new Map(),
    };
  }

  it('re-indexes the keys the old file had not recorded in its header when the new file was created', async () => {
    let now = 1_800_000_000_000;
    const open = () => new IndexService(dir, 16, 10, () => now++);
    const before = open();
    for (let i = 0; i < 4; i++) before.dispatch(request(i));
    await before.persist(); // a checkpoint: the first file records keys 0..3
    for (let i = 4; i < 12; i++) before.dispatch(request(i)); // 9 entries fill the file: key 9 opens a second one
    expect(fs.readdirSync(dir)).toHaveLength(2);
    before.close(); // killed before the next commit retired (wrote) the first file

    const after = open();
    after.load(true);
    for (let i = 4; i < 12; i++) after.dispatch(request(i)); // re-dispatch from the checkpoint
    for (let i = 0; i < 12; i++) expect((await after.query('W', `k${i}`, 4, 0, Number.MAX_SAFE_INTEGER)).phyOffsets).toEqual([i * 100]);
    after.close();
  });
});
