import { expect, type Locator, type Page } from '@playwright/test';
import { snapshot } from './snapshot';

/** The Ops page: clusters (add, test, choose, remove) and the embedded servers. */
export class OpsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/ops');
    await expect(this.page.getByTestId('ops-cluster-row').first()).toBeVisible();
  }

  row(namesrvAddr: string): Locator {
    return this.page.locator(`[data-testid="ops-cluster-row"][data-namesrv-addr="${namesrvAddr}"]`);
  }

  async fillNewCluster(namesrvAddr: string, name = ''): Promise<void> {
    await this.page.getByTestId('add-cluster-addr').fill(namesrvAddr);
    await this.page.getByTestId('add-cluster-name').fill(name);
  }

  async testConnection(): Promise<Locator> {
    await this.page.getByTestId('add-cluster-test').click();
    const probe = this.page.getByTestId('add-cluster-probe');
    await expect(probe).toBeVisible();
    return probe;
  }

  async submitNewCluster(): Promise<void> {
    await this.page.getByTestId('add-cluster-submit').click();
  }

  async addCluster(namesrvAddr: string, name: string): Promise<void> {
    await this.fillNewCluster(namesrvAddr, name);
    await this.submitNewCluster();
    await expect(this.page.getByTestId('add-cluster-added')).toContainText(name);
    await expect(this.row(namesrvAddr)).toHaveCount(1);
  }

  async choose(namesrvAddr: string): Promise<void> {
    await this.row(namesrvAddr).getByTestId('ops-cluster-choose').click();
    await expect(this.row(namesrvAddr).getByTestId('ops-cluster-chosen')).toBeVisible();
  }

  async remove(namesrvAddr: string): Promise<void> {
    await this.row(namesrvAddr).getByTestId('ops-cluster-remove').click();
    await this.page.getByTestId('ops-remove-confirm').click();
    await expect(this.row(namesrvAddr)).toHaveCount(0);
  }

  async snapshot(name: string): Promise<void> {
    await snapshot(this.page, name);
  }
}
