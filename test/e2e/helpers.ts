/** What the e2e tests share: a sandbox, a browser with the extension, and a few user-level steps. */
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SANDBOX_TOKEN } from '../sandbox/seed';
import { launchExtension, type Browser } from './browser';

export interface World {
  sandbox: Sandbox;
  browser: Browser;
}

export async function startWorld(): Promise<World> {
  const sandbox = await startSandbox();
  const browser = await launchExtension();
  return { sandbox, browser };
}

export async function stopWorld(w: World | undefined): Promise<void> {
  await w?.browser.close();
  await w?.sandbox.close();
}

/** Fills in Settings the way a person would and saves. */
export async function configure(w: World, token = SANDBOX_TOKEN): Promise<Page> {
  const page = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
  await page.getByRole('textbox', { name: 'Access token' }).fill(token);
  await page.getByRole('combobox', { name: 'Region' }).selectOption({ label: 'Custom' });
  await page.getByRole('textbox', { name: 'API URL' }).fill(w.sandbox.url);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  return page;
}

/** Saves the demo settings through the worker's own route (for benches and scripts that need no UI). */
export async function saveDemoSettings(w: World): Promise<void> {
  const page = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
  const saved = await page.evaluate(
    ([url, token]) => chrome.runtime.sendMessage({ type: 'settings/save', input: { region: 'custom', apiUrl: url, token } }),
    [w.sandbox.url, SANDBOX_TOKEN] as const,
  );
  if (!saved?.ok) throw new Error(`could not save the demo settings: ${JSON.stringify(saved)}`);
  await page.close();
}

/** Opens a page in a tab and the side panel page bound to that tab. */
export async function openPanelFor(w: World, url: string): Promise<{ page: Page; panel: Page; tabId: number }> {
  // Created by the extension's worker, so the tab's id is known even where its URL is not readable.
  const [page, tabId] = await Promise.all([
    w.browser.ctx.waitForEvent('page'),
    w.browser.worker.evaluate(async (u) => (await chrome.tabs.create({ url: u })).id!, url),
  ]);
  await page.waitForLoadState();
  const panel = await w.browser.open(w.browser.pageUrl(`src/sidepanel/index.html?tab=${tabId}`));
  return { page, panel, tabId };
}

export function contactOf(sandbox: Sandbox, email: string) {
  const contacts = sandbox.state.contacts.filter((c) => c.email === email);
  const contact = contacts.find((c) => c.role === 'user') ?? contacts[0];
  if (!contact) throw new Error(`${email} is not seeded`);
  const companies = contact.company_ids.map((id) => sandbox.state.companies.find((co) => co.id === id)?.name ?? '');
  return { ...contact, companyNames: companies };
}

/** Where a text first shows on a page (its first line box), found as a page script would find it. */
export function textBox(page: Page, text: string) {
  return page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(needle);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + needle.length);
      const r = range.getClientRects()[0]!;
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }
    throw new Error(`${needle} is not on the page`);
  }, text);
}
