import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { queryTraceByKey, queryTraceByMessageId, type MessageTrace } from '../../broker-core/client/admin/trace-query';
import { PushConsumer } from '../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { FAST_CLIENT, uniqueName, waitFor } from '../client/client-fixtures';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';

/**
 * Message traces (spec/semantics.md §15) written by our producer and consumers to RMQ_SYS_TRACE_TOPIC of an
 * mqbroker process (traceTopicEnable=true) and read back by message id and by key, as the console's Trace page does.
 */
describe('message trace', () => {
  let cluster: ClusterProcesses;
  let admin: MQAdmin;

  beforeAll(async () => {
    cluster = await startClusterProcesses({ broker: ['traceTopicEnable=true'] });
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo('RMQ_SYS_TRACE_TOPIC')) !== undefined, 'the trace topic route');
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
    await cluster?.stop();
  });

  it('a message is traced with its publish and every consumption (times, costs, status, group, hosts)', async () => {
    const topic = uniqueName('TracedTopic');
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 1, writeQueueNums: 1 }), { clusterName: 'DefaultCluster' });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `route of ${topic}`);
    const common = { ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, enableMsgTrace: true, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' as const };
    const producerGroup = uniqueName('TraceProducer');
    const concurrentGroup = uniqueName('TraceConcurrent');
    const orderlyGroup = uniqueName('TraceOrderly');
    const consumed = { concurrent: 0, orderly: 0 };

    const producer = new Producer({ ...common, group: producerGroup });
    const concurrent = new PushConsumer({ ...common, group: concurrentGroup, listener: () => void consumed.concurrent++ });
    // The orderly group fails the first delivery (SubAfter success=false, FAILED) and takes the retry in place.
    const orderly = new PushConsumer({
      ...common,
      group: orderlyGroup,
      orderlyListener: (messages, context) => {
        consumed.orderly++;
        context.suspendCurrentQueueTimeMillis = 10;
        return messages[0].reconsumeTimes === 0 ? 'SUSPEND_CURRENT_QUEUE_A_MOMENT' : 'SUCCESS';
      },
    });
    concurrent.subscribe(topic);
    orderly.subscribe(topic);
    await Promise.all([producer.start(), concurrent.start(), orderly.start()]);
    try {
      const sentAt = Date.now();
      const result = await producer.send({ topic, body: 'traced body', tags: 'TagT', keys: ['order-42', 'user-7'] });
      const answeredAt = Date.now();
      await waitFor(() => consumed.concurrent >= 1 && consumed.orderly >= 2, 'both groups consumed it');

      let trace: MessageTrace | undefined;
      await waitFor(async () => {
        trace = await queryTraceByMessageId(admin, result.msgId);
        return trace.pub !== undefined && trace.consumes.length >= 3 && trace.consumes.every((c) => c.status !== 'unknown');
      }, 'the publish and three consumptions in the trace topic');
      const { pub, consumes } = trace as MessageTrace;

      expect(pub).toMatchObject({
        traceType: 'Pub',
        groupName: producerGroup,
        topic,
        msgId: result.msgId,
        offsetMsgId: result.offsetMsgId,
        tags: 'TagT',
        keys: 'order-42 user-7',
        storeHost: cluster.brokerAddr,
        bodyLength: 'traced body'.length,
        msgType: 'Normal_Msg',
        status: 'success',
        regionId: 'DefaultRegion',
      });
      expect(pub?.timestamp).toBeGreaterThanOrEqual(sentAt);
      expect(pub?.timestamp).toBeLessThanOrEqual(answeredAt);
      expect(pub?.costTime).toBeGreaterThanOrEqual(0);
      expect(pub?.costTime).toBeLessThanOrEqual(answeredAt - sentAt);
      expect(pub?.clientHost).toMatch(/:\d+$/);

      const ofGroup = (group: string) => consumes.filter((c) => c.groupName === group);
      expect(ofGroup(concurrentGroup)).toHaveLength(1);
      expect(ofGroup(concurrentGroup)[0]).toMatchObject({ status: 'success', retryTimes: 0, contextCode: 0 });
      const [failed, retried] = ofGroup(orderlyGroup);
      expect(failed).toMatchObject({ status: 'failed', retryTimes: 0, contextCode: 4 });
      expect(retried).toMatchObject({ status: 'success', retryTimes: 1, contextCode: 0 });
      for (const consume of consumes) {
        expect(consume.beginTimestamp).toBeGreaterThanOrEqual(pub?.timestamp ?? 0);
        expect(consume.endTimestamp).toBeGreaterThanOrEqual(consume.beginTimestamp);
        expect(consume.costTime).toBeGreaterThanOrEqual(0);
        expect(consume.costTime).toBeLessThanOrEqual((consume.endTimestamp ?? 0) - consume.beginTimestamp);
        expect(consume.clientHost).toMatch(/:\d+$/);
      }
      expect(retried.beginTimestamp).toBeGreaterThanOrEqual(failed.endTimestamp ?? Infinity);

      // By a user key: the same message's records.
      const byKey = await queryTraceByKey(admin, 'user-7');
      expect(byKey.filter((event) => event.traceType === 'Pub').map((event) => event.msgId)).toEqual([result.msgId]);
      expect(byKey.filter((event) => event.traceType === 'SubBefore')).toHaveLength(3);
      expect(producer.traceDispatcher?.droppedCount).toBe(0);
    } finally {
      await Promise.all([concurrent.shutdown(), orderly.shutdown()]);
      await producer.shutdown();
    }
  }, 60_000);
});
