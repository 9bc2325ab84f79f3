import { expect, type Page } from '@playwright/test';

/** The header's switches: language, theme and cluster, remembered across reloads. */
export class Preferences {
  constructor(readonly page: Page) {}

  async switchLanguage(locale: 'en' | 'zh'): Promise<void> {
    await this.page.getByTestId(`language-${locale}`).click();
    await expect(this.page.getByTestId(`language-${locale}`)).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.locator('html')).toHaveAttribute('lang', locale === 'zh' ? 'zh-CN' : 'en');
  }

  async switchTheme(theme: 'light' | 'dark'): Promise<void> {
    const button = this.page.getByTestId('theme-switch');
    if ((await button.getAttribute('data-theme')) !== theme) await button.click();
    await expect(button).toHaveAttribute('data-theme', theme);
  }

  async expectTheme(theme: 'light' | 'dark'): Promise<void> {
    const html = this.page.locator('html');
    if (theme === 'dark') await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
    else await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
  }

  clusterSelector() {
    return this.page.getByTestId('cluster-selector');
  }
}
