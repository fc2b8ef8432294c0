/**
 * Keyboard, in real Chromium: the panel's single keys pressed with Playwright's keyboard; the browser commands'
 * real listener run in the worker (chrome.commands.onCommand.dispatch, as Chrome runs it for a key press —
 * shortcut.test.ts presses one for real under Xvfb); axe on the help dialog and on Settings; and Settings'
 * Remove for an auto-scan site, checked in the worker.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS } from '../sandbox/seed';
import { expectNoViolations } from './axe';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await startWorld();
  await (await configure(w)).close();
});
afterAll(() => stopWorld(w));

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? null, email: el?.dataset.email ?? null, name: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? null };
  });

/** The known people of the demo page, in page order, as the panel lists them. */
async function knownInPageOrder(panel: Page): Promise<string[]> {
  const list = panel.getByRole('list', { name: 'People on this page' });
  await expect.poll(() => list.locator('button[data-contact-id]').count()).toBeGreaterThan(0);
  await expect.poll(() => list.getByText('Looking up…').count()).toBe(0);
  return list.locator('button[data-contact-id]').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.email!));
}

describe('single keys in the panel', () => {
  it('j/k move, Enter opens the card, t opens Tag, Esc goes back twice', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const known = await knownInPageOrder(panel);
    expect(known.length).toBeGreaterThan(2);
    await panel.locator('h1').click(); // focus in the panel, on nothing in particular

    await panel.keyboard.press('j');
    expect((await focused(panel)).email).toBe(known[0]);
    await panel.keyboard.press('j');
    await panel.keyboard.press('ArrowDown');
    expect((await focused(panel)).email).toBe(known[2]);
    await panel.keyboard.press('k');
    expect((await focused(panel)).email).toBe(known[1]);
    // The selected row shows it: the ring is drawn around the focused row.
    const ring = await panel.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(ring).toBe('solid');

    const name = contactOf(w.sandbox, known[1]!).name!;
    await panel.keyboard.press('Enter');
    const heading = panel.getByRole('heading', { level: 2, name });
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);

    await panel.keyboard.press('t');
    const tag = panel.getByRole('group', { name: 'Quick actions' }).getByRole('button', { name: 'Tag', exact: true });
    await expect.poll(() => tag.getAttribute('aria-expanded')).toBe('true');
    // Focus goes to the Tag form's field: letters typed there are text, not shortcuts.
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('qa-tag-input');
    await panel.keyboard.type('mint');
    expect(await tag.getAttribute('aria-expanded')).toBe('true');
    expect(await panel.getByRole('group', { name: 'Quick actions' }).getByRole('button', { name: 'Message' }).getAttribute('aria-expanded')).toBe('false');

    await panel.keyboard.press('Escape'); // closes the suggestions, if open
    await panel.keyboard.press('Escape');
    await expect.poll(() => tag.getAttribute('aria-expanded')).toBe('false');
    await panel.keyboard.press('Escape'); // back to the list, onto the row the card came from
    await expect.poll(async () => (await focused(panel)).email).toBe(known[1]);
    await panel.close();
    await page.close();
  });

  it('/ focuses search, where typing j types j and moves nothing', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    await knownInPageOrder(panel);
    await panel.locator('h1').click();
    await panel.keyboard.press('/');
    const search = panel.getByRole('textbox', { name: 'Search' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.keyboard.type('jk');
    expect(await search.inputValue()).toBe('jk');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    // Escape leaves the field, keeping what was typed; then j moves again.
    await panel.keyboard.press('Escape');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(false);
    expect(await search.inputValue()).toBe('jk');
    await panel.keyboard.press('j');
    expect((await focused(panel)).email).not.toBeNull();
    await panel.close();
    await page.close();
  });

  it('? opens the help dialog: Tab stays inside, Esc closes it and focus returns; axe finds nothing', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const known = await knownInPageOrder(panel);
    await panel.locator('h1').click();
    await panel.keyboard.press('j');
    await panel.keyboard.press('?');
    const dialog = panel.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const inDialog = () => dialog.evaluate((d) => d.contains(document.activeElement));
    await expect.poll(inDialog).toBe(true);
    for (let i = 0; i < 3; i++) {
      await panel.keyboard.press('Tab');
      expect(await inDialog()).toBe(true);
    }
    await panel.keyboard.press('Shift+Tab');
    expect(await inDialog()).toBe(true);
    // The browser commands, with the keys Chromium bound from the manifest.
    const rows = await dialog.getByRole('table', { name: 'Anywhere in Chrome' }).locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      'Open the Sidekick side panel and scan this pageCtrl+Shift+Y',
      'Look up the selected text in IntercomAlt+Shift+L',
      'Scan this page for Intercom contactsAlt+Shift+S',
      'Open the card of the first Intercom contact on this pageNot set',
    ]);
    await expectNoViolations(panel);

    await panel.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused(panel)).email).toBe(known[0]);
    await panel.close();
    await page.close();
  });
});

