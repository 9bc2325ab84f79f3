import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageExt } from '../../common/message/message-ext';
import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { computePullFromWhere, formatConsumeTimestamp, parseConsumeTimestamp } from '../consumer/consume-from-where';
import { LocalFileOffsetStore, localOffsetFilePath } from '../consumer/local-offset-store';
import { ProcessQueue } from '../consumer/process-queue';
import { RemoteOffsetStore, type ConsumerOffsetBroker } from '../consumer/remote-offset-store';
import type { MessageQueue } from '../message-queue';

const message = (queueOffset: number, bodySize = 10): MessageExt =>
  ({ queueOffset, body: Buffer.alloc(bodySize), properties: new Map([['MAX_OFFSET', '100']]) }) as unknown as MessageExt;

describe('ProcessQueue', () => {
  it('commits the smallest offset still in flight, then one past the highest', () => {
    const pq = new ProcessQueue();
    pq.putMessages([message(5), message(6), message(7)]);
    expect(pq.count).toBe(3);
    expect(pq.sizeBytes).toBe(30);
    expect(pq.maxSpan).toBe(2);
    expect(pq.removeMessages([message(6)])).toBe(5);
    expect(pq.removeMessages([message(5)])).toBe(7);
    expect(pq.removeMessages([message(7)])).toBe(8);
    expect(pq.count).toBe(0);
    expect(pq.sizeBytes).toBe(0);
  });

  it('ignores offsets already cached and keeps order when an older one arrives late', () => {
    const pq = new ProcessQueue();
    expect(pq.putMessages([message(10), message(12)])).toBe(2);
    expect(pq.putMessages([message(10), message(11)])).toBe(1);
    expect([pq.minOffset, pq.maxOffset, pq.count]).toEqual([10, 12, 3]);
    expect(pq.removeMessages([message(10)])).toBe(11);
    expect(pq.accumulatedCount).toBe(89); // MAX_OFFSET 100 - last offset 11
  });

  it('answers -1 when nothing is cached (e.g. cleared by a reset)', () => {
    const pq = new ProcessQueue();
    pq.putMessages([message(1)]);
    pq.clear();
    expect(pq.removeMessages([message(1)])).toBe(-1);
  });
});

const mq: MessageQueue = { topic: 'T', brokerName: 'broker-a', queueId: 1 };

class FakeOffsetBroker implements ConsumerOffsetBroker {
  stored = new Map<number, number>();
  commits: Array<{ queueId: number; offset: number; oneway: boolean }> = [];
  failWith: Error | undefined;
  async queryConsumerOffset(queue: MessageQueue): Promise<number> {
    if (this.failWith) throw this.failWith;
    const offset = this.stored.get(queue.queueId);
    if (offset === undefined) throw new ResponseCodeError(ResponseCode.QUERY_NOT_FOUND, 'Not found');
    return offset;
  }
  async updateConsumerOffset(queue: MessageQueue, offset: number, oneway: boolean): Promise<void> {
    this.commits.push({ queueId: queue.queueId, offset, oneway });
    this.stored.set(queue.queueId, offset);
  }
}

describe('RemoteOffsetStore', () => {
  it('reads -1 when the broker has no offset and -2 when it cannot answer', async () => {
    const broker = new FakeOffsetBroker();
    const store = new RemoteOffsetStore(broker);
    expect(await store.readOffset(mq, 'store')).toBe(-1);
    broker.failWith = new Error('connection refused');
    expect(await store.readOffset(mq, 'store')).toBe(-2);
  });

  it('goes up only, commits owned queues oneway and forgets the others', async () => {
    const broker = new FakeOffsetBroker();
    const store = new RemoteOffsetStore(broker);
    store.updateOffset(mq, 10, true);
    store.updateOffset(mq, 7, true);
    expect(await store.readOffset(mq, 'memory')).toBe(10);
    const other = { ...mq, queueId: 2 };
    store.updateOffset(other, 3, true);
    await store.persistAll([mq]);
    expect(broker.commits).toEqual([{ queueId: 1, offset: 10, oneway: true }]);
    expect(await store.readOffset(other, 'memory')).toBe(-1);
    await store.persistAll([mq], true);
    expect(broker.commits[1]).toEqual({ queueId: 1, offset: 10, oneway: false });
  });
});

