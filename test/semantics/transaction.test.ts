import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { queryTraceByMessageId } from '../../broker-core/client/admin/trace-query';
import { PushConsumer } from '../../broker-core/client/consumer/push-consumer';
import { TransactionProducer } from '../../broker-core/client/producer/transaction-producer';
import type { LocalTransactionState, TransactionCheckMessage } from '../../broker-core/client/producer/transaction-types';
import { parseFastjson } from '../../broker-core/common/fastjson';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { createUniqueId } from '../../broker-core/common/message/message-id';
import { encodeMessageProperties } from '../../broker-core/common/message/message-properties';
import { MessageSysFlag } from '../../broker-core/common/message/message-sysflag';
import { decodeStoredMessage } from '../../broker-core/common/message/stored-message-decoder';
import { encodeHeartbeatData } from '../../broker-core/protocol/bodies/heartbeat-data';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { SendMessageRequestHeaderV2, SendMessageResponseHeader } from '../../broker-core/protocol/headers/send-message';
import { CheckTransactionStateRequestHeader, EndTransactionRequestHeader, TransactionState } from '../../broker-core/protocol/headers/transaction';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createRequest } from '../../broker-core/remoting/remoting-command';
import { pullStored } from '../broker/broker-fixture';
import { FAST_CLIENT, sleep, uniqueName, waitFor } from '../client/client-fixtures';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';

/**
 * Transactional messages end to end (spec/semantics.md §6) against mqnamesrv + mqbroker processes, with our
 * TransactionProducer and PushConsumer. The broker checks every second, after one second, at most three times, so
 * check-backs and the give-up happen within seconds.
 */
const CHECK_INTERVAL_MS = 1000;
const CHECK_MAX = 3;

