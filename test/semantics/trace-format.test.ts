import { describe, expect, it } from 'vitest';
import type { Message } from '../../broker-core/client/producer/message';
import type { SendResult } from '../../broker-core/client/producer/send-result';
import { TraceDispatcher, type TraceSender } from '../../broker-core/client/trace/trace-dispatcher';
import { decodeTraceData, encodeTraceContext, type TraceContext } from '../../broker-core/client/trace/trace-format';

/**
 * Trace records (spec/semantics.md §15): golden strings written by hand from the field table, both directions, and
 * the background dispatcher's batching and bounded queue.
 */
const C = '\u0001';
const F = '\u0002';

const pub: TraceContext = {
  traceType: 'Pub',
  timestamp: 1700000000123,
  regionId: 'DefaultRegion',
  groupName: 'PG',
  costTime: 7,
  success: true,
  contextCode: 0,
  beans: [
    {
      topic: 'TopicA',
      msgId: '7F00000100002A9F0000000000000001',
      tags: 'TagA',
      keys: 'k1 k2',
      storeHost: '127.0.0.1:10911',
      bodyLength: 11,
      msgType: 'Normal_Msg',
      offsetMsgId: '7F00000100002A9F0000000000000A00',
    },
  ],
};
const PUB_TEXT =
  `Pub${C}1700000000123${C}DefaultRegion${C}PG${C}TopicA${C}7F00000100002A9F0000000000000001${C}TagA${C}k1 k2${C}` +
  `127.0.0.1:10911${C}11${C}7${C}0${C}7F00000100002A9F0000000000000A00${C}true${F}`;

const subBefore: TraceContext = {
  traceType: 'SubBefore',
  timestamp: 1700000000200,
  regionId: 'DefaultRegion',
  groupName: 'CG',
  requestId: 'REQ1',
  costTime: 0,
  success: true,
  contextCode: 0,
  beans: [
    { msgId: 'M1', retryTimes: 0, keys: 'k1' },
    { msgId: 'M2', retryTimes: 3 },
  ],
};
const SUB_BEFORE_TEXT = `SubBefore${C}1700000000200${C}DefaultRegion${C}CG${C}REQ1${C}M1${C}0${C}k1${F}SubBefore${C}1700000000200${C}DefaultRegion${C}CG${C}REQ1${C}M2${C}3${C}null${F}`;

const subAfter: TraceContext = {
  traceType: 'SubAfter',
  timestamp: 1700000000250,
  groupName: 'CG',
  requestId: 'REQ1',
  costTime: 25,
  success: false,
  contextCode: 4,
  beans: [{ msgId: 'M1', keys: 'k1' }],
};
const SUB_AFTER_TEXT = `SubAfter${C}REQ1${C}M1${C}25${C}false${C}k1${C}4${C}1700000000250${C}CG${F}`;

const endTransaction: TraceContext = {
  traceType: 'EndTransaction',
  timestamp: 1700000000300,
  regionId: 'DefaultRegion',
  groupName: 'TG',
  costTime: 0,
  success: true,
  contextCode: 0,
  beans: [
    {
      topic: 'TxTopic',
      msgId: 'M9',
      tags: undefined,
      keys: 'order-1',
      storeHost: '127.0.0.1:10911',
      msgType: 'Trans_msg_Commit',
      transactionId: 'TX9',
      transactionState: 'COMMIT_MESSAGE',
      fromTransactionCheck: true,
    },
  ],
};
const END_TX_TEXT = `EndTransaction${C}1700000000300${C}DefaultRegion${C}TG${C}TxTopic${C}M9${C}null${C}order-1${C}127.0.0.1:10911${C}2${C}TX9${C}COMMIT_MESSAGE${C}true${F}`;

