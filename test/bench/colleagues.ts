/**
 * Fifty colleagues resolving overlapping pages: through one endpoint (one cache, one limiter, fair turns per
 * colleague), against fifty separate extensions (each its own cache and limiter, the same core code the worker
 * runs), both against the local sandbox — Intercom requests made, errors, and each colleague's share of the
 * budget while everyone wants more than there is.
 */
import { IntercomHttp } from '../../src/core/intercom/http';
import { RateLimiter } from '../../src/core/intercom/limiter';
import { Lookup } from '../../src/core/intercom/lookup';
import { mintSidekickToken } from '../../src/server/mint';
import { startEndpoint } from '../../src/server/node';
import { manyEmail } from '../sandbox/routes/demo';
import { SANDBOX_TOKEN } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { createContacts } from './lookups';

const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const ORIGIN = 'https://tools.acme.test';

export interface ColleaguesRun {
  colleagues: number;
  pageSize: number;
  distinct: number;
  shared: { requests: number; searches: number; errors: number; rateLimited: number };
  separate: { requests: number; searches: number; errors: number; rateLimited: number };
  fairness: {
    limit: number;
    windowSeconds: number;
    calls: number;
    /** Calls each colleague completed, as a share of an equal split (1 = exactly fair). */
    minShare: number;
    maxShare: number;
    /** The colleague who sent ten calls at a time instead of one. */
    burstyShare: number;
    errors: number;
  };
}

const pageOf = (i: number, size: number, pool: number) => Array.from({ length: size }, (_, k) => manyEmail((i * 6 + k) % pool));

function countRequests(sandbox: Sandbox) {
  const sent = sandbox.requests.filter((r) => r.path !== '/favicon.ico');
  return {
    requests: sent.filter((r) => r.status !== 429).length,
    searches: sent.filter((r) => r.path === '/contacts/search' && r.status !== 429).length,
    rateLimited: sent.filter((r) => r.status === 429).length,
  };
}

async function rpc(url: string, jwt: string, route: string, input: unknown): Promise<{ ok: boolean; status: number }> {
  const res = await fetch(`${url}/rpc/${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify({ input }),
  });
  const body = (await res.json().catch(() => null)) as { ok?: boolean } | null;
  return { ok: res.ok && body?.ok === true, status: res.status };
}

export async function measureColleagues(colleagues = 50, pageSize = 40, pool = 400): Promise<ColleaguesRun> {
  const sandbox = await startSandbox();
  const endpoints: Array<{ close(): Promise<void> }> = [];
  try {
    await createContacts(sandbox.url, Array.from({ length: pool }, (_, i) => manyEmail(i)).filter((_, i) => i % 2 === 0));
    const pages = Array.from({ length: colleagues }, (_, i) => pageOf(i, pageSize, pool));
    const distinct = new Set(pages.flat()).size;
    const config = { intercomToken: SANDBOX_TOKEN, apiBaseUrl: sandbox.url, secret: SECRET, allowedOrigins: [ORIGIN] };

    // One endpoint for everyone: every colleague opens their page at the same moment.
    const shared = await startEndpoint(config, { port: 0, host: '127.0.0.1', log: () => undefined });
    endpoints.push(shared);
    const jwts = await Promise.all(pages.map((_, i) => mintSidekickToken(SECRET, { sub: `colleague-${i}@acme.test`, scope: 'read', ttlSeconds: 900 })));
    sandbox.requests.length = 0;
    const sharedAnswers = await Promise.all(pages.map((emails, i) => rpc(shared.url, jwts[i]!, 'contacts/lookup', { emails, priority: 'background' })));
    const sharedCount = { ...countRequests(sandbox), errors: sharedAnswers.filter((a) => !a.ok).length };

    // Fifty extensions: each worker has its own client, limiter and cache (src/core, as the worker builds it).
    sandbox.requests.length = 0;
    const separateErrors = (
      await Promise.all(
        pages.map(async (emails) => {
          const http = new IntercomHttp({ baseUrl: sandbox.url, token: SANDBOX_TOKEN }, new RateLimiter());
          return new Lookup(http).lookup(emails, 'background').then(() => 0, () => 1);
        }),
      )
    ).reduce<number>((a, b) => a + b, 0);
    const separateCount = { ...countRequests(sandbox), errors: separateErrors };

    // Fairness: a small budget, everyone always wants more (fresh addresses each call, so each call costs Intercom
    // a search); one colleague sends ten calls at a time. Count what each completed until `calls` are done.
    const limit = 40;
    const windowSeconds = 1;
    const calls = colleagues * 12;
    sandbox.faults.set({ rateLimit: { limit, windowSeconds } });
    const fair = await startEndpoint(config, { port: 0, host: '127.0.0.1', log: () => undefined });
    endpoints.push(fair);
    // The first calls to finish are a warm-up (whoever starts first fills the free slots) and are not counted.
    const warmUp = colleagues * 2;
    const done = new Array<number>(colleagues).fill(0);
    let total = 0;
    let errors = 0;
    let fresh = pool;
    const worker = async (i: number) => {
      while (total < warmUp + calls) {
        const emails = [manyEmail(fresh++)];
        const answer = await rpc(fair.url, jwts[i]!, 'contacts/lookup', { emails });
        if (total >= warmUp + calls) return;
        total++;
        if (!answer.ok) errors++;
        else if (total > warmUp) done[i]!++;
      }
    };
    await Promise.all(jwts.flatMap((_, i) => Array.from({ length: i === 0 ? 10 : 1 }, () => worker(i))));
    const equal = calls / colleagues;
    const shares = done.map((n) => n / equal);
    return {
      colleagues,
      pageSize,
      distinct,
      shared: sharedCount,
      separate: separateCount,
      fairness: {
        limit,
        windowSeconds,
        calls,
        minShare: Math.min(...shares),
        maxShare: Math.max(...shares),
        burstyShare: shares[0]!,
        errors,
      },
    };
  } finally {
    for (const e of endpoints) await e.close().catch(() => undefined);
    await sandbox.close();
  }
}
