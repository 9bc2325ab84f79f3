import { expect, test } from './fixtures';
import { ProducersPage } from './pages/producers-page';
import { produce, startTestProducer } from './support/group-clients';

test.describe('Producers page', () => {
  test('lists the connections of a producer group sending to a topic, the groups the broker knows, and nothing for an unknown group', async ({ page, request, consoleEnv }) => {
    const producers = new ProducersPage(page);
    const id = `${Date.now().toString(36)}`;
    const topic = `E2E-producers-${id}`;
    const group = `E2E_producer_group_${id}`;
    expect((await request.post('/api/topics', { data: { cluster: 'embedded', topicName: topic, readQueueNums: 2, writeQueueNums: 2, perm: 6, clusterNames: ['DefaultCluster'] } })).status()).toBe(200);
    const producer = await startTestProducer(consoleEnv.namesrvAddr, group);
    try {
      await produce(producer, topic, 1);

      await test.step('the running producer is listed with its address, language and version', async () => {
        await producers.open();
        await producers.search(topic, group);
        const row = producers.connection(producer.clientId);
        await expect(row).toHaveCount(1);
        await expect(row.getByTestId('producer-client-addr')).toHaveText(/^127\.0\.0\.1:\d+$/);
        await expect(row.getByTestId('producer-version')).toHaveText(/^V\d+_\d+_\d+/);
        await page.screenshot({ path: test.info().outputPath('producers-connection.png') });
      });

      await test.step('the broker lists its producer groups; picking one shows its connections', async () => {
        await producers.search(topic, `E2E_other_${id}`);
        await expect(page.getByTestId('producer-table-empty')).toBeVisible();
        const option = page.getByTestId('producer-groups').getByTestId('producer-group-option').filter({ hasText: group });
        await expect(option).toHaveText(`${group} · 1 client`);
        await option.click();
        await expect(page.getByTestId('producer-group')).toHaveValue(group);
        await expect(producers.connection(producer.clientId)).toHaveCount(1);
      });

      await test.step('a group with no client shows an empty state; bad input is refused in the page and the API', async () => {
        await producers.search(topic, `E2E_nobody_${id}`);
        await expect(page.getByTestId('producer-table-empty')).toBeVisible();
        await producers.search('bad topic!', group);
        await expect(page.getByTestId('producer-topic-error')).toHaveText('topic name may only contain letters, digits, %, |, _ and -');
        const response = await request.get(`/api/producers?cluster=embedded&topic=${topic}&group=bad%20group`);
        expect(response.status()).toBe(400);
        expect(((await response.json()) as { error: string }).error).toBe('group: group name may only contain letters, digits, %, |, _ and -');
        await page.screenshot({ path: test.info().outputPath('producers-empty.png') });
      });
    } finally {
      await producer.shutdown();
    }
  });
});
