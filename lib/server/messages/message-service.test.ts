import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushConsumer } from '../../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../../broker-core/protocol/bodies/topic-config';
import { FAST_CLIENT, uniqueName, waitFor } from '../../../test/client/client-fixtures';
import { byTimeQuerySchema, type TailEvent } from '../../validations/message-query';
import { startConsoleServer, type ConsoleServer } from '../console-server';

// The Messages service against the console's embedded broker: queries, detail with message track, resend, tail.
describe('message service', () => {
  let dir: string;
  let server: ConsoleServer;
  let producer: Producer;
  let namesrvAddr: string;
  const topic = uniqueName('MessagesTopic');
  const sent: Array<{ msgId: string; offsetMsgId: string }> = [];
  let startedAt: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'message-service-test-'));
    server = await startConsoleServer({
      embedded: { listenHost: '127.0.0.1', namesrvPort: 0, brokerPort: 0, storeDir: join(dir, 'store'), namesrvDir: join(dir, 'namesrv') },
      externalNamesrvAddrs: undefined,
    });
    namesrvAddr = server.embedded!.namesrvAddr;
    await server.admin('embedded').createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 2, writeQueueNums: 2 }), { brokerAddr: server.embedded!.broker.address });
    producer = new Producer({ ...FAST_CLIENT, namesrvAddr, group: uniqueName('MessagesProducer') });
    await producer.start();
    startedAt = Date.now() - 1000;
    for (let index = 0; index < 5; index++) {
      const result = await producer.send({ topic, body: `plain ${index}`, keys: [`order-${index}`, 'shared-key'], tags: 'TagA' });
      sent.push({ msgId: result.msgId, offsetMsgId: result.offsetMsgId });
    }
    const binary = await producer.send({ topic, body: Buffer.from([0xff, 0xfe, 0x00, 0x41]), keys: 'binary' });
    sent.push({ msgId: binary.msgId, offsetMsgId: binary.offsetMsgId });
  }, 60_000);

  afterAll(async () => {
    await producer?.shutdown();
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('pages through a time range with a cursor, every message once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await server.messages.queryByTime(byTimeQuerySchema.parse({ cluster: 'embedded', topic, from: startedAt, to: Date.now() + 1000, pageSize: 4, cursor }));
      seen.push(...page.messages.map((message) => message.offsetMsgId));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual(sent.map((message) => message.offsetMsgId).sort());
    expect(pages).toBeGreaterThanOrEqual(2);
    await expect(server.messages.queryByTime(byTimeQuerySchema.parse({ cluster: 'embedded', topic, from: 1, to: 2, cursor: 'bm90LWpzb24' }))).rejects.toMatchObject({ name: 'BadRequestError' });
  });

  it('finds messages by key and by either id, and shows every field of one', async () => {
    const byKey = await server.messages.queryByKey({ cluster: 'embedded', topic, key: 'shared-key' });
    expect(byKey.messages).toHaveLength(5);
    expect((await server.messages.queryByKey({ cluster: 'embedded', topic, key: 'order-3' })).messages.map((message) => message.msgId)).toEqual([sent[3].msgId]);
    expect((await server.messages.queryById({ cluster: 'embedded', topic, msgId: sent[1].msgId })).messages.map((message) => message.offsetMsgId)).toEqual([sent[1].offsetMsgId]);
    expect((await server.messages.queryById({ cluster: 'embedded', msgId: sent[2].offsetMsgId })).messages.map((message) => message.msgId)).toEqual([sent[2].msgId]);

    const detail = await server.messages.detail('embedded', sent[0].offsetMsgId);
    expect(detail).toMatchObject({ msgId: sent[0].msgId, topic, tags: 'TagA', keys: 'order-0 shared-key', bodyPreview: 'plain 0', body: { utf8: true, size: 7 } });
    expect(Buffer.from(detail.body.base64, 'base64').toString()).toBe('plain 0');
    expect(detail.properties.map((property) => property.name)).toEqual(expect.arrayContaining(['KEYS', 'TAGS', 'UNIQ_KEY']));
    const binary = await server.messages.detail('embedded', sent[5].offsetMsgId);
    expect(binary.body).toMatchObject({ utf8: false, size: 4, base64: Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('base64') });
    expect(binary.bodyPreview).toBe('ff fe 00 41');
  });

  it('tracks a group that consumed the message, resends it to a client of that group, and tails new messages', async () => {
    const group = uniqueName('MessagesGroup');
    const received: string[] = [];
    const consumer = new PushConsumer({ ...FAST_CLIENT, namesrvAddr, group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', listener: (messages) => (received.push(...messages.map((message) => message.msgId)), 'CONSUME_SUCCESS') });
    consumer.subscribe(topic, '*');
    await consumer.start();
    const tail = new AbortController();
    const events: TailEvent[] = [];
    try {
      await waitFor(() => received.length >= sent.length, 'everything consumed');
      await waitFor(async () => (await server.messages.detail('embedded', sent[0].offsetMsgId)).tracks.some((track) => track.consumerGroup === group && track.trackType === 'CONSUMED'), 'track CONSUMED', 20_000, 250);

      const result = await server.messages.resendToGroup({ cluster: 'embedded', msgId: sent[0].offsetMsgId, group });
      expect(result).toMatchObject({ consumeResult: 'CR_SUCCESS', clientId: expect.any(String) });

      server.messages.tail('embedded', topic, { onMessages: (event) => events.push(event), onError: (message) => events.push({ messages: [], skipped: -1, error: message } as TailEvent) }, tail.signal);
      await new Promise((resolve) => setTimeout(resolve, 800));
      const fresh = await producer.send({ topic, body: 'live one' });
      await waitFor(() => events.some((event) => event.messages.some((message) => message.msgId === fresh.msgId)), 'the tail to see the new message', 10_000);
      expect(events.flatMap((event) => event.messages).map((message) => message.msgId)).toEqual([fresh.msgId]);
    } finally {
      tail.abort();
      await consumer.shutdown();
    }
    await expect(server.messages.resendToGroup({ cluster: 'embedded', msgId: sent[0].offsetMsgId, group })).rejects.toMatchObject({ name: 'ConflictError' });
  }, 60_000);
});
