/**
 * Resolving 1,000 addresses in the real worker when Intercom's 10-second windows are shrunk to a small
 * budget: the time it takes against the least time that budget allows for the requests it made, and
 * whether the person saw an error.
 */
import { manyEmail } from '../sandbox/routes/demo';
import { SANDBOX_TOKEN } from '../sandbox/seed';
import { openPanelFor, startWorld, stopWorld } from '../e2e/helpers';
import { createContacts, settled } from './lookups';

export interface BudgetRun {
  emails: number;
  limit: number;
  windowSeconds: number;
  requests: number;
  seconds: number;
  floorSeconds: number;
  rateLimited: number;
  errorShown: boolean;
}

export async function measureBudget(n = 1000, limit = 2, windowSeconds = 1): Promise<BudgetRun> {
  const w = await startWorld();
  try {
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    await settings.evaluate(
      ([url, token]) => chrome.runtime.sendMessage({ type: 'settings/save', input: { region: 'custom', apiUrl: url, token } }),
      [w.sandbox.url, SANDBOX_TOKEN] as const,
    );
    await createContacts(w, Array.from({ length: n }, (_, i) => manyEmail(i)).filter((_, i) => i % 2 === 0));
    w.sandbox.faults.set({ rateLimit: { limit, windowSeconds } });
    w.sandbox.requests.length = 0;
    const started = Date.now();
    const { panel } = await openPanelFor(w, `${w.sandbox.url}/demo/many?n=${n}`);
    await settled(panel, n, 600_000);
    const seconds = (Date.now() - started) / 1000;
    const requests = w.sandbox.requests.length;
    const rateLimited = w.sandbox.requests.filter((r) => r.status === 429).length;
    const sent = requests - rateLimited;
    // The first window's budget is spent at once; each further `limit` requests need one more window.
    const floorSeconds = Math.max(0, Math.ceil(sent / limit) - 1) * windowSeconds;
    const errorShown = (await panel.getByRole('alert').count()) > 0 && ((await panel.getByRole('alert').textContent()) ?? '').trim() !== '';
    return { emails: n, limit, windowSeconds, requests, seconds, floorSeconds, rateLimited, errorShown };
  } finally {
    await stopWorld(w);
  }
}
