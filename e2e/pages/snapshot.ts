import { test, type Page } from '@playwright/test';

/** Saves a full-page screenshot of what the spec is looking at, under the test's output directory. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}
