/**
 * The extension end to end in Debian's Chromium against the local Intercom sandbox: configure it as a user
 * would, open a page with emails, see the right people, create a lead, and meet a refused token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS } from '../sandbox/seed';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(() => stopWorld(w));

describe('settings', () => {
  it('explains a missing token in the panel, with a way to Settings', async () => {
    const { panel } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const alert = panel.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Add your Intercom access token in Settings');
    expect(await alert.getByRole('link', { name: 'Open Settings' }).count()).toBe(1);
    await panel.close();
  });

  it('tests the connection and names the workspace and the admin', async () => {
    const page = await configure(w);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Connected to' });
    await expect.poll(() => status.textContent()).toBe(
      `Connected to ${w.sandbox.state.app.name} as ${w.sandbox.state.admins[0]!.name} (${w.sandbox.state.admins[0]!.email}).`,
    );
    // The request carried the pinned version and the token as a Bearer header, never in the URL.
    const me = w.sandbox.requests.filter((r) => r.path === '/me').at(-1)!;
    expect(me.intercomVersion).toBe('2.14');
    expect(me.headers.authorization).toBe(`Bearer ${w.sandbox.token}`);
    expect(w.sandbox.requests.every((r) => !JSON.stringify(r.query).includes(w.sandbox.token))).toBe(true);
    await page.close();
  });

  it('gives a refused token, an unreachable host and a malformed URL each its own message', async () => {
    const page = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    await page.getByRole('combobox', { name: 'Region' }).selectOption({ label: 'Custom' });
    const url = page.getByRole('textbox', { name: 'API URL' });
    const alert = page.getByRole('alert');

    await url.fill(w.sandbox.url);
    await page.getByRole('textbox', { name: 'Access token' }).fill('not-the-right-token');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => alert.textContent()).toBe('Intercom refused the access token. Paste a new one in Settings.');

    await url.fill('http://127.0.0.1:9'); // discard port: nothing listens
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => alert.textContent()).toContain("Couldn't reach 127.0.0.1:9");

    await url.fill('not a url');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => alert.textContent()).toContain('"not a url" isn\'t a usable API URL');
    await page.close();
  });
});

describe('side panel on a page with emails', () => {
  it('lists the people on the page with their names, roles and companies, in page order', async () => {
    const before = w.sandbox.requests.length;
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const items = panel.getByRole('list', { name: 'People on this page' }).getByRole('listitem');
    const expected = [...DEMO_EMAILS.known, ...DEMO_EMAILS.unknown];
    await expect.poll(() => items.count()).toBe(expected.length);
    for (const email of DEMO_EMAILS.known) {
      const c = contactOf(w.sandbox, email);
      const item = items.filter({ hasText: email });
      await expect.poll(() => item.textContent()).toContain(c.name ?? email);
      const text = (await item.textContent()) ?? '';
      expect(text).toContain(c.role === 'user' ? 'User' : 'Lead');
      for (const company of c.companyNames) expect(text).toContain(company);
    }
    for (const email of DEMO_EMAILS.unknown) {
      const item = items.filter({ hasText: email });
      expect(await item.textContent()).toContain('Not in Intercom');
      expect(await item.getByRole('button', { name: 'Create lead' }).count()).toBe(1);
    }
    // The address inside a <script> was not reported.
    expect(await panel.getByText(DEMO_EMAILS.inScript).count()).toBe(0);
    // All 14 addresses were resolved with a single contact search.
    const searches = w.sandbox.requests.slice(before).filter((r) => r.path === '/contacts/search');
    expect(searches).toHaveLength(1);
    expect(searches[0]!.body).toMatchObject({ query: { field: 'email', operator: 'IN' } });
    await panel.close();
    await page.close();
  });

  it('renders HTML in a contact name as text', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const mallory = contactOf(w.sandbox, 'mallory@brightline.io');
    expect(mallory.name).toContain('<img');
    await panel.getByText(mallory.name!).first().waitFor();
    expect(await panel.locator('img[src="x"]').count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('opens a contact card with the details and a link into Intercom', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const olivia = contactOf(w.sandbox, 'olivia.bennett@northwind-analytics.com');
    await panel.getByRole('button', { name: new RegExp(olivia.name!) }).click();
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe(olivia.name);
    const card = panel.getByRole('article');
    const text = (await card.textContent()) ?? '';
    for (const part of [olivia.email!, olivia.phone ?? '', ...olivia.companyNames, olivia.location.city ?? '']) expect(text).toContain(part);
    const link = panel.getByRole('link', { name: 'Open in Intercom' });
    expect(await link.getAttribute('href')).toBe(`https://app.intercom.com/a/apps/${w.sandbox.state.app.id_code}/users/${olivia.id}`);
    await panel.keyboard.press('Escape');
    await panel.getByRole('list', { name: 'People on this page' }).waitFor();
    await panel.close();
    await page.close();
  });

  it('creates a lead for an unknown email and shows it', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const email = DEMO_EMAILS.unknown[0];
    const item = panel.getByRole('listitem').filter({ hasText: email });
    await item.getByRole('button', { name: 'Create lead' }).click();
    await expect.poll(() => item.textContent()).toContain('Lead');
    expect(await item.textContent()).not.toContain('Not in Intercom');
    const creates = w.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/contacts');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toEqual({ role: 'lead', email });
    expect(w.sandbox.state.contacts.filter((c) => c.email === email).map((c) => c.role)).toEqual(['lead']);
    await panel.close();
    await page.close();
  });

  it('follows the page as it changes', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo/empty`);
    await panel.getByText('No email addresses on this page').waitFor().catch(async (e) => {
      await panel.screenshot({ path: '/tmp/fail.png' });
      console.log(await panel.locator('body').textContent());
      throw e;
    });
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'New teammate: Carlos.Mendes@example.com';
      document.body.append(p);
    });
    const item = panel.getByRole('listitem').filter({ hasText: 'carlos.mendes@example.com' });
    await expect.poll(() => item.textContent()).toContain(contactOf(w.sandbox, 'carlos.mendes@example.com').name!);
    await panel.close();
    await page.close();
  });

  it('drops the old page’s people when the tab navigates, and lists the new page’s', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const items = panel.getByRole('list', { name: 'People on this page' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(DEMO_EMAILS.known.length + DEMO_EMAILS.unknown.length);
    await page.goto(`${w.sandbox.url}/demo/empty`);
    await panel.getByText('No email addresses on this page').waitFor();
    await page.goto(`${w.sandbox.url}/demo`);
    await expect.poll(() => items.count()).toBe(DEMO_EMAILS.known.length + DEMO_EMAILS.unknown.length);
    await panel.close();
    await page.close();
  });

  it('says so on a page no extension may read', async () => {
    const { panel, page } = await openPanelFor(w, 'chrome://version/');
    await panel.getByText("Sidekick can't read this page").waitFor();
    await panel.close();
    await page.close();
  });
});

describe('scan this site automatically', () => {
  it('registers the scanner for the site, which then reports new pages by itself, and unregisters it', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo/empty`);
    const box = panel.getByRole('checkbox', { name: 'Scan this site automatically' });
    await box.check();
    const registered = () => w.browser.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches));
    await expect.poll(registered).toEqual([[`${w.sandbox.url}/*`]]);

    // A page of that site opened by hand (no panel, no click) is scanned by the registered script.
    const other = await w.browser.open(`${w.sandbox.url}/demo`);
    const state = () =>
      w.browser.worker.evaluate(async (u) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === u)!;
        const key = `scan:${tab.id}`;
        return ((await chrome.storage.session.get(key))[key] as { emails?: string[] } | undefined)?.emails ?? null;
      }, other.url());
    await expect.poll(state).toEqual([...DEMO_EMAILS.known, ...DEMO_EMAILS.unknown]);

    await box.uncheck();
    await expect.poll(registered).toEqual([]);
    await other.close();
    await panel.close();
    await page.close();
  });
});

describe('toolbar button', () => {
  // Opening the panel itself needs a real user gesture: see shortcut.test.ts (real keys under Xvfb).
  it('scans the tab it was clicked on', async () => {
    const page = await w.browser.open(`${w.sandbox.url}/demo`);
    const result = await w.browser.worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u)!;
      // Chrome's own listener, as a click on the toolbar button would run it.
      (chrome.action.onClicked as unknown as { dispatch(t: chrome.tabs.Tab): void }).dispatch(tab);
      const key = `scan:${tab.id}`;
      for (let i = 0; i < 100; i++) {
        const state = (await chrome.storage.session.get(key))[key] as { status: string; emails?: string[] } | undefined;
        if (state?.status === 'ok') return { state };
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    }, page.url());
    expect(result?.state.emails).toEqual([...DEMO_EMAILS.known, ...DEMO_EMAILS.unknown]);
    await page.close();
  });
});

describe('security', () => {
  it('refuses privileged calls from a content script and hides storage from it', async () => {
    const page = await w.browser.open(`${w.sandbox.url}/demo`);
    const tabId = await w.browser.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)!.id!, page.url());
    const results = await w.browser.worker.evaluate(async (id) => {
      const [injected] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: async () => {
          const lookup = await chrome.runtime.sendMessage({ type: 'contacts/lookup', input: { emails: ['olivia.bennett@northwind-analytics.com'] } });
          const settings = await chrome.runtime.sendMessage({ type: 'settings/get', input: {} });
          let storage: string;
          try {
            storage = JSON.stringify(await chrome.storage.local.get(null));
          } catch (e) {
            storage = `refused: ${(e as Error).message}`;
          }
          return { lookup, settings, storage };
        },
      });
      return injected!.result as { lookup: unknown; settings: unknown; storage: string };
    }, tabId);
    expect(results.lookup).toEqual({ ok: false, error: { code: 'invalid_message' } });
    expect(results.settings).toEqual({ ok: false, error: { code: 'invalid_message' } });
    expect(results.storage).toMatch(/^refused/);
    expect(results.storage).not.toContain(w.sandbox.token);
    await page.close();
  });

  it('shows a clear, recoverable state when Intercom rate-limits the lookup', async () => {
    await (await configure(w)).close(); // a fresh connection: nothing cached
    // Enough refusals to outlast the worker's own retries (3 tries a lookup) and the panel's one re-ask.
    w.sandbox.faults.set({ failNext: { count: 6, status: 429, path: '/contacts/search' } });
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const alert = panel.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/Intercom asked Sidekick to slow down\. Try again in \d+ seconds?\./);
    // The wait takes the plural form its number needs ("1 second", "2 seconds").
    const [, n, unit] = /Try again in (\d+) (seconds?)\./.exec((await alert.textContent()) ?? '')!;
    expect(unit).toBe(n === '1' ? 'second' : 'seconds');
    // The addresses stay listed while the lookup waits for another try.
    expect(await panel.getByRole('list', { name: 'People on this page' }).getByRole('listitem').count()).toBe(
      DEMO_EMAILS.known.length + DEMO_EMAILS.unknown.length,
    );
    await alert.getByRole('button', { name: 'Try again' }).click();
    const olivia = panel.getByRole('listitem').filter({ hasText: 'olivia.bennett@northwind-analytics.com' });
    await expect.poll(() => olivia.textContent()).toContain('Olivia Bennett');
    await panel.close();
    await page.close();
  });

  it('shows a clear message after Intercom refuses the token', async () => {
    w.sandbox.faults.set({ revokeToken: true });
    const settings = await configure(w); // saving again starts a fresh connection (and an empty cache)
    await settings.close();
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const alert = panel.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Intercom refused the access token. Paste a new one in Settings.');
    expect(await alert.getByRole('link', { name: 'Open Settings' }).count()).toBe(1);
    w.sandbox.faults.clear();
    await panel.close();
    await page.close();
  });
});