describe('LocalFileOffsetStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'local-offsets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <dir>/<clientId>/<group>/offsets.json with MessageQueue object keys, and reads it back', async () => {
    const store = new LocalFileOffsetStore('10.0.0.5@DEFAULT', 'G', dir);
    expect(store.path).toBe(join(dir, '10.0.0.5@DEFAULT', 'G', 'offsets.json'));
    store.updateOffset(mq, 42, false);
    await store.persistAll([mq]);
    expect(readFileSync(store.path, 'utf8')).toBe('{"offsetTable":{{"brokerName":"broker-a","queueId":1,"topic":"T"}:42}}');
    const again = new LocalFileOffsetStore('10.0.0.5@DEFAULT', 'G', dir);
    await again.load();
    expect(await again.readOffset(mq, 'memory')).toBe(42);
  });

  it('rewrites the file only when an offset changed, and a restarted store continues from it', async () => {
    const store = new LocalFileOffsetStore('10.0.0.6@DEFAULT', 'G', dir);
    store.updateOffset(mq, 5, false);
    await store.persistAll([mq]);
    // Each write renames a fresh temp file over the old one, so an unchanged inode means no rewrite.
    const first = statSync(store.path).ino;
    await store.persistAll([mq]);
    expect(statSync(store.path).ino).toBe(first);
    store.updateOffset(mq, 6, true);
    await store.persistAll([mq]);
    expect(statSync(store.path).ino).not.toBe(first);
    const restarted = new LocalFileOffsetStore('10.0.0.6@DEFAULT', 'G', dir);
    await restarted.load();
    expect(await restarted.readOffset(mq, 'memory-then-store')).toBe(6);
  });

  it("reads a file Java wrote and answers -1 for queues it does not list", async () => {
    const path = localOffsetFilePath('java@DEFAULT', 'G', dir);
    mkdirSync(join(dir, 'java@DEFAULT', 'G'), { recursive: true });
    writeFileSync(path, '{\n\t"offsetTable":{{\n\t\t\t"brokerName":"broker-a",\n\t\t\t"queueId":1,\n\t\t\t"topic":"T"\n\t\t}:7\n\t}\n}');
    const store = new LocalFileOffsetStore('java@DEFAULT', 'G', dir);
    expect(await store.readOffset(mq, 'store')).toBe(7);
    expect(await store.readOffset({ ...mq, queueId: 9 }, 'store')).toBe(-1);
  });
});

describe('consumeFromWhere', () => {
  const lookup = { maxOffset: async () => 500, searchOffset: async (_: MessageQueue, ts: number) => (ts === 1234 ? 77 : -1) };
  const storeWith = (offset: number) => ({ readOffset: async () => offset }) as unknown as RemoteOffsetStore;

  it('uses the committed offset whatever the setting', async () => {
    for (const where of ['CONSUME_FROM_LAST_OFFSET', 'CONSUME_FROM_FIRST_OFFSET', 'CONSUME_FROM_TIMESTAMP'] as const) {
      expect(await computePullFromWhere(mq, where, 1234, storeWith(9), lookup)).toBe(9);
    }
  });

  it('without one: last => max, first => 0, timestamp => searched offset', async () => {
    expect(await computePullFromWhere(mq, 'CONSUME_FROM_LAST_OFFSET', 0, storeWith(-1), lookup)).toBe(500);
    expect(await computePullFromWhere(mq, 'CONSUME_FROM_FIRST_OFFSET', 0, storeWith(-1), lookup)).toBe(0);
    expect(await computePullFromWhere(mq, 'CONSUME_FROM_TIMESTAMP', 1234, storeWith(-1), lookup)).toBe(77);
  });

  it('retry topics: last => 0, timestamp => max', async () => {
    const retry = { ...mq, topic: '%RETRY%G' };
    expect(await computePullFromWhere(retry, 'CONSUME_FROM_LAST_OFFSET', 0, storeWith(-1), lookup)).toBe(0);
    expect(await computePullFromWhere(retry, 'CONSUME_FROM_TIMESTAMP', 1234, storeWith(-1), lookup)).toBe(500);
  });

  it('an unreadable store (-2) postpones the queue', async () => {
    expect(await computePullFromWhere(mq, 'CONSUME_FROM_FIRST_OFFSET', 0, storeWith(-2), lookup)).toBe(-1);
  });

  it('parses and formats yyyyMMddHHmmss in local time', () => {
    const ts = parseConsumeTimestamp('20240131235959');
    expect(new Date(ts).getFullYear()).toBe(2024);
    expect(new Date(ts).getHours()).toBe(23);
    expect(formatConsumeTimestamp(ts)).toBe('20240131235959');
    expect(() => parseConsumeTimestamp('2024-01-31')).toThrow(/yyyyMMddHHmmss/);
  });
});
