import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { snapshot } from './snapshot';

/** The Dead letters page: %DLQ% topics, one group's letters, resend and export. */
export class DeadLettersPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/dead-letters');
    await expect(this.page.getByTestId('dlq-topic-table')).toBeVisible();
  }

  topicRow(group: string): Locator {
    return this.page.locator(`[data-testid="dlq-topic-row"][data-group="${group}"]`);
  }

  /** Clicks the group in the topic table: its letters of the last day are listed. */
  async browse(group: string): Promise<void> {
    await this.topicRow(group).click();
    await expect(this.page.getByTestId('dlq-group')).toHaveValue(group);
  }

  rows(): Locator {
    return this.page.getByTestId('dlq-messages').getByTestId('message-row');
  }

  async selectAll(): Promise<void> {
    await this.page.getByTestId('dlq-select-all').click();
  }

  /** Runs one of the two resend buttons and waits for every result; returns the `data-ok` of each. */
  async resend(mode: 'consume-directly' | 'send-back', expected: number): Promise<string[]> {
    await this.page.getByTestId(mode === 'consume-directly' ? 'dlq-resend-direct' : 'dlq-send-back').click();
    await expect(this.page.getByTestId('dlq-resend-progress-text')).toContainText(`${expected} / ${expected}`);
    const results = this.page.getByTestId('dlq-resend-result');
    await expect(results).toHaveCount(expected);
    return results.evaluateAll((items) => items.map((item) => item.getAttribute('data-ok') ?? ''));
  }

  async exportAs(format: 'json' | 'csv'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`dlq-export-${format}`).click();
    return download;
  }

  async snapshot(name: string): Promise<void> {
    await snapshot(this.page, name);
  }
}
