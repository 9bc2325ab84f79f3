import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NamesrvClient } from '../../broker-core/client/namesrv-client';
import { parseFastjson } from '../../broker-core/common/fastjson';
import { parseJavaProperties } from '../../broker-core/common/java-properties';
import { decodeStoredMessage } from '../../broker-core/common/message/stored-message-decoder';
import { decodeBrokerStatsData } from '../../broker-core/protocol/bodies/broker-stats-data';
import { decodeConsumeStats, decodeConsumeStatsList } from '../../broker-core/protocol/bodies/consume-stats';
import { decodeConsumerOffsetWrapper } from '../../broker-core/protocol/bodies/consumer-offset-wrapper';
import { decodeGroupList } from '../../broker-core/protocol/bodies/group-list';
import { decodeKVTable } from '../../broker-core/protocol/bodies/kv-table';
import { decodeQueryConsumeTimeSpanBody } from '../../broker-core/protocol/bodies/queue-time-span';
import { decodeResetOffsetBody } from '../../broker-core/protocol/bodies/reset-offset-body';
import { decodeSubscriptionGroupWrapper, encodeSubscriptionGroupConfig, newSubscriptionGroupConfig } from '../../broker-core/protocol/bodies/subscription-group-config';
import { parseTopicConfigWrapper } from '../../broker-core/protocol/bodies/topic-config-wrapper';
import { decodeTopicList } from '../../broker-core/protocol/bodies/topic-list';
import { decodeTopicStatsTable } from '../../broker-core/protocol/bodies/topic-stats-table';
import { ConsumeMessageDirectlyResultRequestHeader, DeleteSubscriptionGroupRequestHeader, GetConsumeStatsRequestHeader, GetConsumerRunningInfoRequestHeader, QueryConsumeTimeSpanRequestHeader } from '../../broker-core/protocol/headers/admin-group';
import { GetBrokerConsumeStatsRequestHeader, ViewBrokerStatsDataRequestHeader } from '../../broker-core/protocol/headers/admin-stats';
import { CreateTopicRequestHeader, DeleteTopicRequestHeader, GetTopicStatsInfoRequestHeader, QueryTopicConsumeByWhoRequestHeader } from '../../broker-core/protocol/headers/admin-topic';
import { UpdateConsumerOffsetRequestHeader } from '../../broker-core/protocol/headers/consumer-offset';
import { ResetOffsetRequestHeader } from '../../broker-core/protocol/headers/reset-offset';
import { SendMessageResponseHeader } from '../../broker-core/protocol/headers/send-message';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { createRequest, createResponse, type RemotingCommand } from '../../broker-core/remoting/remoting-command';
import { pullRequest, sendRequest, startInProcessCluster, type InProcessCluster } from './broker-fixture';
import { eventually, TestClient } from './client-fixture';

