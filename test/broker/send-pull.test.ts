import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBatchMessages } from '../../broker-core/common/message/batch-format';
import { createOffsetMessageId } from '../../broker-core/common/message/message-id';
import { decodeStoredMessages } from '../../broker-core/common/message/stored-message-decoder';
import { decodeOffsetMovedEvent } from '../../broker-core/protocol/bodies/offset-moved-event';
import { ConsumerSendMsgBackRequestHeader } from '../../broker-core/protocol/headers/consumer-send-msg-back';
import {
  GetEarliestMsgStoretimeRequestHeader,
  GetEarliestMsgStoretimeResponseHeader,
  GetMaxOffsetRequestHeader,
  GetMaxOffsetResponseHeader,
  GetMinOffsetRequestHeader,
  GetMinOffsetResponseHeader,
  SearchOffsetRequestHeader,
  SearchOffsetResponseHeader,
} from '../../broker-core/protocol/headers/consumer-offset';
import { PullMessageResponseHeader } from '../../broker-core/protocol/headers/pull-message';
import { QueryMessageRequestHeader, QueryMessageResponseHeader, ViewMessageRequestHeader } from '../../broker-core/protocol/headers/query-message';
import { SendMessageRequestHeader, SendMessageResponseHeader } from '../../broker-core/protocol/headers/send-message';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { createRequest, type RemotingCommand } from '../../broker-core/remoting/remoting-command';
import { pullRequest, sendRequest, startInProcessCluster, type InProcessCluster } from './broker-fixture';

