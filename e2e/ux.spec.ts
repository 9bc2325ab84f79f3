import { expect, test } from './fixtures';
import { snapshot } from './pages/snapshot';
import { Preferences } from './pages/preferences';

test.describe('language and theme', () => {
  test('Chinese and dark mode are chosen in the header and remembered across a reload', async ({ page }) => {
    const preferences = new Preferences(page);
    await page.goto('/consumers');
    await expect(page.getByTestId('nav-consumers')).toHaveText('Consumers');

    await test.step('switch to Chinese', async () => {
      await preferences.switchLanguage('zh');
      await expect(page.getByTestId('nav-consumers')).toHaveText('消费者');
      await expect(page.getByTestId('page-title')).toHaveText('消费者');
      await expect(page.getByTestId('create-group')).toHaveText('新建订阅组');
      await snapshot(page, 'ux-chinese');
    });

    await test.step('switch to dark', async () => {
      await preferences.expectTheme('light');
      await preferences.switchTheme('dark');
      await preferences.expectTheme('dark');
      await snapshot(page, 'ux-dark');
    });

    await test.step('after a reload both hold, and the server already rendered them (no flash)', async () => {
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await preferences.expectTheme('dark');
      await expect(page.getByTestId('nav-messages')).toHaveText('消息');
      const html = await (await page.request.get('/messages')).text();
      expect(html).toMatch(/<html[^>]*lang="zh-CN"/);
      expect(html).toMatch(/<html[^>]*class="dark"/);
      await expect(page).toHaveTitle('消费者 · RocketMQ 控制台');
      await snapshot(page, 'ux-reloaded');
    });

    await test.step('back to English and light', async () => {
      await preferences.switchLanguage('en');
      await preferences.switchTheme('light');
      await expect(page.getByTestId('nav-consumers')).toHaveText('Consumers');
      await preferences.expectTheme('light');
    });
  });
});
