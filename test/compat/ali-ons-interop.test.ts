import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { Producer } from '../../broker-core/client/producer/producer';
import type { MessageExt } from '../../broker-core/common/message/message-ext';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';
import { FAST_CLIENT, recordingConsumer, sleep, uniqueName, waitFor } from '../client/client-fixtures';

/**
 * Interoperability of our client with ali-ons 3.12 (npm, a RocketMQ 4.x Node client written by others), both through
 * mqnamesrv + mqbroker processes: what our producer sends, ali-ons consumes, and the other way round, with tags,
 * keys, user properties and a zlib-compressed body intact.
 */
interface AliOnsMessage {
  topic: string;
  body: Buffer;
  tags: string;
  keys: string;
  msgId: string;
  properties: Record<string, string>;
}

/** A message being built: `keys` is set as a list and read back joined. */
interface AliOnsNewMessage {
  keys: string[];
  properties: Record<string, string>;
}

interface AliOnsMessageConstructor {
  new (topic: string, tags: string, body: string | Buffer): AliOnsNewMessage;
}

interface AliOnsClient {
  ready(): Promise<void>;
  close(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface AliOnsConsumer extends AliOnsClient {
  subscribe(topic: string, expression: string, handler: (message: AliOnsMessage) => Promise<void>): void;
}

interface AliOnsProducer extends AliOnsClient {
  send(message: AliOnsNewMessage): Promise<{ sendStatus: string; msgId: string }>;
}

const requireFromHere = createRequire(__filename);
const aliOns = requireFromHere('ali-ons') as {
  Message: AliOnsMessageConstructor;
  Producer: new (options: Record<string, unknown>) => AliOnsProducer;
  Consumer: new (options: Record<string, unknown>) => AliOnsConsumer;
};

const silentLogger = { info() {}, warn() {}, error() {}, debug() {} };
const bigBody = Buffer.from('rocketmq-interop '.repeat(600)); // ~10 KiB: both clients compress it

describe('interop with ali-ons 3.12', () => {
  let cluster: ClusterProcesses;
  let admin: MQAdmin;
  const errors: Error[] = [];

  beforeAll(async () => {
    cluster = await startClusterProcesses();
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
    await cluster?.stop();
  });

  const aliOptions = () => ({
    nameSrv: cluster.namesrvAddr,
    httpclient: {},
    logger: silentLogger,
    instanceName: uniqueName('ali'),
    rebalanceInterval: 1000,
    heartbeatBrokerInterval: 1000,
    pollNameServerInteval: 1000,
    persistConsumerOffsetInterval: 500,
  });

  const createTopic = async (topic: string) => {
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 2, writeQueueNums: 2 }), { clusterName: 'DefaultCluster' });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `route of ${topic}`);
  };

  it('ali-ons consumes what our producer sends', async () => {
    const topic = uniqueName('OursToAli');
    await createTopic(topic);
    const received: AliOnsMessage[] = [];
    const consumer = new aliOns.Consumer({ ...aliOptions(), consumerGroup: uniqueName('AliGroup'), consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    consumer.on('error', (error) => errors.push(error));
    await consumer.ready();
    consumer.subscribe(topic, 'TagA || TagBig', async (message) => void received.push(message));
    const producer = new Producer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, group: uniqueName('OurProducer') });
    await producer.start();
    try {
      const small = await producer.send({ topic, body: 'hello ali-ons', tags: 'TagA', keys: ['k1', 'k2'], properties: { color: 'blue', 'x-trace': 'abc' } });
      await producer.send({ topic, body: 'filtered out', tags: 'TagB' });
      const big = await producer.send({ topic, body: bigBody, tags: 'TagBig', keys: 'big-key' });
      await waitFor(() => received.length >= 2, 'two messages at ali-ons', 30_000);
      await sleep(300);
      expect(received).toHaveLength(2);
      const bySmall = received.find((message) => message.tags === 'TagA');
      const byBig = received.find((message) => message.tags === 'TagBig');
      expect(bySmall?.body.toString()).toBe('hello ali-ons');
      expect(bySmall?.keys).toBe('k1 k2');
      expect(bySmall?.properties.color).toBe('blue');
      expect(bySmall?.properties['x-trace']).toBe('abc');
      expect(bySmall?.properties.UNIQ_KEY).toBe(small.msgId);
      expect(byBig?.body.equals(bigBody)).toBe(true);
      expect(byBig?.keys).toBe('big-key');
      expect(byBig?.properties.UNIQ_KEY).toBe(big.msgId);
    } finally {
      await producer.shutdown();
      await consumer.close();
    }
  });

  it('our consumer consumes what ali-ons sends', async () => {
    const topic = uniqueName('AliToOurs');
    await createTopic(topic);
    const producer = new aliOns.Producer({ ...aliOptions(), producerGroup: uniqueName('AliProducer') });
    producer.on('error', (error) => errors.push(error));
    await producer.ready();
    const { consumer, received } = await recordingConsumer({
      namesrvAddr: cluster.namesrvAddr,
      group: uniqueName('OurGroup'),
      topic,
      expression: 'TagA || TagBig',
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    try {
      const small = new aliOns.Message(topic, 'TagA', 'hello ours');
      small.keys = ['key-1', 'key-2'];
      small.properties.region = 'eu';
      const skipped = new aliOns.Message(topic, 'TagB', 'not for us');
      const big = new aliOns.Message(topic, 'TagBig', bigBody);
      big.keys = ['big'];
      const sentSmall = await producer.send(small);
      await producer.send(skipped);
      await producer.send(big);
      expect(sentSmall.sendStatus).toBe('SEND_OK');
      await waitFor(() => received.length >= 2, 'two messages at our consumer', 30_000);
      await sleep(300);
      expect(received).toHaveLength(2);
      const byTag = (tag: string) => received.find((message: MessageExt) => message.tags === tag);
      expect(byTag('TagA')?.body.toString()).toBe('hello ours');
      expect(byTag('TagA')?.keys).toBe('key-1 key-2');
      expect(byTag('TagA')?.properties.get('region')).toBe('eu');
      expect(byTag('TagBig')?.body.equals(bigBody)).toBe(true);
      expect((byTag('TagBig')?.sysFlag ?? 1) & 1).toBe(0); // inflated for the application
      expect(byTag('TagBig')?.keys).toBe('big');
    } finally {
      await consumer.shutdown();
      await producer.close();
    }
    // ali-ons reports the %RETRY% route as missing until its first heartbeat creates it (as against Apache RocketMQ).
    expect(errors.filter((error) => !/No topic route info in name server for the topic: %RETRY%/.test(error.message))).toEqual([]);
  });
});