/** The send and pull paths over TCP, against a real store: statuses, headers, bodies, ids. */
describe('send and pull over TCP', () => {
  let cluster: InProcessCluster;
  const invoke = (request: RemotingCommand) => cluster.client.invoke(cluster.broker.address, request, 5000);
  const pull = async (topic: string, options: Parameters<typeof pullRequest>[1] = {}) => {
    await cluster.broker.controller.store.waitForDispatch();
    const response = await invoke(pullRequest(topic, { subscription: '*', ...options }));
    return { response, header: PullMessageResponseHeader.decode(response.extFields), messages: decodeStoredMessages(response.body ?? Buffer.alloc(0)) };
  };

  beforeAll(async () => {
    cluster = await startInProcessCluster();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('stores a message (auto-creating its topic with 4 queues) and returns it from a pull with every field intact', async () => {
    const sent = await invoke(sendRequest('SmokeTopic', 'hello', { tags: 'TagA', keys: 'k1 k2', properties: { color: 'red' } }));
    expect(sent.code).toBe(ResponseCode.SUCCESS);
    const header = SendMessageResponseHeader.decode(sent.extFields);
    expect(header).toMatchObject({ queueId: 0, queueOffset: 0 });
    expect(header.msgId).toBe(createOffsetMessageId(cluster.broker.address, 0));
    expect(sent.extFields).toMatchObject({ MSG_REGION: 'DefaultRegion', TRACE_ON: 'true' });
    expect(cluster.broker.controller.topics.selectTopicConfig('SmokeTopic')).toMatchObject({ readQueueNums: 4, writeQueueNums: 4, perm: 6 });

    const { response, header: pulled, messages } = await pull('SmokeTopic');
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(response.remark).toBe('FOUND');
    expect(pulled).toMatchObject({ nextBeginOffset: 1, minOffset: 0, maxOffset: 1, suggestWhichBrokerId: 0 });
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message.body.toString()).toBe('hello');
    expect(message.msgId).toBe(header.msgId);
    expect(message.tags).toBe('TagA');
    expect(message.keys).toBe('k1 k2');
    expect(message.properties.get('color')).toBe('red');
    expect(message.properties.get('CLUSTER')).toBe('TestCluster');
    expect(message.uniqKey).toBe(header.transactionId);
    expect(message.uniqKey).toMatch(/^[0-9A-F]{32}$/);
  });

  it('accepts the V1 header (code 10) and picks a random queue for queueId < 0', async () => {
    const v2 = sendRequest('V1Topic', 'v1', { queueId: -1 });
    const ext = v2.extFields ?? {};
    const v1 = createRequest(RequestCode.SEND_MESSAGE, {
      body: v2.body,
      extFields: SendMessageRequestHeader.encode({
        producerGroup: ext.a,
        topic: ext.b,
        defaultTopic: ext.c,
        defaultTopicQueueNums: Number(ext.d),
        queueId: -1,
        sysFlag: 0,
        bornTimestamp: Date.now(),
        flag: 0,
        properties: ext.i,
      }),
    });
    const sent = await invoke(v1);
    expect(sent.code).toBe(ResponseCode.SUCCESS);
    expect(SendMessageResponseHeader.decode(sent.extFields).queueId).toBeGreaterThanOrEqual(0);
    expect(SendMessageResponseHeader.decode(sent.extFields).queueId).toBeLessThan(4);
  });

  it('stores a batch with consecutive offsets and comma-joined message ids', async () => {
    const body = encodeBatchMessages(
      ['b0', 'b1', 'b2'].map((text) => ({ flag: 0, body: Buffer.from(text), properties: new Map([['TAGS', 'T']]) })),
    );
    const request = sendRequest('BatchTopic', body, { code: RequestCode.SEND_BATCH_MESSAGE, queueId: 1 });
    const sent = await invoke(request);
    expect(sent.code).toBe(ResponseCode.SUCCESS);
    const header = SendMessageResponseHeader.decode(sent.extFields);
    expect(header.msgId.split(',')).toHaveLength(3);
    expect(header.queueOffset).toBe(0);
    const { messages } = await pull('BatchTopic', { queueId: 1 });
    expect(messages.map((m) => [m.body.toString(), m.queueOffset, m.msgId])).toEqual([
      ['b0', 0, header.msgId.split(',')[0]],
      ['b1', 1, header.msgId.split(',')[1]],
      ['b2', 2, header.msgId.split(',')[2]],
    ]);
    expect(new Set(messages.map((m) => m.uniqKey)).size).toBe(3);
  });

  it('answers the pull statuses as upstream decides them', async () => {
    await invoke(sendRequest('StatusTopic', 'a', { tags: 'TagA' }));
    await invoke(sendRequest('StatusTopic', 'b', { tags: 'TagB' }));
    // at the end of the queue, no suspend: PULL_NOT_FOUND with the same offset
    let result = await pull('StatusTopic', { offset: 2 });
    expect([result.response.code, result.response.remark, result.header.nextBeginOffset]).toEqual([ResponseCode.PULL_NOT_FOUND, 'OFFSET_OVERFLOW_ONE', 2]);
    // all filtered out: retry immediately, past what was scanned
    result = await pull('StatusTopic', { offset: 0, subscription: 'TagC' });
    expect([result.response.code, result.response.remark, result.header.nextBeginOffset]).toEqual([ResponseCode.PULL_RETRY_IMMEDIATELY, 'NO_MATCHED_MESSAGE', 2]);
    // tag filtering at the broker
    result = await pull('StatusTopic', { offset: 0, subscription: 'TagB || TagX' });
    expect(result.messages.map((m) => m.body.toString())).toEqual(['b']);
    // beyond the end: offset moved to max
    result = await pull('StatusTopic', { offset: 7 });
    expect([result.response.code, result.response.remark, result.header.nextBeginOffset]).toEqual([ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_OVERFLOW_BADLY', 2]);
    // an empty queue: offset 0 is not found, any other offset moved to 0
    result = await pull('StatusTopic', { queueId: 3, offset: 0 });
    expect(result.response.code).toBe(ResponseCode.PULL_NOT_FOUND);
    result = await pull('StatusTopic', { queueId: 3, offset: 5 });
    expect([result.response.code, result.header.nextBeginOffset]).toEqual([ResponseCode.PULL_OFFSET_MOVED, 0]);
  });

  it('writes an OffsetMovedEvent (tags and keys = group) when it answers PULL_OFFSET_MOVED', async () => {
    await invoke(sendRequest('MovedTopic', 'x'));
    await pull('MovedTopic', { offset: 9, group: 'MovedGroup' });
    const events = await pull('OFFSET_MOVED_EVENT', { group: 'EventReader' });
    const event = events.messages.find((m) => m.tags === 'MovedGroup');
    expect(event?.keys).toBe('MovedGroup');
    expect(decodeOffsetMovedEvent(event?.body ?? Buffer.alloc(0))).toEqual({
      consumerGroup: 'MovedGroup',
      messageQueue: { topic: 'MovedTopic', brokerName: 'broker-a', queueId: 0 },
      offsetRequest: 9,
      offsetNew: 1,
    });
  });

  it('stores the commit offset a pull carries', async () => {
    await invoke(sendRequest('CommitTopic', 'x'));
    await pull('CommitTopic', { group: 'CommitGroup', offset: 1, commitOffset: 1 });
    expect(cluster.broker.controller.offsets.queryOffset('CommitGroup', 'CommitTopic', 0)).toBe(1);
  });

  it('finds messages by key, by unique key and by offset message id', async () => {
    const sent = await invoke(sendRequest('QueryTopic', 'findme', { keys: 'order-42 other' }));
    const { msgId, transactionId } = SendMessageResponseHeader.decode(sent.extFields);
    await cluster.broker.controller.store.waitForDispatch();
    const query = (key: string, unique = false) =>
      invoke(
        createRequest(RequestCode.QUERY_MESSAGE, {
          extFields: {
            ...QueryMessageRequestHeader.encode({ topic: 'QueryTopic', key, maxNum: 64, beginTimestamp: 0, endTimestamp: Date.now() + 1000 }),
            ...(unique ? { _UNIQUE_KEY_QUERY: 'true' } : {}),
          },
        }),
      );
    const byKey = await query('order-42');
    expect(byKey.code).toBe(ResponseCode.SUCCESS);
    expect(decodeStoredMessages(byKey.body ?? Buffer.alloc(0)).map((m) => m.msgId)).toContain(msgId);
    expect(QueryMessageResponseHeader.decode(byKey.extFields).indexLastUpdatePhyoffset).toBeGreaterThanOrEqual(0);
    const byUnique = await query(transactionId ?? '', true);
    expect(decodeStoredMessages(byUnique.body ?? Buffer.alloc(0)).map((m) => m.uniqKey)).toContain(transactionId);
    const none = await query('no-such-key');
    expect([none.code, none.remark]).toEqual([ResponseCode.QUERY_NOT_FOUND, 'can not find message, maybe time range not correct']);

    const offset = decodeStoredMessages(byKey.body ?? Buffer.alloc(0))[0].commitLogOffset;
    const view = await invoke(createRequest(RequestCode.VIEW_MESSAGE_BY_ID, { extFields: ViewMessageRequestHeader.encode({ offset }) }));
    expect(decodeStoredMessages(view.body ?? Buffer.alloc(0))[0].body.toString()).toBe('findme');
    const missing = await invoke(createRequest(RequestCode.VIEW_MESSAGE_BY_ID, { extFields: ViewMessageRequestHeader.encode({ offset: 99_999_999 }) }));
    expect([missing.code, missing.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'can not find message by the offset, 99999999']);
  });

  it('keeps a transactional half message out of its topic (stored in RMQ_SYS_TRANS_HALF_TOPIC)', async () => {
    await invoke(sendRequest('TxTopic', 'visible'));
    const half = await invoke(sendRequest('TxTopic', 'half', { properties: { TRAN_MSG: 'true', PGROUP: 'PG' }, sysFlag: 0x4 }));
    expect(half.code).toBe(ResponseCode.SUCCESS);
    const { messages } = await pull('TxTopic');
    expect(messages.map((m) => m.body.toString())).toEqual(['visible']);
    const store = cluster.broker.controller.store;
    expect(store.getMaxOffsetInQueue('RMQ_SYS_TRANS_HALF_TOPIC', 0)).toBe(1);
  });

  it('redirects a direct send to %RETRY%<group> past the retry limit to %DLQ%<group>', async () => {
    const request = sendRequest('%RETRY%DlqGroup', 'dead');
    request.extFields = { ...request.extFields, j: '16', l: '16' };
    const sent = await invoke(request);
    expect(sent.code).toBe(ResponseCode.SUCCESS);
    await cluster.broker.controller.store.waitForDispatch();
    expect(cluster.broker.controller.store.getMaxOffsetInQueue('%DLQ%DlqGroup', 0)).toBe(1);
    expect(cluster.broker.controller.topics.selectTopicConfig('%DLQ%DlqGroup')).toMatchObject({ readQueueNums: 1, perm: 6 });
  });

  it('serves the same requests on the VIP port (listenPort - 2 in production)', async () => {
    const vip = `127.0.0.1:${cluster.broker.fastPort}`;
    const sent = await cluster.client.invoke(vip, sendRequest('VipTopic', 'via vip'));
    expect(sent.code).toBe(ResponseCode.SUCCESS);
  });

  it('answers the queue offset look-ups', async () => {
    for (let i = 0; i < 3; i++) await invoke(sendRequest('OffsetsTopic', `o${i}`));
    await cluster.broker.controller.store.waitForDispatch();
    const queue = { topic: 'OffsetsTopic', queueId: 0 };
    const max = await invoke(createRequest(RequestCode.GET_MAX_OFFSET, { extFields: GetMaxOffsetRequestHeader.encode(queue) }));
    expect(GetMaxOffsetResponseHeader.decode(max.extFields).offset).toBe(3);
    const min = await invoke(createRequest(RequestCode.GET_MIN_OFFSET, { extFields: GetMinOffsetRequestHeader.encode(queue) }));
    expect(GetMinOffsetResponseHeader.decode(min.extFields).offset).toBe(0);
    const earliest = await invoke(createRequest(RequestCode.GET_EARLIEST_MSG_STORETIME, { extFields: GetEarliestMsgStoretimeRequestHeader.encode(queue) }));
    const timestamp = GetEarliestMsgStoretimeResponseHeader.decode(earliest.extFields).timestamp;
    expect(timestamp).toBeGreaterThan(Date.now() - 60_000);
    const search = await invoke(createRequest(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { extFields: SearchOffsetRequestHeader.encode({ ...queue, timestamp: 0 }) }));
    expect(SearchOffsetResponseHeader.decode(search.extFields).offset).toBe(0);
  });

  it('copies a message handed back by a consumer to its retry topic through a delay level, or to the DLQ', async () => {
    const sent = SendMessageResponseHeader.decode((await invoke(sendRequest('BackTopic', 'failed', { tags: 'T1' }))).extFields);
    await cluster.broker.controller.store.waitForDispatch();
    const [original] = (await pull('BackTopic')).messages;
    const back = (delayLevel: number, maxReconsumeTimes?: number) =>
      invoke(createRequest(RequestCode.CONSUMER_SEND_MSG_BACK, { extFields: ConsumerSendMsgBackRequestHeader.encode({ offset: original.commitLogOffset, group: 'BackGroup', delayLevel, originMsgId: sent.msgId, originTopic: 'BackTopic', maxReconsumeTimes }) }));
    expect((await back(0)).code).toBe(ResponseCode.SUCCESS);
    await cluster.broker.controller.store.waitForDispatch();
    // level 3 + reconsumeTimes(0): queue 2 of the schedule topic, real topic kept for the delivery
    const [scheduled] = (await pull('SCHEDULE_TOPIC_XXXX', { queueId: 2 })).messages;
    expect(scheduled.properties.get('REAL_TOPIC')).toBe('%RETRY%BackGroup');
    expect(scheduled.properties.get('RETRY_TOPIC')).toBe('BackTopic');
    expect(scheduled.properties.get('ORIGIN_MESSAGE_ID')).toBe(sent.msgId);
    expect(scheduled.reconsumeTimes).toBe(1);
    expect(scheduled.body.toString()).toBe('failed');
    expect(cluster.broker.controller.topics.selectTopicConfig('%RETRY%BackGroup')).toBeDefined();

    expect((await back(-1)).code).toBe(ResponseCode.SUCCESS);
    await cluster.broker.controller.store.waitForDispatch();
    const [dead] = (await pull('%DLQ%BackGroup')).messages;
    expect([dead.body.toString(), dead.tags, dead.reconsumeTimes]).toEqual(['failed', 'T1', 1]);
  });
});
