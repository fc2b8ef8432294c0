/**
 * Resolving 1,000 addresses in the real worker when Intercom's 10-second windows are shrunk to a small
 * budget: the time it takes against the least time that budget allows for the requests it made, and
 * whether the person saw an error.
 */
import { manyEmail } from '../sandbox/routes/demo';
import { openPanelFor, saveDemoSettings, startWorld, stopWorld } from '../e2e/helpers';
import { createContacts, settled } from './lookups';

export interface BudgetRun {
  emails: number;
  limit: number;
  windowSeconds: number;
  requests: number;
  /** The same page with Intercom's usual budget: opening the panel, scanning, looking up, drawing. */
  unlimitedSeconds: number;
  seconds: number;
  /** From the first request to the last, under the small budget. */
  spanSeconds: number;
  /**
   * The least span the small budget allows for the requests made: they need ceil(requests / limit) windows,
   * and the first of them was already partly gone when the first request went out.
   */
  floorSeconds: number;
  rateLimited: number;
  errorShown: boolean;
}

async function timeResolve(w: Awaited<ReturnType<typeof startWorld>>, n: number, from: number): Promise<{ seconds: number; errorShown: boolean }> {
  const started = Date.now();
  const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo/many?n=${n}&from=${from}`);
  await settled(panel, n, 600_000);
  const seconds = (Date.now() - started) / 1000;
  const alert = panel.getByRole('alert');
  const errorShown = (await alert.count()) > 0 && ((await alert.allTextContents()).join('').trim() !== '');
  await panel.close();
  await page.close();
  return { seconds, errorShown };
}

export async function measureBudget(n = 1000, limit = 2, windowSeconds = 1): Promise<BudgetRun> {
  const w = await startWorld();
  try {
    await saveDemoSettings(w);
    // Two pages of n different addresses (half of them contacts), so the second run starts with a cold cache.
    await createContacts(w.sandbox.url, Array.from({ length: 2 * n }, (_, i) => manyEmail(i)).filter((_, i) => i % 2 === 0));
    const unlimited = await timeResolve(w, n, 0);
    w.sandbox.faults.set({ rateLimit: { limit, windowSeconds } });
    w.sandbox.requests.length = 0;
    const limited = await timeResolve(w, n, n);
    const requests = w.sandbox.requests.filter((r) => r.path !== '/favicon.ico').length;
    const rateLimited = w.sandbox.requests.filter((r) => r.status === 429).length;
    // What counted against the budget: answered API calls (not the 429s, not the browser's favicon probe).
    const sent = w.sandbox.requests.filter((r) => r.status !== 429 && r.status !== 401 && r.path !== '/favicon.ico');
    const first = sent[0]?.at ?? 0;
    const spanSeconds = ((sent.at(-1)?.at ?? first) - first) / 1000;
    const windowMs = windowSeconds * 1000;
    const floorSeconds = Math.max(0, (Math.ceil(sent.length / limit) - 1) * windowMs - (first % windowMs)) / 1000;
    return {
      emails: n,
      limit,
      windowSeconds,
      requests,
      unlimitedSeconds: unlimited.seconds,
      seconds: limited.seconds,
      spanSeconds,
      floorSeconds,
      rateLimited,
      errorShown: limited.errorShown || unlimited.errorShown,
    };
  } finally {
    await stopWorld(w);
  }
}
