/**
 * Detection in Chromium, through the real content script and the real worker: each fixture page's scan
 * state against its answer key (exact list, order and names; shadow roots, iframes and stylesheets as the
 * browser builds them), a page that changes, and a page with more addresses than the list holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanState } from '../../src/protocol/schemas';
import { manyEmail } from '../sandbox/routes/demo';
import { fixturePages } from '../fixtures/pages';
import { startWorld, stopWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(() => stopWorld(w));

/** The tab's scan state as the worker stores it (null until the content script has reported). */
function stateOf(url: string): Promise<ScanState | null> {
  return w.browser.worker.evaluate(async (u) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
    const key = `scan:${tab?.id}`;
    return ((await chrome.storage.session.get(key))[key] as ScanState | undefined) ?? null;
  }, url);
}

/** Opens a page and clicks the toolbar button on it (Chrome's own listener, as a click runs it). */
async function scanned(url: string) {
  const page = await w.browser.open(url);
  await w.browser.worker.evaluate(async (u) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url === u)!;
    (chrome.action.onClicked as unknown as { dispatch(t: chrome.tabs.Tab): void }).dispatch(tab);
  }, page.url());
  await expect.poll(async () => (await stateOf(page.url()))?.status).toBe('ok');
  return page;
}

const listed = (state: ScanState | null) =>
  state?.status === 'ok' ? state.emails.map((email) => (state.names?.[email] ? { email, name: state.names[email] } : { email })) : null;

describe.each(fixturePages())('fixture page $name in Chromium', ({ name, key }) => {
  it('reports exactly the addresses of its answer key, in order, with their names', async () => {
    const page = await scanned(`${w.sandbox.url}/fixtures/${name}.html`);
    // An iframe may finish loading after the first report: its load event rescans it.
    await expect.poll(async () => listed(await stateOf(page.url()))).toEqual(key.expected);
    const state = (await stateOf(page.url())) as Extract<ScanState, { status: 'ok' }>;
    expect(state.emails.filter((e) => key.mustNot.includes(e))).toEqual([]);
    expect(state.total).toBe(key.expected.length);
    await page.close();
  });
});

describe('a page that changes', () => {
  it('follows added, changed, removed and hidden text, split addresses and shadow roots', async () => {
    const page = await scanned(`${w.sandbox.url}/fixtures/forms.html`);
    const emails = async () => {
      const s = await stateOf(page.url());
      return s?.status === 'ok' ? s.emails : [];
    };
    await expect.poll(emails).toContain('ana.costa@northwind.io');
    await page.evaluate(() => {
      document.querySelector('p span')!.textContent = 'ana.c'; // ana.costa@… becomes ana.c@…
      const p = document.createElement('p');
      p.innerHTML = 'New: <b>zoe</b>@northwind.io';
      document.body.append(p);
      const host = document.createElement('div');
      host.attachShadow({ mode: 'open' }).innerHTML = '<p>shadow-new@northwind.io</p>';
      document.body.append(host);
      document.querySelectorAll('p')[2]!.style.display = 'none'; // press, jobs, legal
    });
    await expect.poll(emails).toEqual([
      'help@northwind.io', 'careers@northwind.io', 'dev@northwind.io', 'drew@northwind.io',
      'ana.c@northwind.io', 'zoe@northwind.io', 'shadow-new@northwind.io',
    ]);
    await page.close();
  });
});

describe('a page with more addresses than the list holds', () => {
  it('lists the first 1,000 and counts all of them', async () => {
    const page = await scanned(`${w.sandbox.url}/demo/many?n=1234`);
    const state = (await stateOf(page.url())) as Extract<ScanState, { status: 'ok' }>;
    expect(state.total).toBe(1234);
    expect(state.emails).toEqual(Array.from({ length: 1000 }, (_, i) => manyEmail(i)));
    await page.close();
  });
});
