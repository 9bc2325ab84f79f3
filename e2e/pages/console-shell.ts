import { expect, type Page } from '@playwright/test';
import type { NavSection } from '../../lib/navigation';

/** The header and left navigation around every page. */
export class ConsoleShell {
  constructor(readonly page: Page) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.getByTestId('side-nav')).toBeVisible();
  }

  /** Clicks the section's entry in the left nav and waits for its page. */
  async navigateTo(section: NavSection): Promise<void> {
    await this.page.getByTestId('side-nav').getByTestId(`nav-${section.key}`).click();
    await expect(this.page).toHaveURL((url) => url.pathname === section.href);
    await expect(this.page.getByTestId('page-title')).toHaveText(section.title);
    await expect(this.page.getByTestId(`nav-${section.key}`)).toHaveAttribute('aria-current', 'page');
  }
}
