import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import { decodeOffsetMessageId } from '../../common/message/message-id';
import type { MessageStore } from '../message-store';
import { StoreLockedError } from '../store-lock';
import { makeTempDir, message, openStore, readQueueBodies, removeDir } from './store-test-helpers';

describe('MessageStore put / get', () => {
  let dir: string;
  let store: MessageStore;

  beforeEach(async () => {
    dir = makeTempDir();
    store = await openStore(dir);
  });

  afterEach(async () => {
    await store.shutdown();
    removeDir(dir);
  });

  it('stores a message and serves it through the consume queue once dispatched', async () => {
    const result = await store.putMessage(message('TopicA', 1, 'hello', { TAGS: 'TagA', KEYS: 'k1', UNIQ_KEY: 'U1' }));
    expect(result.status).toBe('PUT_OK');
    const append = result.appendResult!;
    expect(append.wroteOffset).toBe(0);
    expect(append.queueOffset).toBe(0);
    expect(decodeOffsetMessageId(append.msgId)).toEqual({ storeHost: '10.0.0.1:10911', commitLogOffset: 0 });

    await store.waitForDispatch();
    expect(store.getMaxOffsetInQueue('TopicA', 1)).toBe(1);
    const pulled = await store.getMessage('G', 'TopicA', 1, 0, 32);
    expect(pulled.status).toBe('FOUND');
    expect(pulled.nextBeginOffset).toBe(1);
    const decoded = decodeStoredMessage(Buffer.concat(pulled.messages));
    expect(decoded.body.toString()).toBe('hello');
    expect(decoded.queueOffset).toBe(0);
    expect(decoded.commitLogOffset).toBe(0);
    expect(decoded.storeHost).toBe('10.0.0.1:10911');
    expect(decoded.storeTimestamp).toBe(append.storeTimestamp);
    expect(decoded.tags).toBe('TagA');
  });

  it('assigns consecutive queue offsets per queue and groups concurrent appends', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.putMessage(message('T', i % 2, `m${i}`))));
    expect(results.every((r) => r.status === 'PUT_OK')).toBe(true);
    const q0 = results.filter((_, i) => i % 2 === 0).map((r) => r.appendResult!.queueOffset);
    expect(q0).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const physical = results.map((r) => r.appendResult!.wroteOffset);
    expect([...physical].sort((a, b) => a - b)).toEqual(physical);
    await store.waitForDispatch();
    expect(await readQueueBodies(store, 'T', 1)).toEqual(Array.from({ length: 25 }, (_, i) => `m${i * 2 + 1}`));
  });

  it('reports the read-path statuses of spec/store.md §12', async () => {
    expect((await store.getMessage('G', 'Nope', 0, 0, 32)).status).toBe('NO_MATCHED_LOGIC_QUEUE');
    for (let i = 0; i < 3; i++) await store.putMessage(message('S', 0, `x${i}`, { TAGS: i === 1 ? 'B' : 'A' }));
    await store.waitForDispatch();
    expect(await store.getMessage('G', 'S', 0, 3, 32)).toMatchObject({ status: 'OFFSET_OVERFLOW_ONE', nextBeginOffset: 3, minOffset: 0, maxOffset: 3 });
    expect(await store.getMessage('G', 'S', 0, 9, 32)).toMatchObject({ status: 'OFFSET_OVERFLOW_BADLY', nextBeginOffset: 3 });
    const onlyB = {
      isMatchedByConsumeQueue: (code: number | undefined) => code === 66, // "B".hashCode()
      isMatchedByCommitLog: () => true,
    };
    const filtered = await store.getMessage('G', 'S', 0, 0, 32, onlyB);
    expect(filtered.status).toBe('FOUND');
    expect(filtered.messages).toHaveLength(1);
    expect(filtered.nextBeginOffset).toBe(3);
    const none = await store.getMessage('G', 'S', 0, 2, 32, onlyB);
    expect(none).toMatchObject({ status: 'NO_MATCHED_MESSAGE', nextBeginOffset: 3 });
    const limited = await store.getMessage('G', 'S', 0, 0, 2);
    expect(limited.messages).toHaveLength(2);
    expect(limited.nextBeginOffset).toBe(2);
  });

  it('refuses oversized bodies and properties with clear statuses', async () => {
    await store.shutdown();
    store = await openStore(dir, { maxMessageSize: 1000 });
    expect((await store.putMessage(message('T', 0, Buffer.alloc(1001)))).status).toBe('MESSAGE_ILLEGAL');
    await store.shutdown();
    store = await openStore(dir);
    expect((await store.putMessage(message('T', 0, 'x', { P: 'y'.repeat(33_000) }))).status).toBe('PROPERTIES_SIZE_EXCEEDED');
    // In a batch, a message's own properties plus the batch's must fit together.
    const batchTooBig = await store.putMessages({
      topic: 'T',
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: 1,
      bornHost: '1.2.3.4:5',
      messages: [{ flag: 0, body: Buffer.from('x'), properties: new Map([['P', 'y'.repeat(20_000)]]) }],
      batchProperties: new Map([['Q', 'z'.repeat(20_000)]]),
    });
    expect(batchTooBig.status).toBe('PROPERTIES_SIZE_EXCEEDED');
    expect((await store.putMessage(message('T'.repeat(128), 0, 'x'))).status).toBe('MESSAGE_ILLEGAL');
    const tooBigForSegment = await store.putMessage(message('T', 0, Buffer.alloc(70_000)));
    expect(tooBigForSegment.status).toBe('MESSAGE_ILLEGAL');
    expect((await store.putMessage(message('T', 0, 'fine'))).status).toBe('PUT_OK');
  });

  it('stores a batch contiguously with consecutive queue offsets and batch properties appended', async () => {
    await store.putMessage(message('B', 0, 'first'));
    const result = await store.putMessages({
      topic: 'B',
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: 1,
      bornHost: '1.2.3.4:5',
      messages: [0, 1, 2].map((i) => ({ flag: i, body: Buffer.from(`b${i}`), properties: new Map([['UNIQ_KEY', `U${i}`]]) })),
      batchProperties: new Map([['CLUSTER', 'c1']]),
    });
    expect(result.status).toBe('PUT_OK');
    expect(result.appendResult!.queueOffset).toBe(1);
    expect(result.appendResult!.msgNum).toBe(3);
    expect(result.appendResult!.msgId.split(',')).toHaveLength(3);
    await store.waitForDispatch();
    const pulled = await store.getMessage('G', 'B', 0, 1, 32);
    const decoded = pulled.messages.map((record) => decodeStoredMessage(record));
    expect(decoded.map((m) => [m.body.toString(), m.flag, m.queueOffset, m.properties.get('CLUSTER'), m.uniqKey])).toEqual([
      ['b0', 0, 1, 'c1', 'U0'],
      ['b1', 1, 2, 'c1', 'U1'],
      ['b2', 2, 3, 'c1', 'U2'],
    ]);
    const delayed = await store.putMessages({ topic: 'B', queueId: 0, sysFlag: 0, bornTimestamp: 1, bornHost: '1.2.3.4:5', messages: [{ flag: 0, body: Buffer.from('d'), properties: new Map([['DELAY', '2']]) }] });
    expect(delayed.status).toBe('MESSAGE_ILLEGAL');
  });

  it('re-targets delayed messages to SCHEDULE_TOPIC_XXXX with the delivery time as tag code', async () => {
    const result = await store.putMessage(message('Real', 3, 'later', { DELAY: '99', TAGS: 't' }));
    expect(result.status).toBe('PUT_OK');
    await store.waitForDispatch();
    expect(store.getMaxOffsetInQueue('Real', 3)).toBe(0);
    expect(store.getMaxOffsetInQueue('SCHEDULE_TOPIC_XXXX', 17)).toBe(1); // level clamped to 18
    let seenTagsCode: number | undefined;
    const pulled = await store.getMessage('G', 'SCHEDULE_TOPIC_XXXX', 17, 0, 1, {
      isMatchedByConsumeQueue: (code) => ((seenTagsCode = code), true),
      isMatchedByCommitLog: () => true,
    });
    const stored = decodeStoredMessage(pulled.messages[0]);
    expect(stored.properties.get('REAL_TOPIC')).toBe('Real');
    expect(stored.properties.get('REAL_QID')).toBe('3');
    expect(stored.properties.get('DELAY')).toBe('18');
    expect(seenTagsCode).toBe(stored.storeTimestamp + 2 * 3600 * 1000);
  });

  it('gives PREPARED records no consume-queue unit and queue offset 0', async () => {
    const prepared = { ...message('Half', 0, 'p'), sysFlag: 0x4 };
    const result = await store.putMessage(prepared);
    expect(result.appendResult!.queueOffset).toBe(0);
    await store.putMessage(message('Half', 0, 'normal'));
    await store.waitForDispatch();
    expect(store.getMaxOffsetInQueue('Half', 0)).toBe(1);
    const looked = await store.lookMessageByOffset(result.appendResult!.wroteOffset);
    expect(looked?.message.body.toString()).toBe('p');
  });

  it('notifies arrival listeners after dispatch', async () => {
    const arrivals: Array<[string, number, number]> = [];
    store.addMessageArrivingListener((a) => arrivals.push([a.topic, a.queueId, a.logicOffset]));
    await store.putMessage(message('L', 2, 'a'));
    await store.putMessage(message('L', 2, 'b'));
    await store.waitForDispatch();
    expect(arrivals).toEqual([
      ['L', 2, 1],
      ['L', 2, 2],
    ]);
  });

  it('finds messages by key, by unique key and by offset message id', async () => {
    const put = await store.putMessage(message('K', 0, 'keyed', { KEYS: 'order-1 order-2', UNIQ_KEY: 'AB12' }));
    await store.putMessage(message('K', 0, 'other', { KEYS: 'order-3' }));
    await store.waitForDispatch();
    const byKey = await store.queryMessage('K', 'order-2', 32, 0, Number.MAX_SAFE_INTEGER);
    expect(byKey.messages.map((r) => decodeStoredMessage(r).body.toString())).toEqual(['keyed']);
    const byUniq = await store.queryMessage('K', 'AB12', 32, 0, Number.MAX_SAFE_INTEGER);
    expect(byUniq.messages).toHaveLength(1);
    expect(byUniq.indexLastUpdatePhyoffset).toBeGreaterThan(0);
    expect((await store.queryMessage('Other', 'order-2', 32, 0, Number.MAX_SAFE_INTEGER)).messages).toHaveLength(0);
    const { commitLogOffset } = decodeOffsetMessageId(put.appendResult!.msgId);
    expect((await store.lookMessageByOffset(commitLogOffset))?.message.keys).toBe('order-1 order-2');
  });

  it('answers offset-by-time and store-timestamp look-ups', async () => {
    await store.shutdown();
    let now = 1_800_000_000_000;
    store = await openStore(dir, {}, { clock: () => now });
    for (let i = 0; i < 10; i++) {
      now = 1_800_000_000_000 + i * 1000;
      await store.putMessage(message('Time', 0, `t${i}`));
    }
    await store.waitForDispatch();
    expect(await store.getMessageStoreTimestamp('Time', 0, 4)).toBe(1_800_000_004_000);
    expect(await store.getOffsetInQueueByTime('Time', 0, 1_800_000_004_000)).toBe(4);
    expect(await store.getOffsetInQueueByTime('Time', 0, 1_800_000_004_400)).toBe(4);
    expect(await store.getOffsetInQueueByTime('Time', 0, 1_800_000_004_600)).toBe(5);
    expect(await store.getEarliestMessageTime('Time', 0)).toBe(1_800_000_000_000);
  });

  it('deletes topics: consume queues gone, offsets restart at 0', async () => {
    await store.putMessage(message('Gone', 0, 'a'));
    await store.putMessage(message('Gone', 0, 'b'));
    await store.waitForDispatch();
    expect(await store.deleteTopics(['Gone'])).toBe(1);
    expect(fs.existsSync(join(dir, 'consumequeue', 'Gone'))).toBe(false);
    expect(store.getMaxOffsetInQueue('Gone', 0)).toBe(0);
    expect((await store.putMessage(message('Gone', 0, 'c'))).appendResult!.queueOffset).toBe(0);
  });

  it('exposes runtime info keys', async () => {
    await store.putMessage(message('R', 0, 'a'));
    await store.waitForDispatch();
    const info = await store.getRuntimeInfo();
    expect(info.commitLogMinOffset).toBe('0');
    expect(Number(info.commitLogMaxOffset)).toBeGreaterThan(0);
    expect(info.dispatchBehindBytes).toBe('0');
    expect(info.putMessageTimesTotal).toBe('1');
    expect(info.putMessageDistributeTime).toMatch(/^\[<=0ms\]:\d+ \[0~10ms\]:\d+/);
    expect(info.commitLogDirCapacity).toMatch(/^Total : .*, Free : .*\.$/);
    expect(Number(info.commitLogDiskRatio)).toBeGreaterThan(0);
  });

  it('keeps a second store off the same directory', async () => {
    await expect(openStore(dir)).rejects.toBeInstanceOf(StoreLockedError);
  });
});
