import { describe, expect, it } from 'vitest';
import { viewMessageById } from '../../broker-core/client/admin/message-queries';
import { selectMessageQueueByHash } from '../../broker-core/client/producer/queue-selector';
import type { SendResult } from '../../broker-core/client/producer/send-result';
import { decodeOffsetMessageId } from '../../broker-core/common/message/message-id';
import { decodeStoredMessage } from '../../broker-core/common/message/stored-message-decoder';
import { ViewMessageRequestHeader } from '../../broker-core/protocol/headers/query-message';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { createRequest } from '../../broker-core/remoting/remoting-command';
import { recordingConsumer, uniqueName, waitFor } from './client-fixtures';
import { useClientCluster } from './client-cluster';

/** Every send mode of our producer against mqnamesrv + mqbroker processes. */
describe('producer against our broker', () => {
  const env = useClientCluster('ProducerTestGroup');

  const { createTopic } = env;

  it('sync send: SEND_OK with UNIQ_KEY msgId, an offset id naming the broker, and growing queue offsets', async () => {
    const topic = uniqueName('SyncTopic');
    await createTopic(topic, 1);
    const first = await env.producer.send({ topic, body: 'one', tags: 'TagA', keys: ['k1', 'k2'], properties: { color: 'red' } });
    const second = await env.producer.send({ topic, body: 'two' });
    expect(first.sendStatus).toBe('SEND_OK');
    expect(first.msgId).toMatch(/^[0-9A-F]{32}$/);
    expect(first.messageQueue).toEqual({ topic, brokerName: 'broker-a', queueId: 0 });
    expect(decodeOffsetMessageId(first.offsetMsgId).storeHost).toBe(env.cluster.brokerAddr);
    expect(second.queueOffset).toBe(first.queueOffset + 1);
    const stored = await viewMessageById(env.admin, first.offsetMsgId);
    expect(stored.body.toString()).toBe('one');
    expect(stored.tags).toBe('TagA');
    expect(stored.keys).toBe('k1 k2');
    expect(stored.uniqKey).toBe(first.msgId);
    expect(stored.properties.get('color')).toBe('red');
  });

  it('falls back to the TBW102 route for a topic without one, and the broker auto-creates it', async () => {
    const topic = uniqueName('AutoTopic');
    expect(await env.admin.namesrv.getTopicRouteInfo(topic)).toBeUndefined();
    const result = await env.producer.send({ topic, body: 'auto' });
    expect(result.sendStatus).toBe('SEND_OK');
    await waitFor(async () => (await env.admin.namesrv.getTopicRouteInfo(topic)) !== undefined, 'the auto-created route');
  });

  it('async sends resolve a promise or call the callback', async () => {
    const topic = uniqueName('AsyncTopic');
    await createTopic(topic);
    const viaPromise = await env.producer.sendAsync({ topic, body: 'promise' });
    expect(viaPromise?.sendStatus).toBe('SEND_OK');
    const viaCallback = await new Promise<SendResult>((resolve, reject) => {
      void env.producer.sendAsync({ topic, body: 'callback' }, { onSuccess: resolve, onException: reject });
    });
    expect(viaCallback.sendStatus).toBe('SEND_OK');
    const failure = await new Promise<Error>((resolve) => {
      void env.producer.sendAsync({ topic, body: '' }, { onSuccess: () => resolve(new Error('unexpected success')), onException: resolve });
    });
    expect(failure.message).toMatch(/length is zero/);
  });

  it('oneway sends are stored though nothing answers', async () => {
    const topic = uniqueName('OnewayTopic');
    await createTopic(topic);
    for (let i = 0; i < 5; i++) await env.producer.sendOneway({ topic, body: `oneway-${i}` });
    await waitFor(async () => {
      const stats = await env.admin.examineTopicStats(topic);
      return stats.offsetTable.reduce((sum, entry) => sum + entry.value.maxOffset, 0) === 5;
    }, 'five oneway messages');
  });

  it('batch: one request, consecutive offsets on one queue, one UNIQ_KEY per message', async () => {
    const topic = uniqueName('BatchTopic');
    await createTopic(topic);
    const result = await env.producer.sendBatch([1, 2, 3].map((i) => ({ topic, body: `batch-${i}`, keys: `bk${i}` })));
    const ids = result.msgId.split(',');
    const offsetIds = result.offsetMsgId.split(',');
    expect(ids).toHaveLength(3);
    expect(offsetIds).toHaveLength(3);
    const stored = await Promise.all(offsetIds.map((id) => viewMessageById(env.admin, id)));
    expect(stored.map((message) => message.body.toString())).toEqual(['batch-1', 'batch-2', 'batch-3']);
    expect(stored.map((message) => message.queueOffset)).toEqual([result.queueOffset, result.queueOffset + 1, result.queueOffset + 2]);
    expect(new Set(stored.map((message) => message.queueId))).toEqual(new Set([result.messageQueue.queueId]));
    expect(stored.map((message) => message.uniqKey)).toEqual(ids);
  });

  it('queue selector: the same key always lands on the same queue, in send order', async () => {
    const topic = uniqueName('OrderTopic');
    await createTopic(topic, 4);
    const queuesByKey = new Map<string, Set<number>>();
    const offsetsByKey = new Map<string, number[]>();
    for (let i = 0; i < 24; i++) {
      const key = `order-${i % 3}`;
      const result = await env.producer.send({ topic, body: `${key}:${i}` }, { selector: selectMessageQueueByHash, arg: key });
      queuesByKey.set(key, (queuesByKey.get(key) ?? new Set()).add(result.messageQueue.queueId));
      offsetsByKey.set(key, [...(offsetsByKey.get(key) ?? []), result.queueOffset]);
    }
    for (const queues of queuesByKey.values()) expect(queues.size).toBe(1);
    for (const offsets of offsetsByKey.values()) expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it('compresses a body of 4 KiB and more: stored with sysflag bit 0 and fewer bytes, consumed intact', async () => {
    const topic = uniqueName('ZipTopic');
    await createTopic(topic, 1);
    const body = Buffer.from('abcdefgh'.repeat(1024)); // 8 KiB, very compressible
    const result = await env.producer.send({ topic, body });
    const { storeHost, commitLogOffset } = decodeOffsetMessageId(result.offsetMsgId);
    const raw = await env.admin.remoting.invoke(storeHost, createRequest(RequestCode.VIEW_MESSAGE_BY_ID, { extFields: ViewMessageRequestHeader.encode({ offset: commitLogOffset }) }));
    const asStored = decodeStoredMessage(raw.body ?? Buffer.alloc(0));
    expect(asStored.sysFlag & 1).toBe(1);
    expect(asStored.body.length).toBeLessThan(1000);
    const { consumer, received } = await recordingConsumer({
      namesrvAddr: env.cluster.namesrvAddr,
      group: uniqueName('ZipGroup'),
      topic,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    try {
      await waitFor(() => received.length === 1, 'the compressed message');
      expect(received[0].body.equals(body)).toBe(true);
      expect(received[0].sysFlag & 1).toBe(0);
    } finally {
      await consumer.shutdown();
    }
  });

  it('delay level 1: the message reaches consumers about a second later', async () => {
    const topic = uniqueName('DelayTopic');
    await createTopic(topic, 1);
    const { consumer, received } = await recordingConsumer({
      namesrvAddr: env.cluster.namesrvAddr,
      group: uniqueName('DelayGroup'),
      topic,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    try {
      await waitFor(async () => (await env.admin.examineConsumerConnectionInfo(consumer.group).catch(() => undefined)) !== undefined, 'the consumer online');
      const sentAt = Date.now();
      const result = await env.producer.send({ topic, body: 'later', delayTimeLevel: 1 });
      expect(result.sendStatus).toBe('SEND_OK');
      // The broker parks it in SCHEDULE_TOPIC_XXXX queue level-1 with the real topic saved.
      const parked = await viewMessageById(env.admin, result.offsetMsgId);
      expect(parked.topic).toBe('SCHEDULE_TOPIC_XXXX');
      expect(parked.properties.get('REAL_TOPIC')).toBe(topic);
      expect(parked.properties.get('DELAY')).toBe('1');
      await waitFor(() => received.length === 1, 'the delayed message', 15_000);
      expect(received[0].storeTimestamp - sentAt).toBeGreaterThanOrEqual(900);
      expect(received[0].properties.get('DELAY')).toBeUndefined();
    } finally {
      await consumer.shutdown();
    }
  });

  it('convertAndSend writes JSON to topic:tags', async () => {
    const topic = uniqueName('JsonTopic');
    await createTopic(topic, 1);
    const result = await env.producer.convertAndSend(`${topic}:Created`, { id: 7, name: 'widget' }, { keys: 'order-7' });
    const stored = await viewMessageById(env.admin, result.offsetMsgId);
    expect(JSON.parse(stored.body.toString())).toEqual({ id: 7, name: 'widget' });
    expect(stored.tags).toBe('Created');
    expect(stored.keys).toBe('order-7');
  });

  it('heartbeats register the producer group with the broker', async () => {
    const topic = uniqueName('HeartbeatTopic');
    await env.producer.send({ topic, body: 'x' });
    await waitFor(async () => {
      const connection = await env.admin.examineProducerConnectionInfo('ProducerTestGroup', topic).catch(() => undefined);
      return connection?.connectionSet.some((client) => client.clientId === env.producer.clientId && client.language === 'OTHER') ?? false;
    }, 'the producer connection');
  });

  it('refuses bad messages before sending', async () => {
    await expect(env.producer.send({ topic: 'bad topic!', body: 'x' })).rejects.toThrow(/illegal characters/);
    await expect(env.producer.send({ topic: 'T', body: Buffer.alloc(4 * 1024 * 1024 + 1) })).rejects.toThrow(/over max value/);
  });
});
