import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { DeadLettersPage } from './pages/dead-letters-page';
import { createTopic, startTestConsumer, startTestProducer, uniqueName, waitUntil } from './support/group-clients';

test.describe('dead letters', () => {
  test('a failing consumer fills its DLQ; the letters are resent both ways and exported', async ({ page, consoleEnv }) => {
    const deadLetters = new DeadLettersPage(page);
    const topic = uniqueName('E2eDlqTopic');
    const group = uniqueName('E2eDlqGroup');
    await createTopic(consoleEnv.namesrvAddr, consoleEnv.brokerAddr, topic, 1);
    // maxReconsumeTimes 0: the first failure sends the message to %DLQ%<group> (no retry round trip to wait for).
    const consumer = await startTestConsumer(consoleEnv.namesrvAddr, group, topic, { failing: true, maxReconsumeTimes: 0 });
    const producer = await startTestProducer(consoleEnv.namesrvAddr, uniqueName('E2eDlqProducer'));
    try {
      for (let index = 0; index < 2; index++) await producer.send({ topic, body: `doomed ${index}`, keys: `dlq-${index}` });
      await consumer.waitForDeliveries(2);
      await waitUntil(async () => {
        const answer = await page.request.get(`/api/dlq/topics?cluster=embedded`);
        const body = (await answer.json()) as { topics: Array<{ group: string; total: number }> };
        return body.topics.some((entry) => entry.group === group && entry.total === 2);
      }, 'two dead letters', 20_000);

      await test.step('the group is listed with its two letters; open them', async () => {
        await deadLetters.open();
        await expect(deadLetters.topicRow(group).getByTestId('dlq-topic-total')).toHaveText('2');
        await deadLetters.browse(group);
        await expect(deadLetters.rows()).toHaveCount(2);
        await deadLetters.snapshot('dead-letters');
      });

      await test.step('consume directly (rocketmq-dashboard resend): the fixed consumer takes both', async () => {
        consumer.failing = false;
        await deadLetters.selectAll();
        await expect(page.getByTestId('dlq-selected-count')).toHaveText('2 selected');
        const before = consumer.deliveries.length;
        expect(await deadLetters.resend('consume-directly', 2)).toEqual(['true', 'true']);
        expect(consumer.deliveries.length).toBe(before + 2);
        await deadLetters.snapshot('dead-letters-resent');
      });

      await test.step('send back to the original topic: every subscriber gets a copy', async () => {
        const before = consumer.deliveries.length;
        expect(await deadLetters.resend('send-back', 2)).toEqual(['true', 'true']);
        await consumer.waitForDeliveries(before + 2);
        expect(consumer.deliveries.slice(before).map((message) => message.topic)).toEqual([topic, topic]);
      });

      await test.step('export as JSON and CSV', async () => {
        const json = await deadLetters.exportAs('json');
        expect(json.suggestedFilename()).toMatch(/^dlq-.*\.json$/);
        const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as Array<{ body: string; bodyEncoding: string; originalTopic: string }>;
        expect(exported.map((entry) => entry.body).sort()).toEqual(['doomed 0', 'doomed 1']);
        expect(new Set(exported.map((entry) => `${entry.bodyEncoding} ${entry.originalTopic}`))).toEqual(new Set([`utf8 ${topic}`]));
        const csv = readFileSync(await (await deadLetters.exportAs('csv')).path(), 'utf8').split('\r\n');
        expect(csv[0]).toContain('msgId,offsetMsgId,topic,originalTopic');
        expect(csv.filter((line) => line.includes('"doomed'))).toHaveLength(2);
      });
    } finally {
      await consumer.stop();
      await producer.shutdown();
    }
  });
});
