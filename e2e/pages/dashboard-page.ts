import { expect, type Page } from '@playwright/test';

/** The Dashboard: cluster tiles, the live charts and the top-10 rankings (their numbers are also in the page as text). */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByTestId('page-title')).toHaveText('Dashboard');
    await expect(this.page.getByTestId('dashboard')).toBeVisible();
  }

  async expectLive(): Promise<void> {
    await expect(this.page.getByTestId('stream-state')).toHaveAttribute('data-state', 'open');
  }

  async chooseRange(range: '5m' | '1h' | 'today'): Promise<void> {
    await this.page.getByTestId(`range-${range}`).click();
    await expect(this.page.getByTestId(`range-${range}`)).toHaveAttribute('aria-checked', 'true');
  }

  /** The put TPS the top-topics ranking shows for the topic (0 when not ranked). */
  async topicTps(topic: string): Promise<number> {
    const entry = this.page.locator(`[data-testid="top-topics-entry"][data-name="${topic}"]`);
    return (await entry.count()) === 0 ? 0 : Number(await entry.getAttribute('data-value'));
  }

  async clusterPutTps(clusterId = 'embedded'): Promise<number> {
    const text = (await this.page.getByTestId(`cluster-summary-${clusterId}`).getByTestId('summary-put-tps').textContent()) ?? '';
    return Number(text.replace(/[^\d.]/g, '')) || 0;
  }

  async chartPoints(testId: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-points'));
  }
}
