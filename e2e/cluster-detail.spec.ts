import { expect, test } from './fixtures';
import { ClusterDetailPage } from './pages/cluster-detail-page';

test.describe('Cluster page: broker detail', () => {
  test('shows TPS and daily totals per broker, and every runtime and config key of a broker', async ({ page, request, consoleEnv }) => {
    const cluster = new ClusterDetailPage(page);
    await test.step('the embedded broker row carries its TPS and totals as numbers', async () => {
      await cluster.open();
      const row = cluster.brokerRow(consoleEnv.brokerAddr);
      for (const column of ['put-tps', 'get-tps', 'put-yesterday', 'get-yesterday', 'put-today', 'get-today']) {
        await expect(row.getByTestId(`broker-${column}`)).toHaveText(/^[\d,.]+$/);
      }
    });

    await test.step('runtime info: every key, searchable', async () => {
      await cluster.openBroker(consoleEnv.brokerAddr);
      await expect(cluster.value('brokerVersionDesc')).toHaveText(/^V\d+_\d+_\d+$/);
      await cluster.searchKeys('msgPutTotal', 'runtime');
      await expect(page.getByTestId('kv-row')).toHaveCount(3);
      await expect(cluster.value('msgPutTotalTodayNow')).toHaveText(/^\d+$/);
      const keys = page.getByTestId('kv-row').getByTestId('kv-key');
      await expect(keys).toHaveText(['msgPutTotalTodayMorning', 'msgPutTotalTodayNow', 'msgPutTotalYesterdayMorning']);
      await cluster.sortByKey();
      await expect(keys).toHaveText(['msgPutTotalYesterdayMorning', 'msgPutTotalTodayNow', 'msgPutTotalTodayMorning']);
      await page.screenshot({ path: test.info().outputPath('broker-runtime.png') });
    });

    await test.step('config: GET_BROKER_CONFIG key / value table', async () => {
      await cluster.showTab('config');
      await expect(cluster.value('brokerClusterName')).toHaveText('DefaultCluster');
      await expect(cluster.value('listenPort')).toHaveText(consoleEnv.brokerAddr.split(':')[1]);
      await page.screenshot({ path: test.info().outputPath('broker-config.png') });
    });

    await test.step('the API refuses a malformed address and one that is not a broker of the cluster', async () => {
      const malformed = await request.get('/api/clusters/embedded/broker?addr=nohost&what=runtime');
      expect(malformed.status()).toBe(400);
      expect(((await malformed.json()) as { error: string }).error).toBe('addr: broker address must be host:port');
      const stranger = await request.get('/api/clusters/embedded/broker?addr=10.255.255.1:10911&what=config');
      expect(stranger.status()).toBe(404);
      expect(((await stranger.json()) as { error: string }).error).toBe('no broker at 10.255.255.1:10911 in this cluster');
    });
  });
});
