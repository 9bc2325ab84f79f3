import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTotalDiff, estimateLagSeconds, lagByTopic, measureLagSeconds } from '../../broker-core/client/admin/consumer-lag';
import { queryMessageByKey, queryMessageByOffset, queryMessageByUniqueKey, queryMessagesByTime, viewMessageById } from '../../broker-core/client/admin/message-queries';
import { messageTrackDetail } from '../../broker-core/client/admin/message-track';
import { MQAdmin, ORDER_TOPIC_CONFIG_NAMESPACE } from '../../broker-core/client/admin/mq-admin';
import { resetOffsetByTime } from '../../broker-core/client/admin/offset-reset';
import * as brokerAdmin from '../../broker-core/client/broker-admin';
import { getBrokerRuntimeInfo } from '../../broker-core/client/broker-admin';
import { Producer } from '../../broker-core/client/producer/producer';
import type { SendResult } from '../../broker-core/client/producer/send-result';
import { newSubscriptionGroupConfig } from '../../broker-core/protocol/bodies/subscription-group-config';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';
import { FAST_CLIENT, recordingConsumer, sleep, uniqueName, waitFor } from './client-fixtures';

/** MQAdmin against mqnamesrv + mqbroker processes: every call returns what the broker and nameserver hold. */
describe('MQAdmin', () => {
  let cluster: ClusterProcesses;
  let admin: MQAdmin;
  let producer: Producer;

  beforeAll(async () => {
    cluster = await startClusterProcesses();
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    producer = new Producer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, group: 'AdminTestProducer' });
    await producer.start();
  }, 120_000);

  afterAll(async () => {
    await producer?.shutdown();
    await admin?.close();
    await cluster?.stop();
  });

  it('cluster info and broker runtime info', async () => {
    const info = await admin.examineBrokerClusterInfo();
    expect(info.clusterAddrTable.DefaultCluster).toEqual(['broker-a']);
    expect(info.brokerAddrTable['broker-a'].brokerAddrs['0']).toBe(cluster.brokerAddr);
    const runtime = await getBrokerRuntimeInfo(admin.remoting, cluster.brokerAddr);
    expect(runtime.brokerVersionDesc).toMatch(/^V\d+_\d+_\d+/);
    expect(await admin.brokerNameOfAddr(cluster.brokerAddr)).toBe('broker-a');
  });

  it('topics: create on a cluster, route, stats, cluster list, delete', async () => {
    const topic = uniqueName('AdminTopic');
    const { addrs } = await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 3, writeQueueNums: 3 }), { clusterName: 'DefaultCluster' });
    expect(addrs).toEqual([cluster.brokerAddr]);
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, 'the route');
    const route = await admin.examineTopicRouteInfo(topic);
    expect(route.queueDatas).toEqual([{ brokerName: 'broker-a', readQueueNums: 3, writeQueueNums: 3, perm: 6, topicSysFlag: 0 }]);
    expect(await admin.fetchAllTopicList()).toContain(topic);
    expect(await admin.topicClusterList(topic)).toEqual(['DefaultCluster']);
    for (let i = 0; i < 4; i++) await producer.send({ topic, body: `s${i}` }, { messageQueue: { topic, brokerName: 'broker-a', queueId: 1 } });
    const stats = await admin.examineTopicStats(topic);
    expect(stats.offsetTable.map((entry) => [entry.messageQueue.queueId, entry.value.minOffset, entry.value.maxOffset])).toEqual([
      [0, 0, 0],
      [1, 0, 4],
      [2, 0, 0],
    ]);
    expect(stats.offsetTable[1].value.lastUpdateTimestamp).toBeGreaterThan(0);
    await admin.deleteTopic(topic, 'DefaultCluster');
    expect(await admin.namesrv.getTopicRouteInfo(topic)).toBeUndefined();
    expect(await admin.fetchAllTopicList()).not.toContain(topic);
  });

  it('an ordered topic gets its ORDER_TOPIC_CONFIG entry', async () => {
    const topic = uniqueName('OrderedTopic');
    const { orderConf } = await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 2, writeQueueNums: 2, order: true }), { brokerAddr: cluster.brokerAddr });
    expect(orderConf).toBe('broker-a:2');
    expect(await admin.getKvConfig(ORDER_TOPIC_CONFIG_NAMESPACE, topic)).toBe('broker-a:2');
  });

  it('subscription groups: create, list, delete', async () => {
    const group = uniqueName('AdminGroup');
    await admin.createOrUpdateSubscriptionGroup(newSubscriptionGroupConfig(group, { retryMaxTimes: 3, consumeBroadcastEnable: false }), { clusterName: 'DefaultCluster' });
    const groups = await admin.examineAllSubscriptionGroups();
    expect(groups.get(group)).toMatchObject({ groupName: group, retryMaxTimes: 3, consumeBroadcastEnable: false });
    await admin.deleteSubscriptionGroup(group, { brokerAddr: cluster.brokerAddr });
    expect((await admin.examineAllSubscriptionGroups()).has(group)).toBe(false);
  });

  it('broker config: get and update', async () => {
    const before = await admin.getBrokerConfig(cluster.brokerAddr);
    expect(before.config.brokerName).toBe('broker-a');
    await admin.updateBrokerConfig({ clusterName: 'DefaultCluster' }, { fileReservedTime: '48' });
    expect((await admin.getBrokerConfig(cluster.brokerAddr)).config.fileReservedTime).toBe('48');
  });

  it('nameserver KV config', async () => {
    const namespace = uniqueName('ns');
    await admin.putKvConfig(namespace, 'k', 'v');
    expect(await admin.getKvConfig(namespace, 'k')).toBe('v');
    expect(await admin.getKvListByNamespace(namespace)).toEqual({ k: 'v' });
    await admin.deleteKvConfig(namespace, 'k');
    expect(await admin.getKvConfig(namespace, 'k')).toBeUndefined();
  });

  describe('with a consumed topic', () => {
    const topic = uniqueName('ConsumedTopic');
    const group = uniqueName('ConsumedGroup');
    const sent: SendResult[] = [];
    let firstStored = 0;

    beforeAll(async () => {
      await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 2, writeQueueNums: 2 }), { clusterName: 'DefaultCluster' });
      await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, 'the route');
      for (let i = 0; i < 6; i++) {
        sent.push(await producer.send({ topic, body: `c${i}`, keys: [`key-${i}`, 'shared-key'], tags: i % 2 === 0 ? 'Even' : 'Odd' }));
        if (i === 0) firstStored = (await viewMessageById(admin, sent[0].offsetMsgId)).storeTimestamp;
      }
      const { consumer, received } = await recordingConsumer({ namesrvAddr: cluster.namesrvAddr, group, topic, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
      await waitFor(() => received.length === 6, 'six messages');
      await waitFor(async () => computeTotalDiff(await admin.examineConsumeStats(group, topic)) === 0, 'zero lag');
      const connection = await admin.examineConsumerConnectionInfo(group);
      expect(connection.connectionSet.map((client) => client.clientId)).toEqual([consumer.clientId]);
      expect(connection.subscriptionTable[topic].subString).toBe('*');
      expect(connection.messageModel).toBe('CLUSTERING');
      expect(await admin.queryTopicConsumeByWho(topic)).toContain(group);
      await consumer.shutdown();
    });

    it('consume stats and lag: zero after consumption, then the new backlog', async () => {
      for (let i = 0; i < 3; i++) await producer.send({ topic, body: `late${i}` }, { messageQueue: { topic, brokerName: 'broker-a', queueId: 0 } });
      const stats = await admin.examineConsumeStats(group, topic);
      expect(computeTotalDiff(stats)).toBe(3);
      expect(lagByTopic(stats)).toEqual([{ topic, diff: 3, lastTimestamp: expect.any(Number) }]);
      expect(estimateLagSeconds(stats)).toBeGreaterThanOrEqual(0);
      await sleep(20);
      const exact = await measureLagSeconds(admin, stats);
      expect(exact).toHaveLength(1);
      expect(exact[0]).toMatchObject({ messageQueue: { topic, queueId: 0 }, diff: 3 });
      expect(exact[0].lagSeconds).toBeGreaterThan(0);
    });

    it('message queries: by offset id, key, unique key, queue offset and time range (paged)', async () => {
      const byId = await viewMessageById(admin, sent[2].offsetMsgId);
      expect(byId.body.toString()).toBe('c2');
      expect((await queryMessageByKey(admin, { topic, key: 'key-4' })).map((message) => message.body.toString())).toEqual(['c4']);
      expect((await queryMessageByKey(admin, { topic, key: 'shared-key' })).length).toBeGreaterThanOrEqual(6);
      expect((await queryMessageByUniqueKey(admin, topic, sent[5].msgId)).map((message) => message.body.toString())).toEqual(['c5']);
      const atOffset = await queryMessageByOffset(admin, sent[1].messageQueue, sent[1].queueOffset);
      expect(atOffset?.uniqKey).toBe(sent[1].msgId);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await queryMessagesByTime(admin, { topic, beginTimestamp: firstStored, endTimestamp: Date.now(), pageSize: 4, cursor });
        expect(page.messages.length).toBeLessThanOrEqual(4);
        seen.push(...page.messages.map((message) => message.body.toString()));
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen.filter((body) => body.startsWith('c')).sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
      expect(pages).toBeGreaterThanOrEqual(2);
    });

    it('broker-wide offset and stats requests', async () => {
      const offsets = await brokerAdmin.getAllConsumerOffset(admin.remoting, cluster.brokerAddr);
      expect(offsets.offsetTable.get(`${topic}@${group}`)).toBeDefined();
      expect((await brokerAdmin.queryTopicsByConsumer(admin.remoting, cluster.brokerAddr, group)).topicList).toContain(topic);
      const spans = await brokerAdmin.queryConsumeTimeSpan(admin.remoting, cluster.brokerAddr, topic, group);
      expect(spans.map((span) => span.messageQueue.queueId).sort()).toEqual([0, 1]);
      expect(spans.every((span) => span.maxTimeStamp >= span.minTimeStamp)).toBe(true);
      const puts = await brokerAdmin.viewBrokerStatsData(admin.remoting, cluster.brokerAddr, 'TOPIC_PUT_NUMS', topic);
      // The broker samples its stats periodically: the figures may still be 0 this soon; the shape is what we read.
      for (const window of [puts.statsMinute, puts.statsHour, puts.statsDay]) expect(window).toEqual({ sum: expect.any(Number), tps: expect.any(Number), avgpt: expect.any(Number) });
      const list = await brokerAdmin.getBrokerConsumeStats(admin.remoting, cluster.brokerAddr);
      expect(list.consumeStatsList.some((entry) => group in entry)).toBe(true);
      const clone = uniqueName('CloneGroup');
      await brokerAdmin.cloneGroupOffset(admin.remoting, cluster.brokerAddr, group, clone, topic);
      // The clone has no %RETRY% route yet, so ask the broker directly rather than through the group's route.
      const cloned = await brokerAdmin.getConsumeStats(admin.remoting, cluster.brokerAddr, clone, topic);
      const original = await admin.examineConsumeStats(group, topic);
      expect(cloned.offsetTable.map((entry) => entry.value.consumerOffset)).toEqual(original.offsetTable.map((entry) => entry.value.consumerOffset));
      expect(await brokerAdmin.getAllDelayOffset(admin.remoting, cluster.brokerAddr)).toBeInstanceOf(Map);
    });

    it('message tracks say which groups consumed a message', async () => {
      const tracks = await messageTrackDetail(admin, await viewMessageById(admin, sent[0].offsetMsgId));
      expect(tracks).toContainEqual(expect.objectContaining({ consumerGroup: group, trackType: 'NOT_ONLINE' }));
    });

    it('resetOffsetByTime with no consumer online falls back to writing offsets', async () => {
      const result = await resetOffsetByTime(admin, topic, group, firstStored - 1, true);
      expect(result.mode).toBe('offline');
      if (result.mode !== 'offline') return;
      expect(result.rollback.map((stats) => [stats.queueId, stats.rollbackOffset])).toEqual([
        [0, 0],
        [1, 0],
      ]);
      const stats = await admin.examineConsumeStats(group, topic);
      expect(stats.offsetTable.map((entry) => entry.value.consumerOffset)).toEqual([0, 0]);
    });
  });

  it('reports a missing topic or group with the broker code', async () => {
    await expect(admin.examineTopicRouteInfo(uniqueName('Missing'))).rejects.toMatchObject({ code: 17 });
    await expect(admin.examineConsumeStats(uniqueName('NoGroup'))).rejects.toMatchObject({ code: 17 });
  });
});
