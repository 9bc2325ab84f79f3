import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import { StoreLock, StoreLockedError } from '../store-lock';
import { makeTempDir, message, openStore, readQueueBodies, removeDir } from './store-test-helpers';

describe('store edges', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('takes over a stale lock file but not one held by a live process', async () => {
    const lockPath = join(dir, 'lock');
    fs.writeFileSync(lockPath, 'lock'); // what a Java broker leaves behind
    const lock = StoreLock.acquire(lockPath);
    lock.release();
    fs.writeFileSync(lockPath, `${process.ppid}\n`); // our parent: alive
    expect(() => StoreLock.acquire(lockPath)).toThrow(StoreLockedError);
    fs.writeFileSync(lockPath, '2147483646\n'); // no such pid
    StoreLock.acquire(lockPath).release();
  });

  it('rolls index files when full and finds keys in every file, before and after a restart', async () => {
    let store = await openStore(dir, { maxIndexNum: 50, maxHashSlotNum: 16 });
    for (let i = 0; i < 120; i++) await store.putMessage(message('Idx', 0, `v${i}`, { KEYS: `key${i}` }));
    await store.waitForDispatch();
    expect(fs.readdirSync(join(dir, 'index')).length).toBe(3); // 49 entries per file
    const find = async (key: string) => (await store.queryMessage('Idx', key, 32, 0, Number.MAX_SAFE_INTEGER)).messages.map((r) => decodeStoredMessage(r).body.toString());
    for (const i of [0, 48, 49, 119]) expect(await find(`key${i}`)).toEqual([`v${i}`]);
    await store.shutdown();
    store = await openStore(dir, { maxIndexNum: 50, maxHashSlotNum: 16 });
    for (const i of [1, 60, 118]) expect(await find(`key${i}`)).toEqual([`v${i}`]);
    await store.shutdown();
  });

  it('reads records larger than the dispatch and recovery read chunks', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 7);
    big.write('start');
    let store = await openStore(dir, { mappedFileSizeCommitLog: 16 * 1024 * 1024 });
    await store.putMessage(message('Big', 0, 'small'));
    expect((await store.putMessage(message('Big', 0, big))).status).toBe('PUT_OK');
    await store.putMessage(message('Big', 0, 'after'));
    await store.waitForDispatch();
    await store.abandon();
    fs.rmSync(join(dir, 'checkpoint')); // validate the whole segment, big record included
    store = await openStore(dir, { mappedFileSizeCommitLog: 16 * 1024 * 1024 });
    const bodies = await readQueueBodies(store, 'Big', 0);
    expect(bodies).toHaveLength(3);
    expect(bodies[1].length).toBe(big.length);
    expect(bodies[2]).toBe('after');
    await store.shutdown();
  });

  it('never crosses a consume-queue file in one pull and applies the transfer limits', async () => {
    const store = await openStore(dir, { maxTransferCountOnMessageInMemory: 8 });
    for (let i = 0; i < 150; i++) await store.putMessage(message('Q', 0, `q${i}`));
    await store.waitForDispatch();
    expect(fs.readdirSync(join(dir, 'consumequeue', 'Q', '0'))).toEqual(['00000000000000000000', '00000000000000002000']);
    const limited = await store.getMessage('G', 'Q', 0, 0, 32);
    expect(limited.messages).toHaveLength(8);
    const nearEnd = await store.getMessage('G', 'Q', 0, 96, 32);
    expect(nearEnd.messageQueueOffsets).toEqual([96, 97, 98, 99]); // the first file ends at unit 100
    expect(nearEnd.nextBeginOffset).toBe(100);
    const second = await store.getMessage('G', 'Q', 0, 100, 3);
    expect(second.messages.map((r) => decodeStoredMessage(r).body.toString())).toEqual(['q100', 'q101', 'q102']);
    expect(await readQueueBodies(store, 'Q', 0)).toHaveLength(150);
    await store.shutdown();
  });

  it('keeps serving reads while new segments and queue files are created', async () => {
    const store = await openStore(dir);
    const writers = Array.from({ length: 400 }, (_, i) => store.putMessage(message('C', i % 4, `c${i}-` + 'z'.repeat(500))));
    const readers: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) readers.push(store.getMessage('G', 'C', i % 4, 0, 32));
    await Promise.all([...writers, ...readers]);
    await store.waitForDispatch();
    for (let q = 0; q < 4; q++) expect(await readQueueBodies(store, 'C', q)).toHaveLength(100);
    await store.shutdown();
  });
});
