import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { javaCrc32 } from '../../common/crc32';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import type { MessageStore } from '../message-store';
import type { MessageStoreConfig } from '../message-store-config';
import { makeTempDir, message, openStore, removeDir } from './store-test-helpers';

// Recovery after damage done on purpose (spec/store.md §9): each scenario runs over several store configurations.

const configurations: Array<[string, Partial<MessageStoreConfig>]> = [
  ['ASYNC_FLUSH, 64 KiB segments', { flushDiskType: 'ASYNC_FLUSH', mappedFileSizeCommitLog: 64 * 1024 }],
  ['SYNC_FLUSH, 64 KiB segments', { flushDiskType: 'SYNC_FLUSH', mappedFileSizeCommitLog: 64 * 1024 }],
  ['ASYNC_FLUSH, 1 MiB segments, no periodic flush', { flushDiskType: 'ASYNC_FLUSH', mappedFileSizeCommitLog: 1024 * 1024, flushIntervalCommitLog: 60_000, flushCommitLogThoroughInterval: 60_000 }],
];

const TOPIC = 'Rec';
const QUEUES = 3;

interface Written {
  body: string;
  queueId: number;
  queueOffset: number;
  wroteOffset: number;
  wroteBytes: number;
}

async function writeWorkload(store: MessageStore, count: number, from = 0): Promise<Written[]> {
  const written: Written[] = [];
  for (let i = from; i < from + count; i++) {
    const queueId = i % QUEUES;
    const body = `message-${i}-` + 'p'.repeat((i * 37) % 500);
    const result = await store.putMessage(message(TOPIC, queueId, body, { KEYS: `key-${i}`, UNIQ_KEY: `UNIQ${i}`, TAGS: `tag${i % 4}` }));
    expect(result.status).toBe('PUT_OK');
    written.push({ body, queueId, queueOffset: result.appendResult!.queueOffset, wroteOffset: result.appendResult!.wroteOffset, wroteBytes: result.appendResult!.wroteBytes });
  }
  return written;
}

/** Every expected message is served by the pull path, in order, with a matching body CRC, and nothing else. */
async function expectExactly(store: MessageStore, expected: Written[]): Promise<void> {
  await store.waitForDispatch();
  for (let queueId = 0; queueId < QUEUES; queueId++) {
    const want = expected.filter((w) => w.queueId === queueId);
    const got: string[] = [];
    let offset = 0;
    for (;;) {
      const result = await store.getMessage('G', TOPIC, queueId, offset, 32);
      if (result.status !== 'FOUND') {
        expect(['OFFSET_OVERFLOW_ONE', 'NO_MESSAGE_IN_QUEUE', 'NO_MATCHED_LOGIC_QUEUE']).toContain(result.status);
        break;
      }
      for (const record of result.messages) {
        const decoded = decodeStoredMessage(record);
        expect(javaCrc32(decoded.body)).toBe(decoded.bodyCRC);
        expect(decoded.queueOffset).toBe(got.length);
        got.push(decoded.body.toString());
      }
      offset = result.nextBeginOffset;
    }
    expect(got).toEqual(want.map((w) => w.body));
    expect(store.getMaxOffsetInQueue(TOPIC, queueId)).toBe(want.length);
  }
}

async function expectKeysFound(store: MessageStore, written: Written[]): Promise<void> {
  for (const w of [written[0], written[Math.floor(written.length / 2)], written[written.length - 1]]) {
    const index = written.indexOf(w);
    const found = await store.queryMessage(TOPIC, `key-${index}`, 32, 0, Number.MAX_SAFE_INTEGER);
    expect(found.messages.map((r) => decodeStoredMessage(r).body.toString())).toContain(w.body);
  }
}

function lastSegment(dir: string): string {
  const names = fs.readdirSync(join(dir, 'commitlog')).sort();
  return join(dir, 'commitlog', names[names.length - 1]);
}

