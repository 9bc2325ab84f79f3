import { expect, test } from './fixtures';
import { TracePage } from './pages/trace-page';
import { createTopic, startTestConsumer, startTestProducer, uniqueName } from './support/group-clients';

test.describe('trace', () => {
  test('a traced message shows its publish and its consumption on a timeline', async ({ page, consoleEnv }) => {
    const trace = new TracePage(page);
    const topic = uniqueName('E2eTracedTopic');
    // The embedded broker keeps RMQ_SYS_TRACE_TOPIC off (traceTopicEnable=false), so the clients use their own.
    const traceTopic = uniqueName('E2eTraceTopic');
    const group = uniqueName('E2eTracedGroup');
    const key = uniqueName('trace-key');
    await createTopic(consoleEnv.namesrvAddr, consoleEnv.brokerAddr, topic, 1);
    await createTopic(consoleEnv.namesrvAddr, consoleEnv.brokerAddr, traceTopic, 1);
    const producer = await startTestProducer(consoleEnv.namesrvAddr, uniqueName('E2eTracedProducer'), { traceTopic });
    const consumer = await startTestConsumer(consoleEnv.namesrvAddr, group, topic, { traceTopic });
    try {
      const sent = await producer.send({ topic, body: 'follow me', keys: key });
      await consumer.waitForDeliveries(1);

      await test.step('by message id', async () => {
        await trace.open();
        await trace.find('id', sent.msgId, traceTopic);
        await expect(trace.bars(sent.msgId, 'pub')).toHaveAttribute('data-status', 'success', { timeout: 20_000 });
        await expect(trace.bars(sent.msgId, 'consume')).toHaveAttribute('data-status', 'success', { timeout: 20_000 });
        await expect(trace.bars(sent.msgId, 'consume').getByTestId('trace-bar-label')).toHaveText(`Consume · ${group}`);
        await expect(trace.card(sent.msgId).locator('[data-testid="trace-event"][data-type="Pub"]')).toHaveCount(1);
        await trace.snapshot('trace-by-id');
      });

      await test.step('by key, and a trace topic that does not exist', async () => {
        await trace.find('key', key, traceTopic);
        await expect(trace.card(sent.msgId)).toBeVisible();
        await trace.find('key', key, uniqueName('NoSuchTraceTopic'));
        await expect(page.getByTestId('trace-topic-missing')).toBeVisible();
        await trace.snapshot('trace-topic-missing');
      });
    } finally {
      await consumer.stop();
      await producer.shutdown();
    }
  });
});
