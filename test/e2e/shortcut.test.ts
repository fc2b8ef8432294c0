/**
 * Shortcuts pressed as real X key events: Chromium runs headed under a private Xvfb display and xdotool types
 * the keys. Ctrl+Shift+Y (the toolbar button's) must open the side panel and list the page's people;
 * Alt+Shift+L (look up the selection) must open it on the selected address.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { DEMO_EMAILS, SANDBOX_TOKEN } from '../sandbox/seed';
import { launchExtension, type Browser } from './browser';
import { startDisplay, type Display } from './xvfb';

let display: Display;
let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  display = await startDisplay();
  sandbox = await startSandbox();
  process.env.DISPLAY = display.name;
  browser = await launchExtension({ headless: false });
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  display?.stop();
});

it('Ctrl+Shift+Y opens the side panel on the current page and lists its people', async () => {
  const settings = await browser.open(browser.pageUrl('src/options/index.html'));
  const saved = await settings.evaluate(
    ([url, token]) => chrome.runtime.sendMessage({ type: 'settings/save', input: { region: 'custom', apiUrl: url, token } }),
    [sandbox.url, SANDBOX_TOKEN] as const,
  );
  expect(saved.ok).toBe(true);
  await settings.close();
  const page = await browser.open(`${sandbox.url}/demo`);
  await page.bringToFront();
  await page.locator('h1').click(); // focus the page, as a person reading it would have

  const panelsOpen = () =>
    browser.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length);
  expect(await panelsOpen()).toBe(0);
  display.key('ctrl+shift+y');
  await expect.poll(panelsOpen).toBe(1);

  // The panel asks the worker to look up what the scan found: the sandbox sees one search for all of them.
  await expect
    .poll(() => sandbox.requests.filter((r) => r.path === '/contacts/search').map((r) => (r.body as { query: { value: string[] } }).query.value.length))
    .toEqual([DEMO_EMAILS.known.length + DEMO_EMAILS.unknown.length]);
  await page.close();
});

it('Alt+Shift+L opens the side panel of a window without one, on the selected text', async () => {
  // A new window, whose side panel is closed (Chrome reports side panels without their window: count them all).
  const panels = () =>
    browser.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).length);
  const before = await panels();
  const [page] = await Promise.all([
    browser.ctx.waitForEvent('page'),
    browser.worker.evaluate((u) => chrome.windows.create({ url: u, focused: true }).then(() => undefined), `${sandbox.url}/demo`),
  ]);
  await page.waitForLoadState();
  await page.bringToFront();
  // A name (addresses of this page were looked up above and are cached): the panel searches Intercom by name.
  await page.getByRole('cell', { name: 'Olivia Bennett' }).selectText();
  sandbox.requests.length = 0;

  display.key('alt+shift+l');
  await expect.poll(panels).toBe(before + 1);
  await expect
    .poll(() => sandbox.requests.filter((r) => r.path === '/contacts/search').map((r) => (r.body as { query: unknown }).query))
    .toContainEqual({ field: 'name', operator: '~', value: 'Olivia Bennett' });
  await page.close();
});
