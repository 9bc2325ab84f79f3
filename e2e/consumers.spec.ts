import { toDateTimeLocal } from '../lib/i18n/datetime-local';
import { expect, test } from './fixtures';
import { ConsumersPage } from './pages/consumers-page';
import { createTopic, startTestConsumer, startTestProducer, uniqueName } from './support/group-clients';

test.describe('consumers', () => {
  test('a new group drains its backlog, shows its client, then rewinds and shows the lag again', async ({ page, consoleEnv }) => {
    const consumers = new ConsumersPage(page);
    const topic = uniqueName('E2eLagTopic');
    const group = uniqueName('E2eLagGroup');
    await createTopic(consoleEnv.namesrvAddr, consoleEnv.brokerAddr, topic, 2);

    await test.step('the create form refuses bad values, in the browser and on the server', async () => {
      await consumers.openList();
      await consumers.snapshot('consumers-list');
      const dialog = await consumers.submitNewGroup({ groupName: 'bad name!', retryMaxTimes: 'abc' });
      await consumers.expectFieldError(dialog, 'group-name', 'group name may only contain letters, digits, %, |, _ and -');
      await consumers.expectFieldError(dialog, 'retry-max-times', 'retryMaxTimes must be a number');
      await consumers.snapshot('consumers-form-errors');
      const refused = await page.request.post('/api/consumers/config', { data: { cluster: 'embedded', groupName: group, brokerAddrs: [consoleEnv.brokerAddr], retryQueueNums: 0 } });
      expect(refused.status()).toBe(400);
      expect((await refused.json()).error).toBe('retryQueueNums: retryQueueNums must be between 1 and 1024');
      await consumers.closeDialog();
    });

    await test.step('create the group with retryMaxTimes 1', async () => {
      await consumers.createGroup({ groupName: group, retryMaxTimes: '1' });
      await expect(consumers.row(group).getByTestId('group-clients')).toHaveText('0');
    });

    const producer = await startTestProducer(consoleEnv.namesrvAddr, uniqueName('E2eLagProducer'));
    const before = Date.now() - 2000;
    for (let index = 0; index < 6; index++) await producer.send({ topic, body: `lag ${index}`, keys: `lag-${index}` });
    await producer.shutdown();
    const consumer = await startTestConsumer(consoleEnv.namesrvAddr, group, topic);
    try {
      await test.step('the consumer drains the backlog: lag 0, one client holding both queues', async () => {
        await consumer.waitForDeliveries(6);
        await consumers.openGroup(group);
        await consumers.expectLag(0);
        await consumers.expectClients(1);
        await expect(consumers.queueRows(topic)).toHaveCount(2);
        const clientId = (await page.getByTestId('client-id').first().textContent()) ?? '';
        await expect(consumers.queueRows(topic).filter({ hasText: clientId })).toHaveCount(2);
        const config = await consumers.openConfig();
        await expect(config.getByTestId('retry-max-times-input')).toHaveValue('1');
        await consumers.closeDialog();
        const running = await consumers.openRunningInfo();
        await expect(running.getByTestId('running-info-queue').filter({ hasText: topic })).toHaveCount(2);
        await consumers.snapshot('consumer-group-running-info');
        await consumers.closeDialog();
        await consumers.snapshot('consumer-group-drained');
      });
    } finally {
      await consumer.stop();
    }

    await test.step('with the consumer gone, a reset to before the messages brings the lag back', async () => {
      await consumers.expectClients(0);
      const outcome = await consumers.resetOffset(topic, toDateTimeLocal(before));
      expect(outcome).toContain('offline');
      await consumers.expectLag(6);
      await expect(page.getByTestId('group-lag-seconds')).not.toHaveText('nothing behind');
      await consumers.snapshot('consumer-group-rewound');
    });
  });
});