describe('browser commands (the worker’s real listener)', () => {
  const windowOf = (page: Page) => page.evaluate(async () => (await chrome.windows.getCurrent()).id!);
  async function runCommand(command: string, tabId: number, windowId: number): Promise<void> {
    await w.browser.worker.evaluate(
      async ([name, id, win]) => {
        const tab = { ...(await chrome.tabs.get(id)), windowId: win };
        (chrome.commands.onCommand as unknown as { dispatch(c: string, t: unknown): void }).dispatch(name, tab);
      },
      [command, tabId, windowId] as const,
    );
  }

  it('look up selection: the address selected on the page is shown in the panel', async () => {
    const { panel, page, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    await page.getByRole('cell', { name: 'olivia.bennett@northwind-analytics.com' }).selectText();
    await runCommand('lookup-selection', tabId, await windowOf(panel));
    const result = panel.getByRole('list', { name: 'Search result' });
    await expect.poll(() => result.textContent()).toContain('Olivia Bennett');
    await panel.close();
    await page.close();
  });

  it('look up selection: a selected name is searched by name', async () => {
    const { panel, page, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    await page.getByRole('cell', { name: 'Olivia Bennett' }).selectText();
    await runCommand('lookup-selection', tabId, await windowOf(panel));
    const result = panel.getByRole('list', { name: 'Search result' });
    await expect.poll(() => result.textContent()).toContain('olivia.bennett@northwind-analytics.com');
    await panel.close();
    await page.close();
  });

  it('scan page: scans the tab and brings the panel back to the page’s people', async () => {
    const { panel, page, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const known = await knownInPageOrder(panel);
    await panel.locator(`button[data-email="${known[0]}"]`).click();
    await panel.getByRole('article').waitFor();
    await w.browser.worker.evaluate((k) => chrome.storage.session.remove(k), `scan:${tabId}`);

    await runCommand('scan-page', tabId, await windowOf(panel));
    const state = () => w.browser.worker.evaluate(async (k) => (await chrome.storage.session.get(k))[k] ?? null, `scan:${tabId}`);
    await expect.poll(state).toMatchObject({ status: 'ok' });
    expect([...((await state()) as { emails: string[] }).emails].sort()).toEqual([...DEMO_EMAILS.known, ...DEMO_EMAILS.unknown].sort());
    await panel.getByRole('list', { name: 'People on this page' }).waitFor();
    expect(await panel.getByRole('article').count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('open first card: opens the card of the first person on the page whom Intercom knows', async () => {
    const { panel, page, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const known = await knownInPageOrder(panel);
    await runCommand('open-first-card', tabId, await windowOf(panel));
    const name = contactOf(w.sandbox, known[0]!).name!;
    await panel.getByRole('article', { name }).waitFor();
    await panel.close();
    await page.close();
  });

  it('open first card, with no panel open yet: the next panel of the window opens it', async () => {
    const { panel: first, page, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const windowId = await windowOf(first);
    const known = await knownInPageOrder(first);
    await first.close();
    await runCommand('open-first-card', tabId, windowId);
    const panel = await w.browser.open(w.browser.pageUrl(`src/sidepanel/index.html?tab=${tabId}`));
    await panel.getByRole('article', { name: contactOf(w.sandbox, known[0]!).name! }).waitFor();
    await panel.close();
    await page.close();
  });
});

describe('Settings', () => {
  it('Remove takes a site off: its registered scanner goes, and the worker gives its permission back', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo/empty`);
    await panel.getByRole('checkbox', { name: 'Scan this site automatically' }).check();
    const registered = () => w.browser.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches));
    await expect.poll(registered).toEqual([[`${w.sandbox.url}/*`]]);
    await panel.close();
    await page.close();

    // Record what the worker asks Chrome to remove (the sandbox origin is a required host of the sandbox
    // build, so Chrome keeps it granted whatever we ask; an optional grant cannot be given without a prompt).
    await w.browser.worker.evaluate(() => {
      const g = globalThis as unknown as { removed: unknown[] };
      g.removed = [];
      const remove = chrome.permissions.remove.bind(chrome.permissions);
      chrome.permissions.remove = ((p: chrome.permissions.Permissions) => {
        g.removed.push(p);
        return remove(p);
      }) as typeof chrome.permissions.remove;
    });

    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    const list = settings.getByRole('list', { name: 'Sites scanned automatically' });
    await expect.poll(() => list.getByRole('listitem').allTextContents()).toEqual([`${w.sandbox.url}Remove`]);
    await expect.poll(() => settings.getByRole('table', { name: 'Keyboard shortcuts' }).locator('tbody tr').count()).toBe(4);
    await expectNoViolations(settings);

    await settings.getByRole('button', { name: `Remove ${w.sandbox.url}` }).click();
    await expect.poll(() => settings.getByRole('status').textContent()).toBe(`${w.sandbox.url} is no longer scanned automatically.`);
    await expect.poll(registered).toEqual([]);
    expect(await w.browser.worker.evaluate(() => (globalThis as unknown as { removed: unknown[] }).removed)).toEqual([{ origins: [`${w.sandbox.url}/*`] }]);
    const stored = await w.browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { autoScanOrigins: string[] });
    expect(stored.autoScanOrigins).toEqual([]);
    expect(await settings.getByRole('list', { name: 'Sites scanned automatically' }).count()).toBe(0);
    await expectNoViolations(settings);
    await settings.close();
  });
});
