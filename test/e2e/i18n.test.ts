/**
 * The embedded element has no chrome.i18n, so t() formats the catalogue itself (src/widget/i18n.ts). Here Chrome
 * is the referee: for every message of the English catalogue, with substitutions, Chromium's own
 * chrome.i18n.getMessage and our formatMessage must give the same text.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { formatMessage, type Catalogue } from '../../src/widget/i18n';
import { launchExtension, type Browser } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(() => browser?.close());

it('formats every message of the catalogue exactly as chrome.i18n does', async () => {
  const page = await browser.open(browser.pageUrl('src/options/index.html'));
  const keys = Object.keys(en);
  const subs = ['first <b>1</b>', 'second $1 $$', 'third'];
  const chrome = await page.evaluate(
    ([ks, s]) => Object.fromEntries(ks.map((k) => [k, [globalThis.chrome.i18n.getMessage(k), globalThis.chrome.i18n.getMessage(k, s)]])),
    [keys, subs] as const,
  );
  const ours = Object.fromEntries(keys.map((k) => [k, [formatMessage(en as Catalogue, k), formatMessage(en as Catalogue, k, subs)]]));
  expect(keys.length).toBeGreaterThan(100);
  expect(ours).toEqual(chrome);
  await page.close();
});
