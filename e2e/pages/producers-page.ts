import { expect, type Locator, type Page } from '@playwright/test';

/** The Producers page: a topic and a group in, the group's connections out. */
export class ProducersPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/producers');
    await expect(this.page.getByTestId('page-title')).toHaveText('Producers');
  }

  async search(topic: string, group: string): Promise<void> {
    await this.page.getByTestId('producer-topic').fill(topic);
    await this.page.getByTestId('producer-group').fill(group);
    await this.page.getByTestId('producer-search').click();
  }

  connection(clientId: string): Locator {
    return this.page.locator(`[data-testid="producer-row"][data-client-id="${clientId}"]`);
  }
}
