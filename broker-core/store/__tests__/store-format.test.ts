import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../checkpoint-format';
import { makeTempDir, message, openStore, removeDir } from './store-test-helpers';

// Byte-level checks of the files the store writes, against vectors computed by hand from spec/store.md.
// Geometry from smallStoreConfig: 64 KiB commit-log segments, 100-unit consume-queue files, 1000 slots × 4000 entries.

describe('on-disk formats', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('ends a full segment with a blank record and continues in the next one (spec §3.2 step 6)', async () => {
    const store = await openStore(dir);
    // topic "T", no properties, 908-byte body: 84 + (4 + 908) + (1 + 1) + (2 + 0) = 1000 bytes per record.
    const results = [];
    for (let i = 0; i < 66; i++) results.push(await store.putMessage(message('T', 0, Buffer.alloc(908, i))));
    expect(results[64].appendResult).toMatchObject({ wroteOffset: 64_000, wroteBytes: 1000 });
    // 65 records end at 65 000; 536 bytes remain < 1000 + 8, so record 66 starts the next segment.
    expect(results[65].appendResult!.wroteOffset).toBe(65_536);
    await store.shutdown();

    const first = fs.readFileSync(join(dir, 'commitlog', '00000000000000000000'));
    expect(first.length).toBe(65_536);
    expect(first.subarray(65_000, 65_008).toString('hex')).toBe('00000218' + 'cbd43194'); // TOTALSIZE 536, BLANK magic
    expect(first.subarray(65_008).every((byte) => byte === 0)).toBe(true);
    const second = fs.readFileSync(join(dir, 'commitlog', '00000000000000065536'));
    expect(second.readInt32BE(0)).toBe(1000);
    expect(second.readInt32BE(4)).toBe(0xdaa320a7 | 0);
    expect(second.subarray(20, 36).toString('hex')).toBe('0000000000000041' + '0000000000010000'); // queue offset 65, physical 65 536
  });

  it('writes 20-byte consume-queue units with the sign-extended tag hash (spec §6.1, §6.4)', async () => {
    const store = await openStore(dir);
    await store.putMessage(message('T', 0, Buffer.alloc(908)));
    await store.putMessage(message('T', 0, 'x', { TAGS: 'TagA' }));
    await store.putMessage(message('T', 0, 'y', { TAGS: 'ZZZZZZZZ' }));
    await store.shutdown();
    const queue = fs.readFileSync(join(dir, 'consumequeue', 'T', '0', '00000000000000000000'));
    expect(queue.length).toBe(2000);
    expect(queue.subarray(0, 60).toString('hex')).toBe(
      [
        '0000000000000000', '000003e8', '0000000000000000', // offset 0, size 1000, no tags
        '00000000000003e8', '00000067', '000000000027a807', // offset 1000, size 84+(4+1)+(1+1)+(2+10) = 103, "TagA".hashCode() = 2598919
        '000000000000044f', '0000006b', 'ffffffffbccd4d00', // offset 1103, size 107 (14-byte properties), "ZZZZZZZZ".hashCode() = -1127396096
      ].join(''),
    );
    expect(queue.subarray(60).every((byte) => byte === 0)).toBe(true);
  });

  it('writes index header, slots and entries as upstream (spec §7)', async () => {
    const storeTime = 1_750_000_000_000;
    const store = await openStore(dir, {}, { clock: () => storeTime });
    // KEYS "k1 k2": keys "T#k1" (hash 2539445, slot 445) and "T#k2" (hash 2539446, slot 446).
    await store.putMessage(message('T', 0, 'x', { KEYS: 'k1 k2' }));
    await store.shutdown();
    const [name] = fs.readdirSync(join(dir, 'index'));
    expect(name).toMatch(/^\d{17}$/);
    const file = fs.readFileSync(join(dir, 'index', name));
    expect(file.length).toBe(40 + 1000 * 4 + 4000 * 20);
    expect(file.subarray(0, 40).toString('hex')).toBe(
      ['000001977420dc00', '000001977420dc00', '0000000000000000', '0000000000000000', '00000002', '00000003'].join(''),
    );
    expect(file.readInt32BE(40 + 445 * 4)).toBe(1);
    expect(file.readInt32BE(40 + 446 * 4)).toBe(2);
    const entries = 40 + 1000 * 4;
    expect(file.subarray(entries + 20, entries + 60).toString('hex')).toBe(
      ['0026bfb5', '0000000000000000', '00000000', '00000000', '0026bfb6', '0000000000000000', '00000000', '00000000'].join(''),
    );
  });

  it('writes the checkpoint with upstream fields first and ours after them (spec §8)', async () => {
    const store = await openStore(dir, {}, { clock: () => 1_750_000_000_000 });
    const put = await store.putMessage(message('T', 0, 'x'));
    await store.shutdown();
    const checkpoint = fs.readFileSync(join(dir, 'checkpoint'));
    expect(checkpoint.length).toBe(4096);
    expect(checkpoint.readBigInt64BE(0)).toBe(1_750_000_000_000n); // physicMsgTimestamp
    expect(checkpoint.readBigInt64BE(40)).toBe(BigInt(put.appendResult!.wroteBytes)); // confirmed
    expect(checkpoint.readBigInt64BE(48)).toBe(BigInt(put.appendResult!.wroteBytes)); // dispatched
    expect(checkpoint.subarray(64, 72).toString()).toBe('RMQ-TS01');
    expect(fs.existsSync(join(dir, 'abort'))).toBe(false);
    expect(fs.existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('reads a checkpoint written by a Java broker (no fields of ours) and keeps its 5.x bytes', () => {
    const javaPage = Buffer.alloc(72);
    javaPage.writeBigInt64BE(1_700_000_000_000n, 0);
    javaPage.writeBigInt64BE(1_700_000_000_001n, 8);
    javaPage.writeBigInt64BE(1_700_000_000_002n, 16);
    javaPage.writeBigInt64BE(777n, 24); // 5.x masterFlushedOffset
    const fields = decodeCheckpoint(javaPage);
    expect(fields).toMatchObject({ physicMsgTimestamp: 1_700_000_000_000, logicsMsgTimestamp: 1_700_000_000_001, indexMsgTimestamp: 1_700_000_000_002 });
    expect(fields.confirmedPhyOffset).toBeUndefined();
    expect(fields.dispatchedPhyOffset).toBeUndefined();
    const written = encodeCheckpoint({ ...fields, confirmedPhyOffset: 5, dispatchedPhyOffset: 4, consumeQueueCount: 3 });
    expect(written.subarray(0, 32).equals(javaPage.subarray(0, 32))).toBe(true);
    expect(written.subarray(40, 72).toString('hex')).toBe('0000000000000005' + '0000000000000004' + '0000000000000003' + Buffer.from('RMQ-TS01').toString('hex'));
  });
});
