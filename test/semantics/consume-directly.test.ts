import { describe, expect, it } from 'vitest';
import { PushConsumer, type PushConsumerOptions } from '../../broker-core/client/consumer/push-consumer';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { GetConsumerRunningInfoRequestHeader } from '../../broker-core/protocol/headers/admin-group';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { createRequest } from '../../broker-core/remoting/remoting-command';
import { FAST_CLIENT, uniqueName, waitFor } from '../client/client-fixtures';
import { useClientCluster } from '../client/client-cluster';

/**
 * CONSUME_MESSAGE_DIRECTLY and GET_CONSUMER_RUNNING_INFO (spec/remoting.md §11.2, §13.4) from MQAdmin through an
 * mqbroker process to our push consumers (concurrent and orderly), as the console's "resend to group" and
 * consumer-detail views use them.
 */
describe('consume directly and consumer running info', () => {
  const env = useClientCluster(uniqueName('DirectProducer'));

  const setUp = async (orderly: boolean) => {
    const topic = uniqueName(orderly ? 'DirectOrderly' : 'DirectConcurrent');
    const group = uniqueName('DirectGroup');
    await env.admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 2, writeQueueNums: 2 }), { clusterName: 'DefaultCluster' });
    await waitFor(async () => (await env.admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `route of ${topic}`);
    const seen: string[] = [];
    const options: PushConsumerOptions = { ...FAST_CLIENT, namesrvAddr: env.cluster.namesrvAddr, group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' };
    const bodyOf = (messages: Array<{ body: Buffer }>) => {
      const body = messages[0].body.toString();
      seen.push(body);
      if (body === 'boom') throw new Error('listener exploded');
      return body;
    };
    const consumer = orderly
      ? new PushConsumer({ ...options, orderlyListener: (messages) => (bodyOf(messages) === 'later' ? 'SUSPEND_CURRENT_QUEUE_A_MOMENT' : 'SUCCESS') })
      : new PushConsumer({ ...options, listener: (messages) => (bodyOf(messages) === 'later' ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS') });
    consumer.subscribe(topic, '*');
    await consumer.start();
    await waitFor(() => consumer.rebalance.ownedQueues().filter((mq) => mq.topic === topic).length === 2, 'both queues owned');
    return { topic, group, consumer, seen };
  };

  for (const orderly of [false, true]) {
    it(`${orderly ? 'orderly' : 'concurrent'}: CONSUME_MESSAGE_DIRECTLY runs the listener and returns its result`, async () => {
      const { topic, group, consumer, seen } = await setUp(orderly);
      try {
        const ok = await env.producer.send({ topic, body: 'ok' });
        await waitFor(() => seen.includes('ok'), 'normal delivery');
        const direct = await env.admin.consumeMessageDirectly(group, consumer.clientId, topic, ok.offsetMsgId);
        expect(direct).toMatchObject({ consumeResult: 'CR_SUCCESS', order: orderly, autoCommit: true });
        expect(direct.spentTimeMills).toBeGreaterThanOrEqual(0);
        expect(seen.filter((body) => body === 'ok')).toHaveLength(2);

        // These are delivered normally too (and retried); only the direct answers matter here.
        const later = await env.producer.send({ topic, body: 'later' });
        const boom = await env.producer.send({ topic, body: 'boom' });
        expect((await env.admin.consumeMessageDirectly(group, consumer.clientId, topic, later.offsetMsgId)).consumeResult).toBe('CR_LATER');
        const thrown = await env.admin.consumeMessageDirectly(group, consumer.clientId, topic, boom.offsetMsgId);
        expect(thrown.consumeResult).toBe('CR_THROW_EXCEPTION');
        expect(thrown.remark).toContain('listener exploded');
        await expect(env.admin.consumeMessageDirectly(group, 'no-such-client@0', topic, ok.offsetMsgId)).rejects.toThrow(/not online/);
      } finally {
        await consumer.shutdown();
      }
    }, 40_000);
  }

  it('GET_CONSUMER_RUNNING_INFO reports properties, subscriptions, queues (upstream field names) and stats', async () => {
    const { topic, group, consumer, seen } = await setUp(true);
    try {
      for (let i = 0; i < 5; i++) await env.producer.send({ topic, body: `m${i}` });
      await waitFor(() => seen.length >= 5, 'five deliveries');
      const info = await env.admin.getConsumerRunningInfo(group, consumer.clientId);
      expect(info.properties).toMatchObject({
        PROP_CONSUMEORDERLY: 'true',
        PROP_CONSUME_TYPE: 'CONSUME_PASSIVELY',
        PROP_THREADPOOL_CORE_SIZE: '20',
        PROP_CONSUMER_START_TIMESTAMP: String(consumer.startTimestamp),
        PROP_NAMESERVER_ADDR: env.cluster.namesrvAddr,
        consumerGroup: group,
        messageModel: 'CLUSTERING',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        maxReconsumeTimes: '2147483647',
        pullBatchSize: '32',
      });
      expect(info.subscriptionSet.map((sub) => sub.topic).sort()).toEqual([`%RETRY%${group}`, topic].sort());
      const queues = info.mqTable.filter((entry) => entry.messageQueue.topic === topic);
      expect(queues.map((entry) => entry.messageQueue.queueId).sort()).toEqual([0, 1]);
      for (const { value } of queues) {
        expect(value).toMatchObject({ locked: true, droped: false, cachedMsgCount: 0, transactionMsgCount: 0 });
        expect(value.lastLockTimestamp).toBeGreaterThan(0);
      }
      expect(queues.reduce((sum, entry) => sum + entry.value.commitOffset, 0)).toBe(5);
      expect(info.statusTable[topic].consumeOKTPS).toBeGreaterThan(0);
      expect(info.statusTable[topic].pullRT).toBeGreaterThanOrEqual(0);

      // The wire body itself carries Java's field names (droped, statusTable's fields).
      const raw = await env.admin.remoting.invoke(
        env.cluster.brokerAddr,
        createRequest(RequestCode.GET_CONSUMER_RUNNING_INFO, {
          extFields: GetConsumerRunningInfoRequestHeader.encode({ consumerGroup: group, clientId: consumer.clientId, jstackEnable: false }),
        }),
        10_000,
      );
      const text = raw.body?.toString('utf8') ?? '';
      for (const field of ['"droped":false', '"locked":true', '"consumeOKTPS":', '"consumeFailedMsgs":', '"pullTPS":', '"subscriptionSet":[']) {
        expect(text).toContain(field);
      }
    } finally {
      await consumer.shutdown();
    }
  }, 40_000);
});
