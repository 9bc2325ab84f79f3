import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushConsumer } from '../../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../../broker-core/protocol/bodies/topic-config';
import { FAST_CLIENT, uniqueName, waitFor } from '../../../test/client/client-fixtures';
import { startConsoleServer, type ConsoleServer } from '../console-server';
import { csvCell } from './dlq-export';

// Dead letters made the real way (a listener that fails, maxReconsumeTimes 0), then browsed, resent and exported.
describe('dead-letter service', () => {
  let dir: string;
  let server: ConsoleServer;
  let producer: Producer;
  let consumer: PushConsumer;
  const topic = uniqueName('DlqTopic');
  const group = uniqueName('DlqGroup');
  const deliveries: string[] = [];
  let failing = true;
  let startedAt: number;
  let sentMsgId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dlq-service-test-'));
    server = await startConsoleServer({
      embedded: { listenHost: '127.0.0.1', namesrvPort: 0, brokerPort: 0, storeDir: join(dir, 'store'), namesrvDir: join(dir, 'namesrv') },
      externalNamesrvAddrs: undefined,
    });
    const namesrvAddr = server.embedded!.namesrvAddr;
    await server.admin('embedded').createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 1, writeQueueNums: 1 }), { brokerAddr: server.embedded!.broker.address });
    consumer = new PushConsumer({
      ...FAST_CLIENT,
      namesrvAddr,
      group,
      maxReconsumeTimes: 0,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      listener: (messages) => {
        deliveries.push(...messages.map((message) => message.body.toString()));
        return failing ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS';
      },
    });
    consumer.subscribe(topic, '*');
    await consumer.start();
    producer = new Producer({ ...FAST_CLIENT, namesrvAddr, group: uniqueName('DlqProducer') });
    await producer.start();
    startedAt = Date.now() - 1000;
    sentMsgId = (await producer.send({ topic, body: '<script>alert(1)</script>', keys: 'dlq-key', tags: 'T1', properties: { origin: 'test' } })).msgId;
  }, 60_000);

  afterAll(async () => {
    await consumer?.shutdown();
    await producer?.shutdown();
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('lists the %DLQ% topic, browses its letter, resends it both ways and exports it', async () => {
    await waitFor(async () => (await server.deadLetters.listTopics('embedded')).some((entry) => entry.group === group && entry.total === 1), 'the dead letter', 20_000, 250);
    const page = await server.deadLetters.queryByTime({ cluster: 'embedded', group, from: startedAt, to: Date.now() + 1000, pageSize: 50 });
    expect(page.messages).toHaveLength(1);
    const [letter] = page.messages;
    expect(letter).toMatchObject({ msgId: sentMsgId, topic: `%DLQ%${group}`, bodyPreview: '<script>alert(1)</script>', keys: 'dlq-key' });

    const failed = await server.deadLetters.resend({ cluster: 'embedded', group, mode: 'consume-directly', msgIds: [letter.offsetMsgId] });
    expect(failed.results).toEqual([{ msgId: letter.offsetMsgId, ok: false, outcome: 'CR_LATER' }]);
    failing = false;
    const consumed = await server.deadLetters.resend({ cluster: 'embedded', group, mode: 'consume-directly', msgIds: [letter.offsetMsgId] });
    expect(consumed.results).toEqual([{ msgId: letter.offsetMsgId, ok: true, outcome: 'CR_SUCCESS' }]);

    const before = deliveries.length;
    const sentBack = await server.deadLetters.resend({ cluster: 'embedded', group, mode: 'send-back', msgIds: [letter.offsetMsgId, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] });
    expect(sentBack.results[0]).toMatchObject({ ok: true, outcome: expect.stringMatching(/^SEND_OK [0-9A-F]{32}$/) });
    expect(sentBack.results[1]).toMatchObject({ ok: false, outcome: 'failed', error: expect.any(String) });
    await waitFor(() => deliveries.length > before, 'the copy in the original topic consumed again');
    const copies = await server.messages.queryByKey({ cluster: 'embedded', topic, key: 'dlq-key' });
    expect(copies.messages).toHaveLength(2);

    const json = await server.deadLetters.exportFile({ cluster: 'embedded', group, from: startedAt, to: Date.now() + 1000, format: 'json' });
    expect(json.fileName).toMatch(/^dlq-.*\.json$/);
    const exported = JSON.parse(json.body) as Array<Record<string, unknown>>;
    expect(exported).toEqual([expect.objectContaining({ msgId: sentMsgId, originalTopic: topic, bodyEncoding: 'utf8', body: '<script>alert(1)</script>', properties: expect.objectContaining({ origin: 'test' }) })]);
    const csv = await server.deadLetters.exportFile({ cluster: 'embedded', group, from: startedAt, to: Date.now() + 1000, format: 'csv' });
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('msgId,offsetMsgId,topic,originalTopic,tags,keys,storeTimestamp,bornTimestamp,storeHost,bornHost,queueId,queueOffset,reconsumeTimes,bodyEncoding,body,properties');
    expect(lines[1]).toContain('"<script>alert(1)</script>"');
  }, 60_000);

  it('answers an empty page for a group without dead letters, and quotes CSV cells safely', async () => {
    expect((await server.deadLetters.queryByTime({ cluster: 'embedded', group: 'NoSuchGroup', from: 1, to: Date.now(), pageSize: 10 })).messages).toEqual([]);
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('=SUM(A1)')).toBe('"\'=SUM(A1)"');
  });
});