describe.each(configurations)('recovery (%s)', (_name, config) => {
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

  it('restarts cleanly and continues queue offsets', async () => {
    store = await openStore(dir, config);
    const written = await writeWorkload(store, 300);
    await store.shutdown();
    store = await openStore(dir, config);
    await expectExactly(store, written);
    const more = await writeWorkload(store, 3, 300);
    expect(more.map((w) => w.queueOffset)).toEqual([100, 100, 100]);
    await expectKeysFound(store, [...written, ...more]);
  });

  it('recovers after a crash (abort file left, nothing checkpointed at shutdown)', async () => {
    store = await openStore(dir, config);
    const written = await writeWorkload(store, 300);
    await store.waitForDispatch();
    await store.abandon();
    expect(fs.existsSync(join(dir, 'abort'))).toBe(true);
    store = await openStore(dir, config);
    await expectExactly(store, written);
    await expectKeysFound(store, written);
    expect((await writeWorkload(store, 1, 300))[0].queueOffset).toBe(100);
  });

  it('cuts a last segment truncated in the middle of a record', async () => {
    store = await openStore(dir, config);
    const written = await writeWorkload(store, 300);
    await store.abandon();
    const last = written[written.length - 1];
    const segment = lastSegment(dir);
    const segmentStart = Number(segment.slice(-20));
    fs.truncateSync(segment, last.wroteOffset - segmentStart + Math.floor(last.wroteBytes / 2));
    store = await openStore(dir, config);
    await expectExactly(store, written.slice(0, -1));
    expect(store.commitLogMaxOffset).toBe(last.wroteOffset);
    const next = await writeWorkload(store, 1, 299);
    expect(next[0]).toMatchObject({ queueId: last.queueId, queueOffset: last.queueOffset, wroteOffset: last.wroteOffset });
    await expectExactly(store, [...written.slice(0, -1), next[0]]);
  });

  it('ignores a torn record written after the last acknowledged one', async () => {
    store = await openStore(dir, config);
    const written = await writeWorkload(store, 200);
    await store.abandon();
    const last = written[written.length - 1];
    const segment = lastSegment(dir);
    const at = last.wroteOffset + last.wroteBytes - Number(segment.slice(-20));
    const fd = fs.openSync(segment, 'r+');
    const copy = Buffer.alloc(last.wroteBytes);
    fs.readSync(fd, copy, 0, copy.length, last.wroteOffset - Number(segment.slice(-20)));
    copy.writeBigInt64BE(BigInt(last.wroteOffset + last.wroteBytes), 28); // looks like the next record ...
    const half = Math.floor(copy.length / 2);
    if (at + half <= fs.fstatSync(fd).size) fs.writeSync(fd, copy, 0, half, at); // ... but only half of it landed
    fs.closeSync(fd);
    store = await openStore(dir, config);
    await expectExactly(store, written);
  });

  it('drops a record whose body no longer matches its CRC at the tail', async () => {
    store = await openStore(dir, config);
    const written = await writeWorkload(store, 50);
    await store.abandon();
    const last = written[written.length - 1];
    const segment = lastSegment(dir);
    const fd = fs.openSync(segment, 'r+');
    fs.writeSync(fd, Buffer.from('#'), 0, 1, last.wroteOffset - Number(segment.slice(-20)) + 90); // inside the body
    fs.closeSync(fd);
    // Forget the confirmed offset so the damaged record lies in the validated tail even when it was flushed.
    fs.rmSync(join(dir, 'checkpoint'));
    store = await openStore(dir, config);
    await expectExactly(store, written.slice(0, -1));
  });

  it('rebuilds a deleted consume queue from the commit log', async () => {
    store = await openStore(dir, config);
    const written = await writeWorkload(store, 300);
    await store.shutdown();
    fs.rmSync(join(dir, 'consumequeue', TOPIC, '1'), { recursive: true });
    store = await openStore(dir, config);
    await expectExactly(store, written);
    expect((await writeWorkload(store, 3, 300)).map((w) => w.queueOffset)).toEqual([100, 100, 100]);
  });

  it('rebuilds all consume queues and the index when their directories are deleted', async () => {
    store = await openStore(dir, config);
    const written = await writeWorkload(store, 300);
    await store.abandon();
    fs.rmSync(join(dir, 'consumequeue'), { recursive: true });
    fs.rmSync(join(dir, 'index'), { recursive: true });
    store = await openStore(dir, config);
    await expectExactly(store, written);
    await expectKeysFound(store, written);
  });

  it('recovers without a checkpoint file', async () => {
    store = await openStore(dir, config);
    const written = await writeWorkload(store, 300);
    await store.abandon();
    fs.rmSync(join(dir, 'checkpoint'));
    store = await openStore(dir, config);
    await expectExactly(store, written);
    await expectKeysFound(store, written);
  });
});
