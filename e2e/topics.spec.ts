import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { TopicsPage } from './pages/topics-page';
import { consumeAll, produce, startTestProducer } from './support/group-clients';

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

async function createTopicByApi(request: APIRequestContext, topicName: string, queues = 4): Promise<void> {
  const response = await request.post('/api/topics', { data: { cluster: 'embedded', topicName, readQueueNums: queues, writeQueueNums: queues, perm: 6, clusterNames: ['DefaultCluster'] } });
  expect(response.status(), await response.text()).toBe(200);
}

/** `yyyy-MM-ddTHH:mm:ss` in the browser's (= this machine's) local time, for <input type="datetime-local">. */
function localInputValue(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

test.describe('Topics page', () => {
  test('creates a topic in the form, shows its route and config, and deletes it after confirmation', async ({ page }) => {
    const topics = new TopicsPage(page);
    const topic = `E2E-topic-${unique()}`;

    await test.step('create it in the form', async () => {
      await topics.open();
      await topics.createTopic({ topicName: topic, writeQueueNums: '6', readQueueNums: '6', perm: '6', cluster: 'DefaultCluster' });
      await topics.expectListed(topic, { queues: '6 / 6', perm: '6', types: 'Normal' });
      await page.screenshot({ path: test.info().outputPath('topics-created.png') });
    });

    await test.step('its route and config come from the nameserver and the broker', async () => {
      await topics.openTopic(topic, 'route');
      await expect(page.getByTestId('route-write').first()).toHaveText('6');
      await expect(page.getByTestId('route-perm').first()).toHaveText('6');
      await topics.openTab('config');
      await expect(page.getByTestId('config-read').first()).toHaveText('6');
      await expect(page.getByTestId('config-write').first()).toHaveText('6');
      await page.screenshot({ path: test.info().outputPath('topic-config.png') });
    });

    await test.step('delete it: the button unlocks only once the name is typed', async () => {
      await topics.open();
      await topics.deleteFromList(topic);
      await topics.expectNotListed(topic);
      await page.screenshot({ path: test.info().outputPath('topics-deleted.png') });
    });
  });

  test('refuses invalid values in the browser, and the API answers 400 with the same reasons', async ({ page, request }) => {
    const topics = new TopicsPage(page);
    await test.step('the form shows each problem under its field', async () => {
      await topics.open();
      await topics.openCreateForm();
      await topics.fillForm({ topicName: 'bad topic!', writeQueueNums: '0', readQueueNums: '1025', perm: '5' });
      await topics.submitForm();
      await topics.expectFieldError('topicName', 'topic name may only contain letters, digits, %, |, _ and -');
      await topics.expectFieldError('writeQueueNums', 'write queue number must be between 1 and 1024');
      await topics.expectFieldError('readQueueNums', 'read queue number must be between 1 and 1024');
      await topics.expectFieldError('perm', 'perm must be 2 (write), 4 (read) or 6 (read and write)');
      await expect(page.getByTestId('topic-form')).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('topic-form-errors.png') });
    });

    await test.step('the API refuses the same body directly', async () => {
      const response = await request.post('/api/topics', { data: { cluster: 'embedded', topicName: 'bad topic!', writeQueueNums: 0, readQueueNums: 1025, perm: 5, clusterNames: ['DefaultCluster'] } });
      expect(response.status()).toBe(400);
      const { error } = (await response.json()) as { error: string };
      expect(error).toContain('topicName: topic name may only contain letters, digits, %, |, _ and -');
      expect(error).toContain('writeQueueNums: write queue number must be between 1 and 1024');
      expect(error).toContain('readQueueNums: read queue number must be between 1 and 1024');
      expect(error).toContain('perm: perm must be 2 (write), 4 (read) or 6 (read and write)');
      const tooLong = await request.get(`/api/topics/status?cluster=embedded&topic=${'x'.repeat(128)}`);
      expect(tooLong.status()).toBe(400);
      expect(((await tooLong.json()) as { error: string }).error).toBe('topic: topic name is at most 127 characters');
      const missing = await request.get(`/api/topics/routing?cluster=embedded&topic=NoSuchTopic-${unique()}`);
      expect(missing.status()).toBe(404);
    });
  });

  test('sends messages from the page and shows the send result and the queue status', async ({ page, request }) => {
    const topics = new TopicsPage(page);
    const topic = `E2E-send-${unique()}`;
    await createTopicByApi(request, topic, 2);

    await test.step('send two messages with tag, keys and a user property', async () => {
      await topics.openTopic(topic, 'send');
      const first = await topics.sendMessage({ tags: 'TagA', keys: 'order-1 order-2', body: '{"hello":"<b>not html</b>"}', properties: { origin: 'e2e' } });
      expect(first.status).toBe('SEND_OK');
      const second = await topics.sendMessage({ body: 'second' });
      expect(second.status).toBe('SEND_OK');
      await page.screenshot({ path: test.info().outputPath('topic-sent.png') });
    });

    await test.step('the status tab counts them', async () => {
      await topics.openTab('status');
      await expect(page.getByTestId('topic-status-totals')).toHaveText('2 queues · 2 messages stored');
      await page.screenshot({ path: test.info().outputPath('topic-status.png') });
    });
  });

  test('previews a group offset reset with the per-queue numbers, then applies it', async ({ page, request, consoleEnv }) => {
    const topics = new TopicsPage(page);
    const id = unique();
    const topic = `E2E-reset-${id}`;
    const group = `E2E_reset_group_${id}`;
    await createTopicByApi(request, topic, 4);
    const before = Date.now() - 2000;
    const producer = await startTestProducer(consoleEnv.namesrvAddr, `E2E_reset_producer_${id}`);
    try {
      await test.step('produce 20, consume them all as the group, produce 8 more', async () => {
        await produce(producer, topic, 20);
        await consumeAll(consoleEnv.namesrvAddr, group, topic, 20);
        await produce(producer, topic, 8);
      });
    } finally {
      await producer.shutdown();
    }

    await test.step('the consumers tab shows the group with a lag of 8', async () => {
      await topics.openTopic(topic, 'consumers');
      await topics.expectGroupLag(group, '8');
      await page.screenshot({ path: test.info().outputPath('topic-consumers.png') });
    });

    await test.step('the preview shows, per queue, the committed offset and where the reset puts it', async () => {
      const rows = await topics.previewReset(group, localInputValue(before));
      expect(rows.map((row) => row.queueId)).toEqual([0, 1, 2, 3]);
      const sum = (key: keyof Omit<typeof rows[number], 'queueId'>) => rows.reduce((total, row) => total + row[key], 0);
      expect(sum('brokerOffset')).toBe(28);
      expect(sum('consumerOffset')).toBe(20);
      expect(sum('targetOffset')).toBe(0);
      await expect(page.getByTestId('reset-preview-totals')).toHaveText('lag now 8 · after the reset 28');
      await page.screenshot({ path: test.info().outputPath('topic-reset-preview.png') });
    });

    await test.step('apply: the offsets are written and the lag becomes every message', async () => {
      expect(await topics.applyReset()).toContain('4 queue(s) reset');
      await page.getByTestId('reset-offset-dialog').getByRole('button', { name: 'Close' }).click();
      await topics.expectGroupLag(group, '28');
      await page.screenshot({ path: test.info().outputPath('topic-reset-applied.png') });
    });
  });
});
