import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getAllProducerInfo } from '../../broker-core/client/admin/producer-info-admin';
import { NamesrvClient } from '../../broker-core/client/namesrv-client';
import { decodeStoredMessages } from '../../broker-core/common/message/stored-message-decoder';
import { buildSubscriptionData } from '../../broker-core/filter/tag-filter';
import { encodeCheckClientRequestBody } from '../../broker-core/protocol/bodies/check-client-config';
import { decodeConsumerConnection, decodeProducerConnection } from '../../broker-core/protocol/bodies/consumer-connection';
import { decodeConsumerListBody } from '../../broker-core/protocol/bodies/group-list';
import { decodeLockBatchResponseBody, encodeLockBatchRequestBody } from '../../broker-core/protocol/bodies/lock-batch';
import { GetConsumerConnectionListRequestHeader, GetProducerConnectionListRequestHeader } from '../../broker-core/protocol/headers/admin-group';
import { GetConsumerListByGroupRequestHeader } from '../../broker-core/protocol/headers/client-manage';
import { QueryConsumerOffsetRequestHeader, QueryConsumerOffsetResponseHeader, UpdateConsumerOffsetRequestHeader } from '../../broker-core/protocol/headers/consumer-offset';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { createRequest } from '../../broker-core/remoting/remoting-command';
import { pullRequest, sendRequest, startInProcessCluster, type InProcessCluster } from './broker-fixture';
import { eventually, TestClient } from './client-fixture';

