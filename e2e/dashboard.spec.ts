import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard-page';
import { TopicsPage } from './pages/topics-page';
import { produceSteadily, startTestProducer } from './support/group-clients';

test.describe('Dashboard', () => {
  test('live charts move within seconds when a topic receives messages, and the topic page shows them', async ({ page, request, consoleEnv }) => {
    const dashboard = new DashboardPage(page);
    const id = `${Date.now().toString(36)}`;
    const topic = `E2E-load-${id}`;
    const created = await request.post('/api/topics', { data: { cluster: 'embedded', topicName: topic, readQueueNums: 4, writeQueueNums: 4, perm: 6, clusterNames: ['DefaultCluster'] } });
    expect(created.status()).toBe(200);

    await test.step('the page opens its stream and shows samples', async () => {
      await dashboard.open();
      await dashboard.expectLive();
      await expect.poll(() => dashboard.chartPoints('cluster-tps-chart')).toBeGreaterThan(0);
    });

    const producer = await startTestProducer(consoleEnv.namesrvAddr, `E2E_load_producer_${id}`);
    const load = produceSteadily(producer, topic, 40, 40_000);
    try {
      await test.step('with our producer sending ~40 messages a second, the topic enters the top 10 and the cluster TPS rises', async () => {
        await expect.poll(() => dashboard.topicTps(topic), { timeout: 25_000 }).toBeGreaterThan(5);
        await expect.poll(() => dashboard.clusterPutTps(), { timeout: 15_000 }).toBeGreaterThan(5);
        await page.screenshot({ path: test.info().outputPath('dashboard-live.png') });
      });
    } finally {
      const sent = await load.stop();
      await producer.shutdown();
      expect(sent).toBeGreaterThan(0);
    }

    await test.step('the other ranges keep the samples (the last hour at the sampling interval)', async () => {
      await dashboard.chooseRange('1h');
      await expect.poll(() => dashboard.chartPoints('cluster-tps-chart')).toBeGreaterThan(1);
      await dashboard.chooseRange('today');
      await expect(page.getByTestId('cluster-tps-chart')).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('dashboard-today.png') });
    });

    await test.step('the topic page shows the stored messages', async () => {
      const topics = new TopicsPage(page);
      await topics.openTopic(topic, 'status');
      await expect(page.getByTestId('topic-status-totals')).toHaveText(/^4 queues · [1-9][\d,]* messages stored$/);
      await page.screenshot({ path: test.info().outputPath('dashboard-topic-status.png') });
    });
  });

  test('the metrics APIs validate their input and the stream is text/event-stream', async ({ request, baseURL }) => {
    expect((await request.get('/api/metrics?cluster=embedded&range=2d')).status()).toBe(400);
    expect((await request.get('/api/metrics?cluster=nope&range=5m')).status()).toBe(404);
    const history = await request.get('/api/metrics?cluster=embedded&range=5m');
    expect(history.status()).toBe(200);
    expect(((await history.json()) as { samples: unknown[] }).samples.length).toBeGreaterThan(0);

    const abort = new AbortController();
    const stream = await fetch(`${baseURL}/api/stream/metrics?cluster=embedded`, { signal: abort.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('event: sample')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: hello');
    abort.abort();
  });
});