describe('transactions', () => {
  let cluster: ClusterProcesses;
  let admin: MQAdmin;
  let producer: TransactionProducer;
  let consumer: PushConsumer;
  const topic = uniqueName('TxTopic');
  const received: MessageExt[] = [];
  /** What checkLocalTransaction answers per body; 'never' = a promise that never settles. */
  const checkAnswers = new Map<string, LocalTransactionState | 'never'>();
  const checks: TransactionCheckMessage[] = [];
  const bodiesReceived = () => received.map((message) => message.body.toString());

  beforeAll(async () => {
    cluster = await startClusterProcesses({
      broker: [
        `transactionCheckInterval=${CHECK_INTERVAL_MS}`,
        'transactionTimeOut=1000',
        `transactionCheckMax=${CHECK_MAX}`,
        'flushConsumerOffsetInterval=300',
        'traceTopicEnable=true',
      ],
    });
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 2, writeQueueNums: 2 }), { brokerAddr: cluster.brokerAddr });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `route of ${topic}`);
    producer = new TransactionProducer({
      ...FAST_CLIENT,
      namesrvAddr: cluster.namesrvAddr,
      group: uniqueName('TxProducer'),
      enableMsgTrace: true,
      transactionListener: {
        executeLocalTransaction: (_message, arg) => arg as LocalTransactionState,
        checkLocalTransaction: (message) => {
          checks.push(message);
          const answer = checkAnswers.get(message.body.toString()) ?? 'UNKNOW';
          return answer === 'never' ? new Promise<LocalTransactionState>(() => undefined) : answer;
        },
      },
    });
    await producer.start();
    consumer = new PushConsumer({
      ...FAST_CLIENT,
      namesrvAddr: cluster.namesrvAddr,
      group: uniqueName('TxConsumer'),
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      listener: (messages) => void received.push(...messages),
    });
    consumer.subscribe(topic, '*');
    await consumer.start();
  }, 240_000);

  afterAll(async () => {
    await consumer?.shutdown();
    await producer?.shutdown();
    await admin?.close();
    await cluster?.stop();
  }, 60_000);

  const checksOf = (body: string) => checks.filter((message) => message.body.toString() === body);

  it('a committed message is delivered once, with its own topic and no transaction properties', async () => {
    const result = await producer.sendMessageInTransaction({ topic, body: 'commit-me', tags: 'TagT', keys: 'tx-key' }, 'COMMIT_MESSAGE');
    expect(result.sendStatus).toBe('SEND_OK');
    expect(result.localTransactionState).toBe('COMMIT_MESSAGE');
    expect(result.transactionId).toBe(result.msgId);
    await waitFor(() => bodiesReceived().includes('commit-me'), 'the committed message', 15_000);
    const [message] = received.filter((m) => m.body.toString() === 'commit-me');
    expect(message.topic).toBe(topic);
    expect(message.tags).toBe('TagT');
    expect(message.keys).toBe('tx-key');
    expect(message.uniqKey).toBe(result.msgId);
    expect(message.properties.has('TRAN_MSG')).toBe(false);
    expect(message.properties.has('REAL_TOPIC')).toBe(false);
    expect(message.properties.get('PGROUP')).toBe(producer.group);
    // the committed copy points at its half message
    expect(message.preparedTransactionOffset).toBeGreaterThanOrEqual(0);
    expect(message.sysFlag & 0x0c).toBe(0x08);
    // the producer traced its END_TRANSACTION (EndTransaction record, found by the message id)
    await waitFor(async () => (await queryTraceByMessageId(admin, result.msgId)).endTransactions.length > 0, 'the EndTransaction trace', 15_000);
    const [end] = (await queryTraceByMessageId(admin, result.msgId)).endTransactions;
    expect(end).toMatchObject({ topic, transactionState: 'COMMIT_MESSAGE', fromTransactionCheck: false, groupName: producer.group });
  });

  it('a rolled-back message is never delivered and never checked', async () => {
    const result = await producer.sendMessageInTransaction({ topic, body: 'roll-me-back' }, 'ROLLBACK_MESSAGE');
    expect(result.localTransactionState).toBe('ROLLBACK_MESSAGE');
    await sleep(transactionTimeOutPlusRounds(2));
    expect(bodiesReceived()).not.toContain('roll-me-back');
    expect(checksOf('roll-me-back')).toEqual([]);
  });

  it('an UNKNOW transaction is checked back, then committed and delivered', async () => {
    checkAnswers.set('decide-later', 'COMMIT_MESSAGE');
    const result = await producer.sendMessageInTransaction({ topic, body: 'decide-later' }, 'UNKNOW');
    expect(result.localTransactionState).toBe('UNKNOW');
    await sleep(300);
    expect(bodiesReceived()).not.toContain('decide-later');
    await waitFor(() => bodiesReceived().includes('decide-later'), 'the checked-back message', 15_000);
    const [check] = checksOf('decide-later');
    // the check carries the half message with its real topic and queue, and the transaction id
    expect(check.topic).toBe(topic);
    expect(check.queueId).toBe(result.messageQueue.queueId);
    expect(check.transactionId).toBe(result.msgId);
    expect(check.properties.get('TRANSACTION_CHECK_TIMES')).toBe('1');
    await sleep(transactionTimeOutPlusRounds(2));
    expect(checksOf('decide-later')).toHaveLength(1);
    expect(bodiesReceived().filter((body) => body === 'decide-later')).toHaveLength(1);
    // both END_TRANSACTIONs are traced: UNKNOW from the send, COMMIT_MESSAGE from the check answer
    await waitFor(async () => (await queryTraceByMessageId(admin, result.msgId)).endTransactions.length >= 2, 'two EndTransaction traces', 15_000);
    const ends = (await queryTraceByMessageId(admin, result.msgId)).endTransactions;
    expect(ends.map((end) => [end.transactionState, end.fromTransactionCheck]).sort()).toEqual([['COMMIT_MESSAGE', true], ['UNKNOW', false]]);
  });

  it('a producer that never answers is checked transactionCheckMax times, then the message is moved aside', async () => {
    checkAnswers.set('no-answer', 'never');
    const result = await producer.sendMessageInTransaction({ topic, body: 'no-answer' }, 'UNKNOW');
    await waitFor(() => checksOf('no-answer').length >= CHECK_MAX, `${CHECK_MAX} checks`, 20_000);
    await waitFor(async () => (await pullAll('TRANS_CHECK_MAX_TIME_TOPIC')).some((m) => m.uniqKey === result.msgId), 'the message in TRANS_CHECK_MAX_TIME_TOPIC', 10_000);
    await sleep(transactionTimeOutPlusRounds(2));
    expect(checksOf('no-answer').map((message) => message.properties.get('TRANSACTION_CHECK_TIMES'))).toEqual(['1', '2', '3']);
    expect(bodiesReceived()).not.toContain('no-answer');
    const [aside] = (await pullAll('TRANS_CHECK_MAX_TIME_TOPIC')).filter((m) => m.uniqKey === result.msgId);
    expect(aside.body.toString()).toBe('no-answer');
    expect(aside.properties.get('REAL_TOPIC')).toBe(topic);
    expect(aside.properties.get('TRANSACTION_CHECK_TIMES')).toBe(String(CHECK_MAX));
  }, 45_000);

  it('honours CHECK_IMMUNITY_TIME_IN_SECONDS, and a commit answered on the check connection is delivered', async () => {
    // A producer speaking the protocol by hand: it registers its group by heartbeat and notes each check.
    const group = uniqueName('RawTxProducer');
    const raw = new RemotingClient({ name: 'raw-tx-producer' });
    const checked: Array<{ at: number; header: CheckTransactionStateRequestHeader; half: MessageExt }> = [];
    raw.processors.register(RequestCode.CHECK_TRANSACTION_STATE, (request) => {
      checked.push({ at: Date.now(), header: CheckTransactionStateRequestHeader.decode(request.extFields), half: decodeStoredMessage(request.body ?? Buffer.alloc(0)) });
      return null;
    });
    try {
      const heartbeat = encodeHeartbeatData({ clientID: `raw@${group}`, producerDataSet: [{ groupName: group }], consumerDataSet: [] });
      expect((await raw.invoke(cluster.brokerAddr, createRequest(RequestCode.HEART_BEAT, { body: heartbeat }))).code).toBe(ResponseCode.SUCCESS);
      const uniqKey = createUniqueId();
      const bornTimestamp = Date.now();
      const properties = [['TRAN_MSG', 'true'], ['PGROUP', group], ['CHECK_IMMUNITY_TIME_IN_SECONDS', '2'], ['UNIQ_KEY', uniqKey], ['WAIT', 'true']] as Array<[string, string]>;
      const extFields = SendMessageRequestHeaderV2.encode({ a: group, b: topic, c: 'TBW102', d: 4, e: 1, f: MessageSysFlag.TRANSACTION_PREPARED_TYPE, g: bornTimestamp, h: 0, i: encodeMessageProperties(properties), j: 0, k: false, m: false });
      const sent = await raw.invoke(cluster.brokerAddr, createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from('immune for two seconds') }));
      expect(sent.code).toBe(ResponseCode.SUCCESS);
      expect(SendMessageResponseHeader.decode(sent.extFields ?? {}).queueId).toBe(1);
      await waitFor(() => checked.length > 0, 'the first check', 15_000);
      const [first] = checked;
      expect(first.at - bornTimestamp).toBeGreaterThanOrEqual(2000);
      expect(first.half.topic).toBe(topic);
      expect(first.half.queueId).toBe(1);
      expect(first.header.msgId).toBe(uniqKey);
      expect(first.header.transactionId).toBe(uniqKey);
      expect(first.header.tranStateTableOffset).toBe(first.half.queueOffset);
      expect(first.header.commitLogOffset).toBe(first.half.commitLogOffset);
      const answer = EndTransactionRequestHeader.encode({
        producerGroup: group,
        tranStateTableOffset: first.header.tranStateTableOffset,
        commitLogOffset: first.header.commitLogOffset,
        commitOrRollback: TransactionState.COMMIT,
        fromTransactionCheck: true,
        msgId: uniqKey,
        transactionId: first.header.transactionId,
      });
      await raw.invokeOneway(cluster.brokerAddr, createRequest(RequestCode.END_TRANSACTION, { extFields: answer }));
      await waitFor(() => bodiesReceived().includes('immune for two seconds'), 'the committed message', 10_000);
      const checksBefore = checked.length;
      await sleep(transactionTimeOutPlusRounds(2));
      expect(checked.length).toBe(checksBefore);
      const copies = received.filter((message) => message.uniqKey === uniqKey);
      expect(copies).toHaveLength(1);
      expect(copies[0].queueId).toBe(1);
    } finally {
      await raw.close();
    }
  }, 45_000);

  it('keeps the check progress of CID_RMQ_SYS_TRANS in consumerOffset.json', async () => {
    const file = join(cluster.storeDir, 'config', 'consumerOffset.json');
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('RMQ_SYS_TRANS_OP_HALF_TOPIC@CID_RMQ_SYS_TRANS'), 'the op offset', 10_000);
    const table = (parseFastjson(readFileSync(file, 'utf8')) as { offsetTable: Record<string, Record<string, number>> }).offsetTable;
    expect(table['RMQ_SYS_TRANS_HALF_TOPIC@CID_RMQ_SYS_TRANS'][0]).toBeGreaterThan(0);
    expect(table['RMQ_SYS_TRANS_OP_HALF_TOPIC@CID_RMQ_SYS_TRANS'][0]).toBeGreaterThan(0);
  });

  function transactionTimeOutPlusRounds(rounds: number): number {
    return 1000 + rounds * CHECK_INTERVAL_MS + 500;
  }

  function pullAll(pullTopic: string): Promise<MessageExt[]> {
    return pullStored(cluster.brokerAddr, pullTopic, { subscription: '*', group: 'TxInspector' });
  }
});