/** Client registration, consumer groups, offsets and queue locks over TCP (semantics.md §10). */
describe('clients and consumer groups', () => {
  let cluster: InProcessCluster;
  const clients: TestClient[] = [];
  const client = (id: string) => {
    const created = new TestClient(cluster.broker.address, id);
    clients.push(created);
    return created;
  };
  const consumerList = async (group: string) => {
    const response = await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields: GetConsumerListByGroupRequestHeader.encode({ consumerGroup: group }) }));
    return response.code === ResponseCode.SUCCESS ? decodeConsumerListBody(response.body ?? Buffer.alloc(0)).consumerIdList.sort() : response.remark;
  };

  beforeAll(async () => {
    cluster = await startInProcessCluster({ enablePropertyFilter: true, rebalanceLockMaxLiveTime: 300 });
  });
  afterEach(async () => {
    for (const each of clients.splice(0)) await each.close();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('registers consumers by heartbeat, creates and announces %RETRY%<group>, notifies members on join and leave', async () => {
    const a = client('10.0.0.1@a');
    const b = client('10.0.0.1@b');
    const response = await a.heartbeat({ group: 'GroupJoin', topic: 'JoinTopic' });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(response.extFields).toMatchObject({ IS_SUPPORT_HEART_BEAT_V2: 'true' });
    expect(cluster.broker.controller.topics.selectTopicConfig('%RETRY%GroupJoin')).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
    const namesrv = new NamesrvClient(cluster.client, [cluster.namesrv.address]);
    await eventually(async () => (await namesrv.getTopicRouteInfo('%RETRY%GroupJoin')) !== undefined, 5000, 'retry topic route');
    expect(await consumerList('GroupJoin')).toEqual(['10.0.0.1@a']);
    const notified = (who: TestClient) => who.notifications(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED).length;
    await eventually(() => notified(a) === 1, 5000, 'notify on the first join');

    await b.heartbeat({ group: 'GroupJoin', topic: 'JoinTopic' });
    await eventually(() => notified(a) === 2 && notified(b) === 1, 5000, 'notify every member on join');
    expect(a.notifications(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)[1].extFields).toEqual({ consumerGroup: 'GroupJoin' });
    expect(await consumerList('GroupJoin')).toEqual(['10.0.0.1@a', '10.0.0.1@b']);

    // a repeated heartbeat changes nothing and notifies nobody
    await a.heartbeat({ group: 'GroupJoin', topic: 'JoinTopic' });
    await b.unregister('GroupJoin');
    await eventually(() => notified(a) === 3, 5000, 'notify on leave');
    expect(notified(b)).toBe(1);
    expect(await consumerList('GroupJoin')).toEqual(['10.0.0.1@a']);

    await a.close();
    await eventually(async () => (await consumerList('GroupJoin')) === 'no consumer for this group, GroupJoin', 5000, 'removal on close');
  });

  it('lists consumer and producer connections, and every producer group (GET_ALL_PRODUCER_INFO)', async () => {
    const a = client('10.0.0.2@c');
    await a.heartbeat({ group: 'GroupConn', topic: 'ConnTopic', subscription: 'TagA || TagB', producerGroup: 'ProducerConn' });
    const consumers = await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.GET_CONSUMER_CONNECTION_LIST, { extFields: GetConsumerConnectionListRequestHeader.encode({ consumerGroup: 'GroupConn' }) }));
    const connection = decodeConsumerConnection(consumers.body ?? Buffer.alloc(0));
    expect(connection.connectionSet.map((c) => c.clientId)).toEqual(['10.0.0.2@c']);
    expect(connection.subscriptionTable.ConnTopic.tagsSet).toEqual(['TagA', 'TagB']);
    expect(connection.messageModel).toBe('CLUSTERING');
    const producers = await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.GET_PRODUCER_CONNECTION_LIST, { extFields: GetProducerConnectionListRequestHeader.encode({ producerGroup: 'ProducerConn' }) }));
    const producerConnection = decodeProducerConnection(producers.body ?? Buffer.alloc(0)).connectionSet[0];
    expect(producerConnection.clientId).toBe('10.0.0.2@c');
    const all = await getAllProducerInfo(cluster.client, cluster.broker.address);
    const [info, ...others] = all.get('ProducerConn') ?? [];
    expect(others).toEqual([]);
    expect(info.clientId).toBe('10.0.0.2@c');
    expect(info.remoteIP).toMatch(/^127\.0\.0\.1:\d+$/);
    expect([info.remoteIP, info.language, info.version]).toEqual([producerConnection.clientAddr, producerConnection.language, producerConnection.version]);
    expect(Date.now() - info.lastUpdateTimestamp).toBeLessThan(60_000);
    const offline = await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.GET_CONSUMER_CONNECTION_LIST, { extFields: GetConsumerConnectionListRequestHeader.encode({ consumerGroup: 'Nobody' }) }));
    expect([offline.code, offline.remark]).toEqual([ResponseCode.CONSUMER_NOT_ONLINE, 'the consumer group[Nobody] not online']);
  });

  it('filters pulls with the SQL92 subscription registered by heartbeat, and rejects one that does not parse', async () => {
    const a = client('10.0.0.3@sql');
    await a.heartbeat({ group: 'GroupSql', topic: 'SqlTopic', subscription: "color = 'red'", expressionType: 'SQL92' });
    for (const color of ['red', 'blue', 'red']) await cluster.client.invoke(cluster.broker.address, sendRequest('SqlTopic', color, { properties: { color } }));
    await cluster.broker.controller.store.waitForDispatch();
    const pulled = await a.invoke(pullRequest('SqlTopic', { group: 'GroupSql' }));
    expect(decodeStoredMessages(pulled.body ?? Buffer.alloc(0)).map((m) => m.body.toString())).toEqual(['red', 'red']);

    await a.heartbeat({ group: 'GroupBadSql', topic: 'SqlTopic', subscription: 'color = = red', expressionType: 'SQL92' });
    const rejected = await a.invoke(pullRequest('SqlTopic', { group: 'GroupBadSql' }));
    expect([rejected.code, rejected.remark]).toEqual([ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer's subscription not exist"]);
  });

  it('answers CHECK_CLIENT_CONFIG for tag, valid SQL92 and broken SQL92 subscriptions', async () => {
    const check = (subString: string, type: 'TAG' | 'SQL92') =>
      cluster.client.invoke(
        cluster.broker.address,
        createRequest(RequestCode.CHECK_CLIENT_CONFIG, { body: encodeCheckClientRequestBody({ clientId: 'c', group: 'G', subscriptionData: buildSubscriptionData('T', subString, type, 1) }) }),
      );
    expect((await check('TagA', 'TAG')).code).toBe(ResponseCode.SUCCESS);
    expect((await check('a > 1', 'SQL92')).code).toBe(ResponseCode.SUCCESS);
    expect((await check('a >', 'SQL92')).code).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
  });

  it('queries and updates consumer offsets with upstream rules', async () => {
    const query = async (setZeroIfNotFound?: boolean) => {
      const response = await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { extFields: QueryConsumerOffsetRequestHeader.encode({ consumerGroup: 'GroupOffset', topic: 'OffsetTopic', queueId: 0, setZeroIfNotFound }) }));
      return response.code === ResponseCode.SUCCESS ? QueryConsumerOffsetResponseHeader.decode(response.extFields).offset : response.code;
    };
    await cluster.client.invoke(cluster.broker.address, sendRequest('OffsetTopic', 'x'));
    await cluster.broker.controller.store.waitForDispatch();
    expect(await query()).toBe(0); // young queue, first message in memory: start from 0
    expect(await query(false)).toBe(ResponseCode.QUERY_NOT_FOUND);
    await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, { extFields: UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: 'GroupOffset', topic: 'OffsetTopic', queueId: 0, commitOffset: 1 }) }));
    expect(await query()).toBe(1);
    await cluster.restartBroker();
    expect(await query(false)).toBe(1);
  });

  it('locks queues for one client at a time, until unlocked or expired', async () => {
    const mq = (queueId: number) => ({ topic: 'LockTopic', brokerName: 'broker-a', queueId });
    const lock = async (clientId: string, queues: number[]) => {
      const response = await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.LOCK_BATCH_MQ, { body: encodeLockBatchRequestBody({ consumerGroup: 'GroupLock', clientId, onlyThisBroker: false, mqSet: queues.map(mq) }) }));
      return decodeLockBatchResponseBody(response.body ?? Buffer.alloc(0)).lockOKMQSet.map((q) => q.queueId);
    };
    expect(await lock('c1', [0, 1])).toEqual([0, 1]);
    expect(await lock('c2', [1, 2])).toEqual([2]);
    await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.UNLOCK_BATCH_MQ, { body: encodeLockBatchRequestBody({ consumerGroup: 'GroupLock', clientId: 'c1', onlyThisBroker: false, mqSet: [mq(1)] }) }));
    expect(await lock('c2', [1])).toEqual([1]);
    expect(await lock('c1', [0])).toEqual([0]); // renewal by the owner
    await new Promise((resolve) => setTimeout(resolve, 400)); // rebalanceLockMaxLiveTime=300 in this cluster
    expect(await lock('c2', [0])).toEqual([0]);
  });
});

describe('client expiry', () => {
  let cluster: InProcessCluster;
  beforeAll(async () => {
    cluster = await startInProcessCluster({ channelExpiredTimeout: 300, clientHousekeepingInterval: 100 });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('drops a client that stops sending heartbeats and closes its connection', async () => {
    const a = new TestClient(cluster.broker.address, '10.0.0.9@quiet');
    try {
      await a.heartbeat({ group: 'GroupExpire', topic: 'ExpireTopic', producerGroup: 'ProducerExpire' });
      expect(cluster.broker.controller.consumers.getConsumerGroupInfo('GroupExpire')).toBeDefined();
      await eventually(() => cluster.broker.controller.consumers.getConsumerGroupInfo('GroupExpire') === undefined, 5000, 'expiry');
      expect(cluster.broker.controller.producers.getChannels('ProducerExpire')).toEqual([]);
      await eventually(() => a.remoting.connectedAddresses().length === 0, 5000, 'connection closed');
    } finally {
      await a.close();
    }
  });
});
