import { expect, type Locator, type Page } from '@playwright/test';
import { snapshot } from './snapshot';

/** The Trace page: find a message's trace by id or key, read its timeline. */
export class TracePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/trace');
    await expect(this.page.getByTestId('trace-form')).toBeVisible();
  }

  async find(by: 'id' | 'key', value: string, traceTopic: string): Promise<void> {
    await this.page.getByTestId('trace-by').selectOption(by);
    await this.page.getByTestId('trace-value').fill(value);
    await this.page.getByTestId('trace-topic').fill(traceTopic);
    await this.page.getByTestId('trace-submit').click();
  }

  card(msgId: string): Locator {
    return this.page.locator(`[data-testid="trace-card"][data-msg-id="${msgId}"]`);
  }

  bars(msgId: string, kind: 'pub' | 'consume'): Locator {
    return this.card(msgId).locator(`[data-testid="trace-bar"][data-kind="${kind}"]`);
  }

  async snapshot(name: string): Promise<void> {
    await snapshot(this.page, name);
  }
}
