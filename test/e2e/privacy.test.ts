/**
 * The privacy page: docs/PRIVACY.md built into the extension as privacy.html, opened from Settings' link, readable
 * under the extension pages' CSP (its own stylesheet, no script), and with nothing axe objects to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from './axe';
import { startWorld, stopWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(() => stopWorld(w));

describe('privacy page', () => {
  it('opens from Settings and shows the document, styled, with its tables', async () => {
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    const link = settings.getByRole('link', { name: /^Privacy and data/ });
    const [page] = await Promise.all([w.browser.ctx.waitForEvent('page'), link.click()]);
    await page.waitForLoadState();
    expect(page.url()).toBe(w.browser.pageUrl('privacy.html'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('privacy and data handling');
    // Every storage key the page promises to list, in a real table.
    const table = page.getByRole('table').filter({ hasText: 'vault.tokens' });
    for (const key of ['vault.tokens', 'settings', 'outbox', 'scan:<tab id>']) expect(await table.getByRole('cell', { name: key }).count()).toBeGreaterThan(0);
    // The stylesheet applied (the CSP allows only the extension's own files).
    expect(await page.evaluate(() => getComputedStyle(document.body).maxInlineSize)).not.toBe('none');
    await expectNoViolations(page);
    await page.close();
    await settings.close();
  });
});
