/**
 * The right-click menu, through the worker's real listener (Playwright cannot click native menus): the event
 * is dispatched in the worker with the tab it was clicked in, and the panel (opened as a tab) acts on it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_EMAILS } from '../sandbox/seed';
import { configure, openPanelFor, startWorld, stopWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await startWorld();
  await (await configure(w)).close();
});
afterAll(() => stopWorld(w));

const windowOf = (page: Page) => page.evaluate(async () => (await chrome.windows.getCurrent()).id!);

/** Runs the worker's onClicked listener as Chrome would for a click in that tab. */
async function clickMenu(tabId: number, windowId: number, info: Record<string, unknown>): Promise<void> {
  await w.browser.worker.evaluate(
    async ([id, win, data]) => {
      const tab = { ...(await chrome.tabs.get(id)), windowId: win };
      const event = chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void };
      event.dispatch({ editable: false, pageUrl: tab.url, ...data }, tab);
    },
    [tabId, windowId, info] as const,
  );
}

const stored = (windowId: number) =>
  w.browser.worker.evaluate(async (k) => (await chrome.storage.session.get(k))[k] ?? null, `menu:request:${windowId}`);

it('creates the menu items on install', async () => {
  // The items exist (created by onInstalled): updating one that is missing would fail.
  const ok = await w.browser.worker.evaluate(() =>
    Promise.all(['sidekick-lookup-selection', 'sidekick-lookup-link', 'sidekick-tag-link', 'sidekick-create-lead-link', 'sidekick-scan-page'].map(
      (id) => new Promise<boolean>((resolve) => chrome.contextMenus.update(id, {}, () => resolve(!chrome.runtime.lastError))),
    )),
  );
  expect(ok).toEqual([true, true, true, true, true]);
});

it('"Look up “…” in Intercom" on a selected address shows the contact in the open panel', async () => {
  const { page, panel, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
  const windowId = await windowOf(panel);
  await clickMenu(tabId, windowId, { menuItemId: 'sidekick-lookup-selection', selectionText: ' olivia.bennett@northwind-analytics.com ' });
  const result = panel.getByRole('list', { name: 'Search result' });
  await expect.poll(() => result.textContent()).toContain('Olivia Bennett');
  // The panel consumed the request.
  await expect.poll(() => stored(windowId)).toBeNull();
  await panel.close();
  await page.close();
});

it('"Look up “…”" on a selected name searches contacts by name', async () => {
  const { page, panel, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
  const windowId = await windowOf(panel);
  w.sandbox.requests.length = 0;
  await clickMenu(tabId, windowId, { menuItemId: 'sidekick-lookup-selection', selectionText: 'Olivia' });
  const result = panel.getByRole('list', { name: 'Search result' });
  await expect.poll(() => result.textContent()).toContain('Olivia Bennett');
  const search = w.sandbox.requests.find((r) => r.path === '/contacts/search' && JSON.stringify(r.body).includes('"name"'));
  expect((search?.body as { query: unknown }).query).toEqual({ field: 'name', operator: '~', value: 'Olivia' });
  await panel.close();
  await page.close();
});

it('"Create lead in Intercom" on a mailto: link names the address and creates the lead once confirmed (panel opened afterwards)', async () => {
  const { page, panel: first, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
  const windowId = await windowOf(first);
  await first.close();
  const email = 'menu.newcomer@example.org';
  await clickMenu(tabId, windowId, { menuItemId: 'sidekick-create-lead-link', linkUrl: `mailto:${email}?subject=Hello` });
  // The link as clicked: the panel reads its recipient.
  expect(await stored(windowId)).toMatchObject({ kind: 'create-lead', link: `mailto:${email}?subject=Hello` });

  // No panel was listening: the next panel of that window finds the request on load.
  const panel = await w.browser.open(w.browser.pageUrl(`src/sidepanel/index.html?tab=${tabId}`));
  const created = () => w.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/contacts').map((r) => r.body);
  // The link's target may not be what the link shows: the panel names it and waits for the user's say.
  await panel.getByText(`Create a lead for ${email}?`).waitFor();
  expect(created()).toEqual([]);
  await panel.getByRole('button', { name: 'Create lead' }).first().click();
  await expect.poll(created).toEqual([expect.objectContaining({ role: 'lead', email })]);
  expect(w.sandbox.state.contacts.some((c) => c.email === email && c.role === 'lead')).toBe(true);
  const result = panel.getByRole('list', { name: 'Search result' });
  await expect.poll(() => result.textContent()).toContain(email);
  expect(await stored(windowId)).toBeNull();
  await panel.close();
  await page.close();
});

it('"Tag in Intercom…" opens the contact\'s card with the Tag form open', async () => {
  const { page, panel, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
  const windowId = await windowOf(panel);
  await clickMenu(tabId, windowId, { menuItemId: 'sidekick-tag-link', linkUrl: 'mailto:olivia.bennett@northwind-analytics.com' });
  await panel.getByRole('heading', { name: 'Olivia Bennett', level: 2 }).waitFor();
  const tag = panel.getByRole('group', { name: 'Quick actions' }).getByRole('button', { name: 'Tag', exact: true });
  await expect.poll(() => tag.getAttribute('aria-expanded')).toBe('true');
  // The Tag form loads with the card's other forms, just after the card paints.
  await expect.poll(() => panel.getByRole('button', { name: 'Add tag' }).count()).toBe(1);
  await panel.close();
  await page.close();
});

it('"Scan this page for Intercom contacts" scans the tab', async () => {
  const [page, tabId] = await Promise.all([
    w.browser.ctx.waitForEvent('page'),
    w.browser.worker.evaluate(async (u) => (await chrome.tabs.create({ url: u })).id!, `${w.sandbox.url}/demo`),
  ]);
  await page.waitForLoadState();
  const windowId = await w.browser.worker.evaluate(async (id) => (await chrome.tabs.get(id)).windowId, tabId);
  await clickMenu(tabId, windowId, { menuItemId: 'sidekick-scan-page' });
  const state = () => w.browser.worker.evaluate(async (k) => (await chrome.storage.session.get(k))[k] ?? null, `scan:${tabId}`);
  await expect.poll(state).toMatchObject({ status: 'ok' });
  const { emails } = (await state()) as { emails: string[] };
  expect([...emails].sort()).toEqual([...DEMO_EMAILS.known, ...DEMO_EMAILS.unknown].sort());
  await page.close();
});
