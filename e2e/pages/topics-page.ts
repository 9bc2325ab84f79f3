import { expect, type Locator, type Page } from '@playwright/test';

export interface TopicFormValues {
  topicName: string;
  writeQueueNums: string;
  readQueueNums: string;
  perm: string;
  cluster?: string;
}

export interface SentMessage {
  tags?: string;
  keys?: string;
  body: string;
  properties?: Record<string, string>;
}

export interface PreviewRow {
  queueId: number;
  brokerOffset: number;
  consumerOffset: number;
  targetOffset: number;
}

/** The Topics list and a topic's detail page, in the words a user would use. */
export class TopicsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/topics');
    await expect(this.page.getByTestId('page-title')).toHaveText('Topics');
    await expect(this.page.getByTestId('topic-row').first()).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('topic-table-filter').fill(text);
  }

  row(topic: string): Locator {
    return this.page.locator(`[data-testid="topic-row"][data-topic="${topic}"]`);
  }

  async expectListed(topic: string, values: { queues: string; perm: string; types: string }): Promise<void> {
    await this.search(topic);
    const row = this.row(topic);
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('topic-queues')).toHaveText(values.queues);
    await expect(row.getByTestId('topic-perm')).toHaveText(values.perm);
    await expect(row.getByTestId('topic-types')).toHaveText(values.types);
  }

  async expectNotListed(topic: string): Promise<void> {
    await this.search(topic);
    await expect(this.page.getByTestId('topic-table-empty')).toBeVisible();
    await expect(this.row(topic)).toHaveCount(0);
  }

  async openCreateForm(): Promise<void> {
    await this.page.getByTestId('create-topic').click();
    await expect(this.page.getByTestId('topic-form')).toBeVisible();
  }

  async fillForm(values: TopicFormValues): Promise<void> {
    const form = this.page.getByTestId('topic-form');
    await form.getByTestId('topic-form-topicName').fill(values.topicName);
    await form.getByTestId('topic-form-writeQueueNums').fill(values.writeQueueNums);
    await form.getByTestId('topic-form-readQueueNums').fill(values.readQueueNums);
    await form.getByTestId('topic-form-perm').fill(values.perm);
    if (values.cluster) await form.getByTestId(`topic-form-cluster-${values.cluster}`).check();
  }

  async submitForm(): Promise<void> {
    await this.page.getByTestId('topic-form-submit').click();
  }

  async createTopic(values: TopicFormValues): Promise<void> {
    await this.openCreateForm();
    await this.fillForm(values);
    await this.submitForm();
    await expect(this.page.getByTestId('topic-form')).toHaveCount(0);
  }

  async expectFieldError(field: string, message: string): Promise<void> {
    await expect(this.page.getByTestId(`topic-form-${field}-error`)).toHaveText(message);
  }

  async deleteFromList(topic: string): Promise<void> {
    await this.search(topic);
    await this.row(topic).getByTestId('topic-delete').click();
    const dialog = this.page.getByTestId('topic-delete-dialog');
    await expect(dialog.getByTestId('topic-delete-confirm')).toBeDisabled();
    await dialog.getByTestId('topic-delete-typed').fill(topic);
    await dialog.getByTestId('topic-delete-confirm').click();
    await expect(dialog).toHaveCount(0);
  }

  async openTopic(topic: string, tab = 'status'): Promise<void> {
    await this.page.goto(`/topics/detail?name=${encodeURIComponent(topic)}&tab=${tab}`);
    await expect(this.page.getByTestId('page-title')).toHaveText(topic);
  }

  async openTab(tab: 'status' | 'route' | 'config' | 'consumers' | 'send'): Promise<void> {
    await this.page.getByTestId(`topic-tab-${tab}`).click();
    await expect(this.page.getByTestId(`topic-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
  }

  async sendMessage(message: SentMessage): Promise<{ status: string; queueOffset: string }> {
    const form = this.page.getByTestId('send-form');
    await form.getByTestId('send-tags').fill(message.tags ?? '');
    await form.getByTestId('send-keys').fill(message.keys ?? '');
    await form.getByTestId('send-body').fill(message.body);
    for (const [name, value] of Object.entries(message.properties ?? {})) {
      await form.getByTestId('send-add-property').click();
      await form.getByTestId('send-property-name').last().fill(name);
      await form.getByTestId('send-property-value').last().fill(value);
    }
    const msgId = this.page.getByTestId('send-result-msgid');
    const previous = (await msgId.count()) > 0 ? await msgId.textContent() : undefined;
    await form.getByTestId('send-submit').click();
    if (previous) await expect(msgId).not.toHaveText(previous);
    else await expect(msgId).toHaveText(/\S/);
    return { status: (await this.page.getByTestId('send-result-status').textContent()) ?? '', queueOffset: (await this.page.getByTestId('send-result-offset').textContent()) ?? '' };
  }

  consumerRow(group: string): Locator {
    return this.page.locator(`[data-testid="consumer-row"][data-group="${group}"]`);
  }

  async expectGroupLag(group: string, lag: string): Promise<void> {
    await expect(this.consumerRow(group).getByTestId('consumer-lag')).toHaveText(lag);
  }

  /** Opens the reset dialog of a group, sets the time and previews; returns the preview table as numbers. */
  async previewReset(group: string, localTime: string): Promise<PreviewRow[]> {
    await this.consumerRow(group).getByTestId('consumer-reset').click();
    const dialog = this.page.getByTestId('reset-offset-dialog');
    await expect(dialog.getByTestId('reset-apply')).toBeDisabled();
    await dialog.getByTestId('reset-time').fill(localTime);
    await dialog.getByTestId('reset-preview').click();
    await expect(dialog.getByTestId('preview-row').first()).toBeVisible();
    const rows: PreviewRow[] = [];
    for (const row of await dialog.getByTestId('preview-row').all()) {
      const number = async (testId: string) => Number(((await row.getByTestId(testId).textContent()) ?? '').replace(/[^\d-]/g, ''));
      rows.push({ queueId: await number('preview-queue'), brokerOffset: await number('preview-broker-offset'), consumerOffset: await number('preview-consumer-offset'), targetOffset: await number('preview-target-offset') });
    }
    return rows;
  }

  async applyReset(): Promise<string> {
    const dialog = this.page.getByTestId('reset-offset-dialog');
    await dialog.getByTestId('reset-apply').click();
    await expect(dialog.getByTestId('reset-done')).toBeVisible();
    return (await dialog.getByTestId('reset-done').textContent()) ?? '';
  }
}
