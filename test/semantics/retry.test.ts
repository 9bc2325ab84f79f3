import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { PushConsumer } from '../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../broker-core/client/producer/producer';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { encodeMessageProperties } from '../../broker-core/common/message/message-properties';
import { decodeStoredMessages } from '../../broker-core/common/message/stored-message-decoder';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { SendMessageRequestHeaderV2 } from '../../broker-core/protocol/headers/send-message';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createRequest } from '../../broker-core/remoting/remoting-command';
import { pullRequest } from '../broker/broker-fixture';
import { FAST_CLIENT, sleep, uniqueName, waitFor } from '../client/client-fixtures';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';

/**
 * Retry and dead letters (spec/semantics.md §5) against mqnamesrv + mqbroker processes with our push consumer. The
 * broker runs with 1-second delay levels, so every retry comes back after about a second.
 */
const ONE_SECOND_LEVELS = Array.from({ length: 18 }, () => '1s').join(' ');

interface Delivery {
  topic: string;
  reconsumeTimes: number;
  msgId: string;
  uniqKey: string | undefined;
}

describe('retry and dead-letter queues', () => {
  let cluster: ClusterProcesses;
  let admin: MQAdmin;
  let producer: Producer;
  let remoting: RemotingClient;
  const consumers: PushConsumer[] = [];

  beforeAll(async () => {
    cluster = await startClusterProcesses({ broker: [`messageDelayLevel=${ONE_SECOND_LEVELS}`] });
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    producer = new Producer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, group: uniqueName('RetryProducer') });
    await producer.start();
    remoting = new RemotingClient({ name: 'retry-test' });
  }, 240_000);

  afterAll(async () => {
    for (const consumer of consumers) await consumer.shutdown();
    await producer?.shutdown();
    await remoting?.close();
    await admin?.close();
    await cluster?.stop();
  }, 60_000);

  async function createTopic(topic: string): Promise<void> {
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 1, writeQueueNums: 1 }), { brokerAddr: cluster.brokerAddr });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `route of ${topic}`);
  }

  /** A consumer that fails the first `failures` deliveries of every message (Infinity: always). */
  async function failingConsumer(group: string, topic: string, failures: number, maxReconsumeTimes?: number): Promise<Delivery[]> {
    const deliveries: Delivery[] = [];
    const consumer = new PushConsumer({
      ...FAST_CLIENT,
      namesrvAddr: cluster.namesrvAddr,
      group,
      maxReconsumeTimes,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      listener: (messages) => {
        for (const message of messages) deliveries.push({ topic: message.topic, reconsumeTimes: message.reconsumeTimes, msgId: message.msgId, uniqKey: message.uniqKey });
        return deliveries.length <= failures ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS';
      },
    });
    consumer.subscribe(topic, '*');
    consumers.push(consumer);
    await consumer.start();
    return deliveries;
  }

  async function pullAll(topic: string, group: string): Promise<MessageExt[]> {
    const response = await remoting.invoke(cluster.brokerAddr, pullRequest(topic, { subscription: '*', group }));
    return decodeStoredMessages(response.body ?? Buffer.alloc(0));
  }

  it('a listener that fails 3 times sees the message 3 more times, reconsumeTimes 1..3, with its own topic', async () => {
    const topic = uniqueName('RetryTopic');
    await createTopic(topic);
    const deliveries = await failingConsumer(uniqueName('RetryGroup'), topic, 3);
    const sent = await producer.send({ topic, body: 'fail three times' });
    await waitFor(() => deliveries.length >= 4, 'four deliveries', 25_000);
    await sleep(2500);
    expect(deliveries.map((delivery) => delivery.reconsumeTimes)).toEqual([0, 1, 2, 3]);
    expect(new Set(deliveries.map((delivery) => delivery.topic))).toEqual(new Set([topic]));
    expect(new Set(deliveries.map((delivery) => delivery.uniqKey))).toEqual(new Set([sent.msgId]));
  }, 45_000);

  it('with maxReconsumeTimes = 2 the message lands in %DLQ%<group>, readable, with ORIGIN_MESSAGE_ID and RETRY_TOPIC', async () => {
    const topic = uniqueName('DlqTopic');
    const group = uniqueName('DlqGroup');
    await createTopic(topic);
    const deliveries = await failingConsumer(group, topic, Infinity, 2);
    const sent = await producer.send({ topic, body: 'always fails' });
    let dead: MessageExt[] = [];
    await waitFor(async () => (dead = await pullAll(`%DLQ%${group}`, 'DlqReader')).length > 0, 'the dead letter', 25_000);
    await sleep(2000);
    expect(deliveries.map((delivery) => delivery.reconsumeTimes)).toEqual([0, 1, 2]);
    expect(dead).toHaveLength(1);
    const [letter] = dead;
    expect(letter.topic).toBe(`%DLQ%${group}`);
    expect(letter.body.toString()).toBe('always fails');
    expect(letter.uniqKey).toBe(sent.msgId);
    expect(letter.reconsumeTimes).toBe(3);
    expect(letter.properties.get('RETRY_TOPIC')).toBe(topic);
    expect(letter.properties.get('ORIGIN_MESSAGE_ID')).toBe(deliveries[0].msgId);
    expect(letter.properties.has('DELAY')).toBe(false);
    const route = await admin.namesrv.getTopicRouteInfo(`%DLQ%${group}`);
    expect(route?.queueDatas[0].perm).toBe(6);
  }, 45_000);

  it('a direct send to %RETRY%<group> that reached maxReconsumeTimes goes to %DLQ%<group>', async () => {
    const group = uniqueName('DirectGroup');
    const extFields = SendMessageRequestHeaderV2.encode({
      a: 'DirectProducer',
      b: `%RETRY%${group}`,
      c: 'TBW102',
      d: 4,
      e: 0,
      f: 0,
      g: Date.now(),
      h: 0,
      i: encodeMessageProperties([['DELAY', '3'], ['WAIT', 'true']]),
      j: 2,
      k: false,
      l: 2,
      m: false,
    });
    const response = await remoting.invoke(cluster.brokerAddr, createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from('too late') }));
    expect(response.code).toBe(ResponseCode.SUCCESS);
    let dead: MessageExt[] = [];
    await waitFor(async () => (dead = await pullAll(`%DLQ%${group}`, 'DirectReader')).length > 0, 'the dead letter', 5000);
    const [letter] = dead;
    expect(letter.body.toString()).toBe('too late');
    expect(letter.properties.has('DELAY')).toBe(false);
    expect(await pullAll(`%RETRY%${group}`, group)).toEqual([]);
  });
});