describe('trace records', () => {
  it('encodes each type in the field order of the spec, with its index keys', () => {
    expect(encodeTraceContext(pub)).toEqual({ data: PUB_TEXT, keys: new Set(['7F00000100002A9F0000000000000001', 'k1 k2']) });
    expect(encodeTraceContext(subBefore)).toEqual({ data: SUB_BEFORE_TEXT, keys: new Set(['M1', 'k1', 'M2']) });
    expect(encodeTraceContext(subAfter).data).toBe(SUB_AFTER_TEXT);
    expect(encodeTraceContext(endTransaction).data).toBe(END_TX_TEXT);
  });

  it('decodes a body of several records back into one context per record', () => {
    const decoded = decodeTraceData(PUB_TEXT + SUB_BEFORE_TEXT + SUB_AFTER_TEXT + END_TX_TEXT);
    expect(decoded).toEqual([
      pub,
      { ...subBefore, beans: [subBefore.beans[0]] },
      { ...subBefore, beans: [{ msgId: 'M2', retryTimes: 3, keys: undefined }] },
      subAfter,
      endTransaction,
    ]);
  });

  it('reads older layouts: Pub without offsetMsgId or with clientHost, SubAfter without timestamp and group', () => {
    const [old13, with15] = decodeTraceData(
      `Pub${C}1${C}R${C}G${C}T${C}M${C}null${C}null${C}h:1${C}3${C}4${C}3${C}false${F}` +
        `Pub${C}1${C}R${C}G${C}T${C}M${C}null${C}null${C}h:1${C}3${C}4${C}1${C}OFF${C}true${C}10.0.0.9${F}`,
    );
    expect(old13).toMatchObject({ success: false, beans: [{ msgType: 'Delay_Msg' }] });
    expect(old13.beans[0].offsetMsgId).toBeUndefined();
    expect(with15).toMatchObject({ success: true, beans: [{ msgType: 'Trans_Msg_Half', offsetMsgId: 'OFF', clientHost: '10.0.0.9' }] });
    const [after7] = decodeTraceData(`SubAfter${C}R1${C}M${C}5${C}true${C}k${C}0${F}`);
    expect(after7).toMatchObject({ traceType: 'SubAfter', requestId: 'R1', costTime: 5, success: true, contextCode: 0, timestamp: 0, groupName: undefined });
  });

  it('skips records of unknown types and malformed ones', () => {
    const body = `Recall${C}x${F}SubBefore${C}notanumber${C}R${C}G${C}Q${C}M${C}0${C}k${F}` + SUB_AFTER_TEXT;
    expect(decodeTraceData(body)).toEqual([subAfter]);
  });
});

/** An in-memory trace sender: records every trace message; sends stay pending until released. */
function recordingSender() {
  const sent: Message[] = [];
  const pending: Array<() => void> = [];
  let hold = false;
  const sender: TraceSender = {
    start: async () => undefined,
    shutdown: async () => undefined,
    send: (message) =>
      new Promise<SendResult>((resolve) => {
        sent.push(message);
        const done = () => resolve({ sendStatus: 'SEND_OK' } as SendResult);
        if (hold) pending.push(done);
        else done();
      }),
  };
  return {
    sender,
    sent,
    hold: (value: boolean) => (hold = value),
    release: () => pending.splice(0).forEach((done) => done()),
  };
}

const subAfterOf = (i: number): TraceContext => ({ ...subAfter, requestId: `R${i}`, beans: [{ msgId: `M${i}`, keys: `K${i}` }] });

describe('trace dispatcher', () => {
  const dispatcherWith = (sender: TraceSender, extra: Partial<ConstructorParameters<typeof TraceDispatcher>[0]> = {}) =>
    new TraceDispatcher({ group: 'G', type: 'CONSUME', clientOptions: { namesrvAddr: '127.0.0.1:9876' }, flushIntervalMs: 20, ...extra }, () => sender);

  it('sends 100 contexts per trace message at once, the rest after the flush interval, keyed by ids and keys', async () => {
    const { sender, sent } = recordingSender();
    const dispatcher = dispatcherWith(sender);
    await dispatcher.start();
    for (let i = 0; i < 150; i++) expect(dispatcher.append(subAfterOf(i))).toBe(true);
    expect(sent).toHaveLength(1); // the first 100 went out synchronously
    await dispatcher.flush();
    expect(sent).toHaveLength(2);
    expect(sent[0].topic).toBe('RMQ_SYS_TRACE_TOPIC');
    expect(decodeTraceData(String(sent[0].body))).toHaveLength(100);
    expect(decodeTraceData(String(sent[1].body))).toHaveLength(50);
    expect(sent[1].keys).toEqual(expect.arrayContaining(['M100', 'K100', 'M149', 'K149']));
    expect(dispatcher.queued).toBe(0);
    await dispatcher.shutdown();
  });

  it('cuts trace messages at maxMsgSize', async () => {
    const { sender, sent } = recordingSender();
    const dispatcher = dispatcherWith(sender, { maxMsgSize: 200 });
    await dispatcher.start();
    for (let i = 0; i < 10; i++) dispatcher.append(subAfterOf(i));
    await dispatcher.flush();
    expect(sent.length).toBeGreaterThan(1);
    for (const message of sent) expect(String(message.body).length).toBeLessThanOrEqual(200);
    expect(sent.flatMap((message) => decodeTraceData(String(message.body)))).toHaveLength(10);
    await dispatcher.shutdown();
  });

  it('never blocks: past queueCapacity contexts are dropped and counted until sends complete', async () => {
    const recorder = recordingSender();
    const dispatcher = dispatcherWith(recorder.sender, { queueCapacity: 10, batchSize: 5 });
    await dispatcher.start();
    recorder.hold(true);
    const results = Array.from({ length: 25 }, (_, i) => dispatcher.append(subAfterOf(i)));
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(dispatcher.droppedCount).toBe(15);
    recorder.release();
    await dispatcher.flush();
    expect(dispatcher.queued).toBe(0);
    expect(dispatcher.append(subAfterOf(99))).toBe(true);
    recorder.hold(false);
    await dispatcher.shutdown();
    expect(recorder.sent.flatMap((message) => decodeTraceData(String(message.body)))).toHaveLength(11);
  });
});
