import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushConsumer } from '../../../broker-core/client/consumer/push-consumer';
import { Producer } from '../../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../../broker-core/protocol/bodies/topic-config';
import { FAST_CLIENT, uniqueName, waitFor } from '../../../test/client/client-fixtures';
import { traceQuerySchema } from '../../validations/message-query';
import { startConsoleServer, type ConsoleServer } from '../console-server';

// Traces written by our traced producer and consumer, read back through the Trace service.
describe('trace service', () => {
  let dir: string;
  let server: ConsoleServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trace-service-test-'));
    server = await startConsoleServer({
      embedded: { listenHost: '127.0.0.1', namesrvPort: 0, brokerPort: 0, storeDir: join(dir, 'store'), namesrvDir: join(dir, 'namesrv') },
      externalNamesrvAddrs: undefined,
    });
  }, 60_000);

  afterAll(async () => {
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('says the trace topic is missing before anything was traced', async () => {
    const result = await server.traces.query(traceQuerySchema.parse({ cluster: 'embedded', key: 'anything', traceTopic: uniqueName('NoTraceTopic') }));
    expect(result).toMatchObject({ traces: [], traceTopicMissing: true });
  });

  it('finds the publish and the consumption of a traced message by id and by key', async () => {
    const namesrvAddr = server.embedded!.namesrvAddr;
    const brokerAddr = server.embedded!.broker.address;
    const topic = uniqueName('TracedTopic');
    const group = uniqueName('TracedGroup');
    const traceTopic = uniqueName('TraceTopic');
    const admin = server.admin('embedded');
    for (const name of [topic, traceTopic]) await admin.createOrUpdateTopic(newTopicConfig(name, { readQueueNums: 1, writeQueueNums: 1 }), { brokerAddr });
    const producer = new Producer({ ...FAST_CLIENT, namesrvAddr, group: uniqueName('TracedProducer'), enableMsgTrace: true, customizedTraceTopic: traceTopic });
    let consumed = 0;
    const consumer = new PushConsumer({ ...FAST_CLIENT, namesrvAddr, group, enableMsgTrace: true, customizedTraceTopic: traceTopic, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', listener: () => (consumed++, 'CONSUME_SUCCESS') });
    consumer.subscribe(topic, '*');
    await producer.start();
    await consumer.start();
    try {
      const sent = await producer.send({ topic, body: 'traced', keys: 'trace-key-1' });
      await waitFor(() => consumed > 0, 'consumed');
      let result = await server.traces.query(traceQuerySchema.parse({ cluster: 'embedded', msgId: sent.msgId, traceTopic }));
      await waitFor(async () => (result = await server.traces.query(traceQuerySchema.parse({ cluster: 'embedded', msgId: sent.msgId, traceTopic }))).traces[0]?.consumes[0]?.status === 'success', 'pub and consume traces', 20_000, 250);
      const [trace] = result.traces;
      expect(trace.msgId).toBe(sent.msgId);
      expect(trace.pub).toMatchObject({ traceType: 'Pub', topic, status: 'success', keys: 'trace-key-1' });
      expect(trace.consumes).toEqual([expect.objectContaining({ groupName: group, status: 'success', retryTimes: 0 })]);
      expect(trace.consumes[0].beginTimestamp).toBeGreaterThanOrEqual(trace.pub!.timestamp);

      const byKey = await server.traces.query(traceQuerySchema.parse({ cluster: 'embedded', key: 'trace-key-1', traceTopic }));
      expect(byKey.traces.map((entry) => entry.msgId)).toEqual([sent.msgId]);
    } finally {
      await consumer.shutdown();
      await producer.shutdown();
    }
  }, 60_000);

  it('refuses a query with both or neither of id and key', () => {
    expect(traceQuerySchema.safeParse({ cluster: 'embedded' }).success).toBe(false);
    expect(traceQuerySchema.safeParse({ cluster: 'embedded', key: 'k', msgId: '0A0A0A0A00002A9F0000000000000000' }).success).toBe(false);
  });
});
