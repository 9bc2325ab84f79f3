import { expect, test } from './fixtures';
import { MessagesPage } from './pages/messages-page';
import { createTopic, startTestConsumer, startTestProducer, uniqueName } from './support/group-clients';

const SCRIPT_BODY = '<script>alert(1)</script>';

test.describe('messages', () => {
  test('find by key, id and time; a script body stays text; resend to a group', async ({ page, consoleEnv }) => {
    const messages = new MessagesPage(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const topic = uniqueName('E2eMsgTopic');
    const group = uniqueName('E2eMsgGroup');
    const key = uniqueName('xss');
    await createTopic(consoleEnv.namesrvAddr, consoleEnv.brokerAddr, topic, 2);
    const producer = await startTestProducer(consoleEnv.namesrvAddr, uniqueName('E2eMsgProducer'));
    const consumer = await startTestConsumer(consoleEnv.namesrvAddr, group, topic);
    try {
      const scripted = await producer.send({ topic, body: SCRIPT_BODY, keys: key, tags: 'Danger' });
      const plain = await producer.send({ topic, body: '{"order":1,"state":"paid"}', keys: 'plain-json' });
      await consumer.waitForDeliveries(2);

      await test.step('by key: one message, its detail shows the body as text and no dialog fires', async () => {
        await messages.open('key');
        await messages.searchByKey(topic, key);
        await expect(messages.results()).toHaveCount(1);
        await expect(messages.results().getByTestId('message-body-preview')).toHaveText(SCRIPT_BODY);
        await messages.snapshot('messages-by-key');
        await messages.openResult(scripted.msgId);
        await expect(page.getByTestId('message-field-msgId')).toHaveText(scripted.msgId);
        await expect(page.getByTestId('message-field-keys')).toHaveText(key);
        await expect(await messages.showBodyAs('text')).toHaveText(SCRIPT_BODY);
        await expect(await messages.showBodyAs('hex')).toContainText('3c 73 63 72 69 70 74 3e');
        await expect(page.locator('main script')).toHaveCount(0);
        expect(dialogs).toEqual([]);
        await messages.snapshot('message-detail-script-body');
      });

      await test.step('the consuming group shows as consumed; resend has its client consume it again', async () => {
        await expect(messages.trackRow(group).getByTestId('track-type')).toHaveAttribute('data-track-type', 'CONSUMED', { timeout: 20_000 });
        const before = consumer.deliveries.length;
        expect(await messages.resendTo(group)).toBe('CR_SUCCESS');
        expect(consumer.deliveries.length).toBe(before + 1);
        expect(consumer.deliveries.at(-1)?.uniqKey).toBe(scripted.msgId);
        await messages.snapshot('message-detail-resent');
      });

      await test.step('by id (client id with topic, offset id alone) and by time', async () => {
        await messages.open('id');
        await messages.searchById('not-hex');
        await expect(page.getByTestId('message-id-field-error')).toHaveText('message id must be 32 or 56 hexadecimal characters');
        await messages.searchById(plain.msgId, topic);
        await expect(messages.results()).toHaveCount(1);
        await messages.searchById(plain.offsetMsgId);
        await expect(messages.results()).toHaveCount(1);
        await expect(messages.results().getByTestId('message-id')).toHaveText(plain.msgId);
        await messages.snapshot('messages-by-id');
        await messages.open('time');
        await messages.searchByTime(topic);
        await expect(messages.results()).toHaveCount(2);
        await expect(page.getByTestId('end-of-range')).toBeVisible();
        await messages.snapshot('messages-by-time');
      });
    } finally {
      await consumer.stop();
      await producer.shutdown();
    }
  });

  test('a live tail streams new messages, pauses and resumes', async ({ page, consoleEnv }) => {
    const messages = new MessagesPage(page);
    const topic = uniqueName('E2eTailTopic');
    await createTopic(consoleEnv.namesrvAddr, consoleEnv.brokerAddr, topic, 2);
    const producer = await startTestProducer(consoleEnv.namesrvAddr, uniqueName('E2eTailProducer'));
    try {
      await messages.open('tail');
      await messages.startTail(topic);
      await test.step('new messages stream in', async () => {
        for (let index = 0; index < 3; index++) await producer.send({ topic, body: `live ${index}` });
        await expect(messages.tailRows()).toHaveCount(3);
        await messages.snapshot('tail-live');
      });
      await test.step('paused, new ones wait; resumed, they join', async () => {
        await messages.pauseTail();
        for (let index = 3; index < 5; index++) await producer.send({ topic, body: `live ${index}` });
        await expect(page.getByTestId('tail-status')).toContainText('2');
        await expect(messages.tailRows()).toHaveCount(3);
        await messages.snapshot('tail-paused');
        await messages.resumeTail();
        await expect(messages.tailRows()).toHaveCount(5);
        await expect(messages.tailRows().first().getByTestId('message-body-preview')).toHaveText(/live [34]/);
      });
    } finally {
      await producer.shutdown();
    }
  });
});
