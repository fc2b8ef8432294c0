/**
 * Search requests the real worker (in Chromium) makes to resolve every address on a page, against looking
 * each address up on its own, and the requests a second look within the cache's lifetime costs.
 */
import type { Page } from 'playwright-core';
import { manyEmail } from '../sandbox/routes/demo';
import { SANDBOX_TOKEN } from '../sandbox/seed';
import { openPanelFor, saveDemoSettings, startWorld, stopWorld, type World } from '../e2e/helpers';

export interface LookupRow {
  emails: number;
  known: number;
  searches: number;
  naive: number;
  repeatSearches: number;
}

/** Creates a lead for each address in the sandbox (eight at a time). */
export async function createContacts(sandboxUrl: string, emails: string[]): Promise<void> {
  const queue = [...emails];
  const worker = async () => {
    for (let email = queue.shift(); email; email = queue.shift()) {
      const res = await fetch(`${sandboxUrl}/contacts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${SANDBOX_TOKEN}`, 'Content-Type': 'application/json', 'Intercom-Version': '2.14' },
        body: JSON.stringify({ role: 'lead', email, name: email.split('@')[0] }),
      });
      if (!res.ok) throw new Error(`could not seed ${email}: ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Resolves when every row of the panel shows an answer (a contact or "Not in Intercom"). */
export async function settled(panel: Page, n: number, timeout = 30_000): Promise<void> {
  await panel.waitForFunction(
    (count) => {
      const list = document.querySelector('ul[aria-label="People on this page"]');
      return !!list && list.querySelectorAll(':scope > li').length === count && !list.querySelector('[aria-busy="true"]');
    },
    n,
    { timeout, polling: 100 },
  ).catch(async (e: unknown) => {
    console.error(`The panel did not settle: ${(await panel.locator('body').textContent())?.slice(0, 500)}`);
    throw e;
  });
}

export async function measureLookups(sizes: number[]): Promise<LookupRow[]> {
  const w = await startWorld();
  try {
    await saveDemoSettings(w);
    const rows: LookupRow[] = [];
    let from = 0; // each page shows addresses no earlier page showed, so the worker's cache starts cold
    for (const n of sizes) {
      w.sandbox.reset();
      const emails = Array.from({ length: n }, (_, i) => manyEmail(from + i));
      const known = emails.filter((_, i) => i % 2 === 0);
      await createContacts(w.sandbox.url, known);
      w.sandbox.requests.length = 0;
      const { panel, tabId } = await openPanelFor(w, `${w.sandbox.url}/demo/many?n=${n}&from=${from}`);
      from += n;
      await settled(panel, n);
      const searches = w.sandbox.requests.filter((r) => r.path === '/contacts/search').length;
      await panel.close();
      // A second look at the same page within the cache's lifetime.
      w.sandbox.requests.length = 0;
      const again = await w.browser.open(w.browser.pageUrl(`src/sidepanel/index.html?tab=${tabId}`));
      await settled(again, n);
      const repeatSearches = w.sandbox.requests.filter((r) => r.path === '/contacts/search').length;
      await again.close();
      rows.push({ emails: n, known: known.length, searches, naive: n, repeatSearches });
    }
    return rows;
  } finally {
    await stopWorld(w);
  }
}
