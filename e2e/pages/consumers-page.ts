import { expect, type Locator, type Page } from '@playwright/test';
import { snapshot } from './snapshot';

export interface GroupFormValues {
  groupName?: string;
  retryMaxTimes?: string;
  retryQueueNums?: string;
}

/** The Consumers list and a group's page, in the words a user would use. */
export class ConsumersPage {
  constructor(readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.goto('/consumers');
    await expect(this.page.getByTestId('group-table')).toBeVisible();
    await expect(this.page.getByTestId('group-list-summary')).not.toHaveText('\u00a0');
  }

  async filter(text: string): Promise<void> {
    await this.page.getByTestId('group-table-filter').fill(text);
  }

  row(group: string): Locator {
    return this.page.locator(`[data-testid="group-row"][data-group="${group}"]`);
  }

  /** Opens the create dialog, fills what is given, submits; the dialog stays open when the form is refused. */
  async submitNewGroup(values: GroupFormValues): Promise<Locator> {
    const dialog = this.page.getByTestId('group-config-dialog');
    if (!(await dialog.isVisible())) await this.page.getByTestId('create-group').click();
    await expect(dialog.getByTestId('group-config-form')).toBeVisible();
    if (values.groupName !== undefined) await dialog.getByTestId('group-name-input').fill(values.groupName);
    if (values.retryMaxTimes !== undefined) await dialog.getByTestId('retry-max-times-input').fill(values.retryMaxTimes);
    if (values.retryQueueNums !== undefined) await dialog.getByTestId('retry-queue-nums-input').fill(values.retryQueueNums);
    await dialog.getByTestId('group-config-submit').click();
    return dialog;
  }

  async expectFieldError(dialog: Locator, field: string, message: string | RegExp): Promise<void> {
    await expect(dialog.getByTestId(`${field}-field-error`)).toHaveText(message);
  }

  async createGroup(values: GroupFormValues & { groupName: string }): Promise<void> {
    const dialog = await this.submitNewGroup(values);
    await expect(dialog).toBeHidden();
    await this.filter(values.groupName);
    await expect(this.row(values.groupName)).toHaveCount(1);
  }

  async openGroup(group: string): Promise<void> {
    await this.page.goto(`/consumers/group?name=${encodeURIComponent(group)}`);
    await expect(this.page.getByTestId('page-title')).toHaveText(group);
  }

  /** Waits (the page polls) until the group's total lag is `lag`. */
  async expectLag(lag: number, timeout = 20_000): Promise<void> {
    await expect(this.page.getByTestId('group-lag-total')).toHaveText(String(lag), { timeout });
  }

  async expectClients(count: number, timeout = 20_000): Promise<void> {
    await expect(this.page.getByTestId('group-client-count')).toHaveText(String(count), { timeout });
    await expect(this.page.getByTestId('client-row')).toHaveCount(count, { timeout });
  }

  queueRows(topic: string): Locator {
    return this.page.locator(`[data-testid="queue-lag-row"][data-topic="${topic}"]`);
  }

  /** The client's running info dialog: the queues it says it holds. */
  async openRunningInfo(): Promise<Locator> {
    await this.page.getByTestId('client-running-info').first().click();
    const dialog = this.page.getByTestId('running-info-dialog');
    await expect(dialog.getByTestId('running-info')).toBeVisible();
    return dialog;
  }

  async closeDialog(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Resets the group's offsets of `topic` to `localTime` (yyyy-MM-ddTHH:mm:ss) and returns the outcome text. */
  async resetOffset(topic: string, localTime: string): Promise<string> {
    await this.page.getByTestId('group-action-reset').click();
    const dialog = this.page.getByTestId('group-reset-dialog');
    await dialog.getByTestId('reset-topic').selectOption(topic);
    await dialog.getByTestId('reset-time').fill(localTime);
    await dialog.getByTestId('group-reset-submit').click();
    const result = dialog.getByTestId('group-reset-result');
    await expect(result).toBeVisible();
    const text = (await result.textContent()) ?? '';
    await this.closeDialog();
    return text;
  }

  async openConfig(): Promise<Locator> {
    await this.page.getByTestId('group-action-config').click();
    const dialog = this.page.getByTestId('group-config-dialog');
    await expect(dialog.getByTestId('group-config-form')).toBeVisible();
    return dialog;
  }

  async snapshot(name: string): Promise<void> {
    await snapshot(this.page, name);
  }
}
