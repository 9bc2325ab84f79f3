import { expect, type Locator, type Page } from '@playwright/test';
import { snapshot } from './snapshot';

/** The Messages page (search tabs, live tail) and a message's detail page. */
export class MessagesPage {
  constructor(readonly page: Page) {}

  async open(tab: 'time' | 'key' | 'id' | 'tail' = 'time'): Promise<void> {
    await this.page.goto(`/messages?tab=${tab}`);
    await expect(this.page.getByTestId(`message-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
  }

  results(): Locator {
    return this.page.getByTestId('message-results').getByTestId('message-row');
  }

  async searchByKey(topic: string, key: string): Promise<void> {
    const form = this.page.getByTestId('key-search-form');
    await form.getByTestId('message-topic').fill(topic);
    await form.getByTestId('message-key').fill(key);
    await form.getByTestId('message-search-submit').click();
  }

  async searchById(msgId: string, topic = ''): Promise<void> {
    const form = this.page.getByTestId('id-search-form');
    await form.getByTestId('message-topic').fill(topic);
    await form.getByTestId('message-id-input').fill(msgId);
    await form.getByTestId('message-search-submit').click();
  }

  /** The default range (the last hour) is kept; only the topic is given. */
  async searchByTime(topic: string): Promise<void> {
    const form = this.page.getByTestId('time-search-form');
    await form.getByTestId('message-topic').fill(topic);
    await form.getByTestId('message-search-submit').click();
  }

  async openResult(msgId: string): Promise<void> {
    await this.page.locator(`[data-testid="message-row"][data-msg-id="${msgId}"]`).getByTestId('message-link').click();
    await expect(this.page.getByTestId('message-detail')).toBeVisible();
  }

  async showBodyAs(view: 'text' | 'json' | 'hex'): Promise<Locator> {
    await this.page.getByTestId(`body-view-${view}`).click();
    const content = this.page.getByTestId('message-body-content');
    await expect(content).toHaveAttribute('data-view', view);
    return content;
  }

  trackRow(group: string): Locator {
    return this.page.locator(`[data-testid="message-track-row"][data-group="${group}"]`);
  }

  /** "Resend to group" on the detail page: the client's consume result. */
  async resendTo(group: string): Promise<string> {
    await this.trackRow(group).getByTestId('track-resend').click();
    const dialog = this.page.getByTestId('resend-dialog');
    await dialog.getByTestId('resend-submit').click();
    const result = dialog.getByTestId('resend-result');
    await expect(result).toBeVisible();
    const outcome = (await result.getAttribute('data-result')) ?? '';
    await this.page.keyboard.press('Escape');
    return outcome;
  }

  async startTail(topic: string): Promise<void> {
    await this.page.getByTestId('tail-topic').fill(topic);
    await this.page.getByTestId('tail-start').click();
    await expect(this.page.getByTestId('tail-status')).toHaveAttribute('data-status', 'live');
  }

  tailRows(): Locator {
    return this.page.getByTestId('tail-messages').getByTestId('message-row');
  }

  async pauseTail(): Promise<void> {
    await this.page.getByTestId('tail-pause').click();
    await expect(this.page.getByTestId('tail-status')).toHaveAttribute('data-status', 'paused');
  }

  async resumeTail(): Promise<void> {
    await this.page.getByTestId('tail-resume').click();
    await expect(this.page.getByTestId('tail-status')).toHaveAttribute('data-status', 'live');
  }

  async snapshot(name: string): Promise<void> {
    await snapshot(this.page, name);
  }
}