/** Admin requests as mqadmin and rocketmq-dashboard send them, over TCP (remoting.md §11.4, §13). */
describe('admin requests', () => {
  let cluster: InProcessCluster;
  const clients: TestClient[] = [];
  const call = (code: number, extFields?: Record<string, string>, body?: Buffer) => cluster.client.invoke(cluster.broker.address, createRequest(code, { extFields, body }), 5000);
  const createTopic = (topic: string, queues = 2) =>
    call(RequestCode.UPDATE_AND_CREATE_TOPIC, CreateTopicRequestHeader.encode({ topic, defaultTopic: 'TBW102', readQueueNums: queues, writeQueueNums: queues, perm: 6, topicFilterType: 'SINGLE_TAG', order: false }));
  const send = async (topic: string, body: string, queueId = 0) => SendMessageResponseHeader.decode((await cluster.client.invoke(cluster.broker.address, sendRequest(topic, body, { queueId }))).extFields);
  const commit = (group: string, topic: string, queueId: number, commitOffset: number) =>
    call(RequestCode.UPDATE_CONSUMER_OFFSET, UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: group, topic, queueId, commitOffset }));

  beforeAll(async () => {
    cluster = await startInProcessCluster();
  });
  afterEach(async () => {
    for (const each of clients.splice(0)) await each.close();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('creates, lists and deletes topics; refuses system topics and bad names', async () => {
    expect((await createTopic('AdminTopic', 3)).code).toBe(ResponseCode.SUCCESS);
    const all = parseTopicConfigWrapper((await call(RequestCode.GET_ALL_TOPIC_CONFIG)).body ?? Buffer.alloc(0));
    expect(all.topicConfigTable.AdminTopic).toMatchObject({ readQueueNums: 3, writeQueueNums: 3, perm: 6 });
    for (const system of ['TBW102', 'SELF_TEST_TOPIC', 'BenchmarkTest', 'TestCluster', 'broker-a', 'OFFSET_MOVED_EVENT', 'SCHEDULE_TOPIC_XXXX', 'TestCluster_REPLY_TOPIC']) {
      expect(Object.keys(all.topicConfigTable)).toContain(system);
    }
    expect(all.topicConfigTable.TBW102.perm).toBe(7);
    expect(all.topicConfigTable.SCHEDULE_TOPIC_XXXX.readQueueNums).toBe(18);
    expect(JSON.parse(readFileSync(`${cluster.broker.config.storePathRootDir}/config/topics.json`, 'utf8')).topicConfigTable.AdminTopic.readQueueNums).toBe(3);

    const conflict = await createTopic('SCHEDULE_TOPIC_XXXX');
    expect([conflict.code, conflict.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The topic[SCHEDULE_TOPIC_XXXX] is conflict with system topic.']);
    const bad = await createTopic('bad topic');
    expect(bad.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(bad.remark).toContain('contains illegal characters');

    const system = decodeTopicList((await call(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER)).body ?? Buffer.alloc(0));
    expect(system.topicList).toEqual(expect.arrayContaining(['TBW102', 'TestCluster', 'broker-a', 'OFFSET_MOVED_EVENT']));

    await send('AdminTopic', 'x');
    await commit('AdminGroup', 'AdminTopic', 0, 1);
    expect((await call(RequestCode.DELETE_TOPIC_IN_BROKER, DeleteTopicRequestHeader.encode({ topic: 'AdminTopic' }))).code).toBe(ResponseCode.SUCCESS);
    expect(cluster.broker.controller.topics.selectTopicConfig('AdminTopic')).toBeUndefined();
    expect(cluster.broker.controller.store.getMaxOffsetInQueue('AdminTopic', 0)).toBe(0);
    expect(cluster.broker.controller.offsets.queryOffset('AdminGroup', 'AdminTopic', 0)).toBe(-1);
  });

  it('reports topic stats, who consumes a topic, consume stats, time spans and all offsets', async () => {
    await createTopic('StatsTopic', 2);
    for (let i = 0; i < 3; i++) await send('StatsTopic', `m${i}`, 0);
    await send('StatsTopic', 'q1', 1);
    await cluster.broker.controller.store.waitForDispatch();
    await commit('StatsGroup', 'StatsTopic', 0, 1);
    // a pull makes the group a known subscription group (GET_BROKER_CONSUME_STATS walks those)
    await cluster.client.invoke(cluster.broker.address, pullRequest('StatsTopic', { group: 'StatsGroup', subscription: '*', offset: 1 }));

    const stats = decodeTopicStatsTable((await call(RequestCode.GET_TOPIC_STATS_INFO, GetTopicStatsInfoRequestHeader.encode({ topic: 'StatsTopic' }))).body ?? Buffer.alloc(0));
    expect(stats.offsetTable.map((e) => [e.messageQueue.queueId, e.value.minOffset, e.value.maxOffset])).toEqual([[0, 0, 3], [1, 0, 1]]);
    expect(stats.offsetTable[0].value.lastUpdateTimestamp).toBeGreaterThan(Date.now() - 60_000);
    const unknown = await call(RequestCode.GET_TOPIC_STATS_INFO, GetTopicStatsInfoRequestHeader.encode({ topic: 'NoSuchTopic' }));
    expect([unknown.code, unknown.remark]).toEqual([ResponseCode.TOPIC_NOT_EXIST, 'topic[NoSuchTopic] not exist']);

    const who = decodeGroupList((await call(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, QueryTopicConsumeByWhoRequestHeader.encode({ topic: 'StatsTopic' }))).body ?? Buffer.alloc(0));
    expect(who.groupList).toEqual(['StatsGroup']);

    const consume = decodeConsumeStats((await call(RequestCode.GET_CONSUME_STATS, GetConsumeStatsRequestHeader.encode({ consumerGroup: 'StatsGroup' }))).body ?? Buffer.alloc(0));
    expect(consume.offsetTable.map((e) => [e.messageQueue.queueId, e.value.brokerOffset, e.value.consumerOffset])).toEqual([[0, 3, 1], [1, 1, 0]]);
    expect(consume.offsetTable[0].value.lastTimestamp).toBeGreaterThan(0);
    const list = decodeConsumeStatsList((await call(RequestCode.GET_BROKER_CONSUME_STATS, GetBrokerConsumeStatsRequestHeader.encode({ isOrder: false }))).body ?? Buffer.alloc(0));
    expect(list.brokerAddr).toBe(cluster.broker.address);
    expect(list.totalDiff).toBe(3);

    const spans = decodeQueryConsumeTimeSpanBody((await call(RequestCode.QUERY_CONSUME_TIME_SPAN, QueryConsumeTimeSpanRequestHeader.encode({ topic: 'StatsTopic', group: 'StatsGroup' }))).body ?? Buffer.alloc(0));
    expect(spans.consumeTimeSpanSet).toHaveLength(2);
    expect(spans.consumeTimeSpanSet[0].maxTimeStamp).toBeGreaterThanOrEqual(spans.consumeTimeSpanSet[0].minTimeStamp);

    const offsets = decodeConsumerOffsetWrapper((await call(RequestCode.GET_ALL_CONSUMER_OFFSET)).body ?? Buffer.alloc(0));
    expect(offsets.offsetTable.get('StatsTopic@StatsGroup')?.get(0)).toBe(1);
  });

  it('creates, disables and deletes subscription groups', async () => {
    const config = newSubscriptionGroupConfig('DisabledGroup', { consumeEnable: false, retryMaxTimes: 3 });
    expect((await call(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, undefined, encodeSubscriptionGroupConfig(config))).code).toBe(ResponseCode.SUCCESS);
    await send('GroupTopic', 'x');
    const refused = await cluster.client.invoke(cluster.broker.address, pullRequest('GroupTopic', { group: 'DisabledGroup', subscription: '*' }));
    expect([refused.code, refused.remark]).toEqual([ResponseCode.NO_PERMISSION, 'subscription group no permission, DisabledGroup']);
    const all = decodeSubscriptionGroupWrapper((await call(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG)).body ?? Buffer.alloc(0));
    expect(all.subscriptionGroupTable.DisabledGroup).toMatchObject({ consumeEnable: false, retryMaxTimes: 3 });
    expect(Object.keys(all.subscriptionGroupTable)).toEqual(expect.arrayContaining(['TOOLS_CONSUMER', 'SELF_TEST_C_GROUP', 'CID_ONSAPI_OWNER']));
    await commit('DisabledGroup', 'GroupTopic', 0, 1);
    await call(RequestCode.DELETE_SUBSCRIPTIONGROUP, DeleteSubscriptionGroupRequestHeader.encode({ groupName: 'DisabledGroup', removeOffset: true }));
    expect(cluster.broker.controller.groups.get('DisabledGroup')).toBeUndefined();
    expect(cluster.broker.controller.offsets.queryOffset('DisabledGroup', 'GroupTopic', 0)).toBe(-1);
  });

  it('serves runtime info with the keys dashboards read', async () => {
    const table = decodeKVTable((await call(RequestCode.GET_BROKER_RUNTIME_INFO)).body ?? Buffer.alloc(0)).table;
    for (const key of ['putTps', 'getTransferedTps', 'getTransferredTps', 'getFoundTps', 'getMissTps', 'getTotalTps', 'msgPutTotalTodayNow', 'msgGetTotalTodayNow', 'msgPutTotalYesterdayMorning', 'msgPutTotalTodayMorning', 'msgGetTotalYesterdayMorning', 'msgGetTotalTodayMorning', 'brokerVersionDesc', 'brokerVersion', 'bootTimestamp', 'runtime', 'commitLogDiskRatio', 'commitLogMinOffset', 'commitLogMaxOffset', 'commitLogDirCapacity', 'dispatchBehindBytes', 'sendThreadPoolQueueSize', 'pullThreadPoolQueueCapacity', 'earliestMessageTimeStamp', 'startAcceptSendRequestTimeStamp']) {
      expect(table, key).toHaveProperty(key);
    }
    expect(table.brokerVersionDesc).toBe('V4_9_8');
    expect(table.brokerVersion).toBe('409');
    expect(table.putTps.split(' ')).toHaveLength(3);
    expect(Number(table.msgPutTotalTodayNow)).toBeGreaterThan(0);
    expect(table.runtime).toMatch(/^\[ \d+ days, \d+ hours, \d+ minutes, \d+ seconds \]$/);
  });

  it('views per-topic statistics and refuses unknown ones', async () => {
    await send('StatsViewTopic', 'x');
    const view = await call(RequestCode.VIEW_BROKER_STATS_DATA, ViewBrokerStatsDataRequestHeader.encode({ statsName: 'TOPIC_PUT_NUMS', statsKey: 'StatsViewTopic' }));
    expect(view.code).toBe(ResponseCode.SUCCESS);
    expect(decodeBrokerStatsData(view.body ?? Buffer.alloc(0)).statsMinute).toEqual({ sum: 0, tps: 0, avgpt: 0 });
    expect(cluster.broker.controller.stats.total('TOPIC_PUT_NUMS', 'StatsViewTopic')).toBe(1);
    const unknown = await call(RequestCode.VIEW_BROKER_STATS_DATA, ViewBrokerStatsDataRequestHeader.encode({ statsName: 'TOPIC_PUT_NUMS', statsKey: 'Nope' }));
    expect([unknown.code, unknown.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The stats <TOPIC_PUT_NUMS> <Nope> not exist']);
  });

  it('returns and updates the broker configuration, rewriting its file', async () => {
    const got = await call(RequestCode.GET_BROKER_CONFIG);
    const properties = parseJavaProperties(got.body?.toString('utf8') ?? '');
    expect(properties.get('brokerName')).toBe('broker-a');
    expect(properties.get('brokerClusterName')).toBe('TestCluster');
    expect(properties.get('maxMessageSize')).toBe('4194304');
    const version = parseFastjson<{ counter: number }>(got.extFields?.version ?? '');
    expect(version.counter).toBe(0);

    const update = (text: string) => call(RequestCode.UPDATE_BROKER_CONFIG, undefined, Buffer.from(text));
    expect((await update('maxMessageSize=1024\nnoSuchKey=1\n')).code).toBe(ResponseCode.SUCCESS);
    expect(cluster.broker.config.maxMessageSize).toBe(1024);
    const big = await cluster.client.invoke(cluster.broker.address, sendRequest('ConfigTopic', Buffer.alloc(2048, 1)));
    expect(big.code).toBe(ResponseCode.MESSAGE_ILLEGAL);
    const file = parseJavaProperties(readFileSync(cluster.broker.config.brokerConfigPath, 'utf8'));
    expect(file.get('maxMessageSize')).toBe('1024');
    expect(parseFastjson<{ counter: number }>((await call(RequestCode.GET_BROKER_CONFIG)).extFields?.version ?? '').counter).toBe(1);

    const black = await update('brokerConfigPath=/tmp/x\n');
    expect([black.code, black.remark]).toEqual([ResponseCode.NO_PERMISSION, 'Can not update config in black list.']);
    const badValue = await update('maxMessageSize=lots\n');
    expect(badValue.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(badValue.remark).toContain("'maxMessageSize'");
    await update('maxMessageSize=4194304\n');
  });

  it('resets offsets through online consumers, and says CONSUMER_NOT_ONLINE without any', async () => {
    await createTopic('ResetTopic', 2);
    for (let i = 0; i < 4; i++) await send('ResetTopic', `r${i}`, i % 2);
    await cluster.broker.controller.store.waitForDispatch();
    await commit('ResetGroup', 'ResetTopic', 0, 0);
    await commit('ResetGroup', 'ResetTopic', 1, 0);
    const reset = () => call(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, ResetOffsetRequestHeader.encode({ topic: 'ResetTopic', group: 'ResetGroup', timestamp: -1, isForce: true }));
    const offline = await reset();
    expect(offline.code).toBe(ResponseCode.CONSUMER_NOT_ONLINE);
    expect(offline.remark).toMatch(/^Consumer not online, so can not reset offset, Group: ResetGroup Topic: ResetTopic/);

    const consumer = new TestClient(cluster.broker.address, '10.0.0.5@reset');
    clients.push(consumer);
    await consumer.heartbeat({ group: 'ResetGroup', topic: 'ResetTopic' });
    const online = await reset();
    expect(online.code).toBe(ResponseCode.SUCCESS);
    expect(decodeResetOffsetBody(online.body ?? Buffer.alloc(0)).offsetTable.map((e) => [e.messageQueue.queueId, e.value])).toEqual([[0, 2], [1, 2]]);
    await eventually(() => consumer.notifications(RequestCode.RESET_CONSUMER_CLIENT_OFFSET).length === 1, 5000, 'reset pushed to the consumer');
    const pushed = consumer.notifications(RequestCode.RESET_CONSUMER_CLIENT_OFFSET)[0];
    expect(pushed.extFields).toMatchObject({ topic: 'ResetTopic', group: 'ResetGroup', timestamp: '-1', isForce: 'true' });
    expect(decodeResetOffsetBody(pushed.body ?? Buffer.alloc(0)).offsetTable).toHaveLength(2);
  });

  it('forwards GET_CONSUMER_RUNNING_INFO and CONSUME_MESSAGE_DIRECTLY to the consumer and returns its answer', async () => {
    const answer = (request: RemotingCommand) => createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(`answer to ${request.code}`) });
    const consumer = new TestClient(cluster.broker.address, '10.0.0.6@running', answer);
    clients.push(consumer);
    await consumer.heartbeat({ group: 'RunningGroup', topic: 'RunningTopic' });
    const running = await call(RequestCode.GET_CONSUMER_RUNNING_INFO, GetConsumerRunningInfoRequestHeader.encode({ consumerGroup: 'RunningGroup', clientId: '10.0.0.6@running', jstackEnable: false }));
    expect([running.code, running.body?.toString()]).toEqual([ResponseCode.SUCCESS, 'answer to 307']);
    const absent = await call(RequestCode.GET_CONSUMER_RUNNING_INFO, GetConsumerRunningInfoRequestHeader.encode({ consumerGroup: 'RunningGroup', clientId: 'nobody' }));
    expect([absent.code, absent.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The Consumer <RunningGroup> <nobody> not online']);

    const { msgId } = await send('RunningTopic', 'direct');
    const direct = await call(RequestCode.CONSUME_MESSAGE_DIRECTLY, ConsumeMessageDirectlyResultRequestHeader.encode({ consumerGroup: 'RunningGroup', clientId: '10.0.0.6@running', msgId }));
    expect(direct.body?.toString()).toBe('answer to 309');
    const forwarded = consumer.notifications(RequestCode.CONSUME_MESSAGE_DIRECTLY)[0];
    expect(forwarded.extFields?.brokerName).toBe('broker-a');
    expect(decodeStoredMessage(forwarded.body ?? Buffer.alloc(0)).body.toString()).toBe('direct');
  });

  it('announces a changed brokerPermission to the nameserver (wipe and restore write permission)', async () => {
    await createTopic('PermTopic', 1);
    const namesrv = new NamesrvClient(cluster.client, [cluster.namesrv.address]);
    const perm = async () => (await namesrv.getTopicRouteInfo('PermTopic'))?.queueDatas[0]?.perm;
    await eventually(async () => (await perm()) === 6, 5000, 'route with perm 6');
    await call(RequestCode.UPDATE_BROKER_CONFIG, undefined, Buffer.from('brokerPermission=4'));
    await eventually(async () => (await perm()) === 4, 5000, 'route with perm 4');
    await call(RequestCode.UPDATE_BROKER_CONFIG, undefined, Buffer.from('brokerPermission=6'));
    await eventually(async () => (await perm()) === 6, 5000, 'route with perm 6 again');
  });
});
