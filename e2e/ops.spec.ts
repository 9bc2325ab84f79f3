import { expect, test } from './fixtures';
import { OpsPage } from './pages/ops-page';
import { Preferences } from './pages/preferences';
import { freePort } from './support/ports';
import { uniqueName } from './support/group-clients';

test.describe('ops', () => {
  test('the embedded cluster is shown live; another cluster is validated, added, chosen and removed', async ({ page, consoleEnv }) => {
    const ops = new OpsPage(page);
    const header = new Preferences(page);
    await ops.open();

    await test.step('the embedded cluster answers and cannot be removed; its servers are described', async () => {
      const embedded = ops.row(consoleEnv.namesrvAddr);
      await expect(embedded.locator('[data-probe-state="ok"]')).toContainText('DefaultCluster');
      await expect(embedded.getByTestId('ops-cluster-remove')).toHaveCount(0);
      await expect(page.getByTestId('embedded-namesrvAddr')).toHaveText(consoleEnv.namesrvAddr);
      await expect(page.getByTestId('embedded-brokerAddr')).toHaveText(consoleEnv.brokerAddr);
      await expect(page.getByTestId('embedded-uptime')).not.toHaveText('—');
      await ops.snapshot('ops');
    });

    await test.step('bad and duplicate addresses are refused with the reason', async () => {
      await ops.fillNewCluster('nohost');
      await ops.submitNewCluster();
      await expect(page.getByTestId('add-cluster-addr-field-error')).toContainText("invalid nameserver address 'nohost'");
      await ops.fillNewCluster(consoleEnv.namesrvAddr);
      await ops.submitNewCluster();
      await expect(page.getByTestId('add-cluster-error-message')).toHaveText(`${consoleEnv.namesrvAddr} is already registered as 'Embedded cluster'`);
      await ops.snapshot('ops-refused');
    });

    const offlineAddr = `127.0.0.1:${await freePort()}`;
    const name = uniqueName('e2e-offline');
    await test.step('a cluster that does not answer: tested, added (marked unreachable), chosen in the header', async () => {
      await ops.fillNewCluster(offlineAddr, name);
      await expect((await ops.testConnection()).locator('[data-probe-state]')).toHaveAttribute('data-probe-state', 'unreachable');
      await ops.addCluster(offlineAddr, name);
      await expect(ops.row(offlineAddr).locator('[data-probe-state]')).toHaveAttribute('data-probe-state', 'unreachable');
      await ops.choose(offlineAddr);
      await expect(header.clusterSelector().locator('option:checked')).toHaveText(name);
      await page.reload();
      await expect(header.clusterSelector().locator('option:checked')).toHaveText(name);
      await ops.snapshot('ops-added');
    });

    await test.step('removed: gone from the list and the header, the embedded cluster is in use again', async () => {
      await ops.remove(offlineAddr);
      await expect(header.clusterSelector().locator('option', { hasText: name })).toHaveCount(0);
      await expect(ops.row(consoleEnv.namesrvAddr).getByTestId('ops-cluster-chosen')).toBeVisible();
    });
  });
});
