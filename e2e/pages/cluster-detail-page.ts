import { expect, type Locator, type Page } from '@playwright/test';

/** A broker's detail dialog on the Cluster page: runtime info and config, each a searchable key/value table. */
export class ClusterDetailPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/cluster');
    await expect(this.page.getByTestId('page-title')).toHaveText('Cluster');
  }

  brokerRow(address: string): Locator {
    return this.page.getByTestId('broker-row').filter({ has: this.page.getByTestId('broker-address').getByText(address, { exact: true }) });
  }

  async openBroker(address: string): Promise<void> {
    await this.brokerRow(address).getByTestId('broker-open').click();
    await expect(this.page.getByTestId('broker-detail')).toBeVisible();
  }

  async showTab(tab: 'runtime' | 'config'): Promise<void> {
    await this.page.getByTestId(`broker-tab-${tab}`).click();
  }

  async searchKeys(text: string, tab: 'runtime' | 'config'): Promise<void> {
    await this.page.getByTestId(`broker-${tab}-table-filter`).fill(text);
  }

  /** Clicks the Key header: ascending is the initial order, so one click sorts descending. */
  async sortByKey(): Promise<void> {
    await this.page.getByTestId('broker-detail').getByTestId('column-key').getByRole('button').click();
    await expect(this.page.getByTestId('broker-detail').getByTestId('column-key')).toHaveAttribute('aria-sort', 'descending');
  }

  value(key: string): Locator {
    return this.page.locator(`[data-testid="kv-row"][data-kv-key="${key}"]`).getByTestId('kv-value');
  }
}
