import { navSections } from '../lib/navigation';
import { expect, test } from './fixtures';
import { ConsoleShell } from './pages/console-shell';

test.describe('navigation', () => {
  test('every entry of the left nav opens its page', async ({ page }) => {
    const shell = new ConsoleShell(page);
    await shell.open('/');
    for (const section of navSections) {
      await test.step(section.label, async () => {
        await shell.navigateTo(section);
        await page.screenshot({ path: test.info().outputPath(`page-${section.key}.png`) });
      });
    }
  });

  test('each page also opens directly by its URL', async ({ page }) => {
    for (const section of navSections) {
      const response = await page.goto(section.href);
      expect(response?.status(), section.href).toBe(200);
      await expect(page.getByTestId('page-title')).toHaveText(section.title);
      await expect(page).toHaveTitle(`${section.title} · RocketMQ Console`);
    }
  });

  test('an unknown URL says the page does not exist', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId('not-found')).toContainText('Page not found');
  });
});
