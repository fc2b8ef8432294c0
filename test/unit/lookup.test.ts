// @vitest-environment node
/**
 * The worker's Intercom client and lookup, run in Node against the real sandbox over HTTP: batching,
 * pagination, caching, shared in-flight requests, rate limits and refused tokens.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { IntercomHttp } from '../../src/core/intercom/http';
import { RateLimiter } from '../../src/core/intercom/limiter';
import { Lookup, MAX_CACHED_CONTACTS } from '../../src/core/intercom/lookup';
import { batchWithin } from '../../src/core/intercom/lookup-batch';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { DEMO_EMAILS, SANDBOX_TOKEN } from '../sandbox/seed';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

// Backoff between retries is skipped; the rate limiter really waits (Retry-After: 1 from the sandbox).
const noWait = async () => undefined;
const client = (token = SANDBOX_TOKEN) => new IntercomHttp({ baseUrl: sandbox.url, token }, new RateLimiter(), noWait);
const searches = () => sandbox.requests.filter((r) => r.path === '/contacts/search');

async function addLeads(n: number): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, i) => `bulk${i}@bulk-test.example`);
  for (const email of emails) {
    const res = await fetch(`${sandbox.url}/contacts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_TOKEN}`, 'Content-Type': 'application/json', 'Intercom-Version': '2.14' },
      body: JSON.stringify({ role: 'lead', email }),
    });
    expect(res.status).toBe(200);
  }
  sandbox.requests.length = 0;
  return emails;
}

describe('lookup', () => {
  it('resolves a page of emails with one search, names companies and tags, and marks unknowns', async () => {
    const lookup = new Lookup(client());
    const emails = [...DEMO_EMAILS.known, ...DEMO_EMAILS.unknown];
    const result = await lookup.lookup(emails);
    expect(searches()).toHaveLength(1);
    expect(searches()[0]!.intercomVersion).toBe('2.14');
    for (const email of DEMO_EMAILS.unknown) expect(result[email]).toBeNull();
    for (const email of DEMO_EMAILS.known) {
      const seeded = sandbox.state.contacts.filter((c) => c.email === email);
      const best = seeded.find((c) => c.role === 'user') ?? seeded[0]!;
      const view = result[email]!;
      expect(view.id).toBe(best.id);
      expect(view.name).toBe(best.name);
      expect(view.companies.map((c) => c.name).sort()).toEqual(
        best.company_ids.map((id) => sandbox.state.companies.find((co) => co.id === id)!.name).sort(),
      );
      expect(view.tags.map((t) => t.name).sort()).toEqual(
        best.tags.map((t) => sandbox.state.tags.find((tag) => tag.id === t.id)!.name).sort(),
      );
      expect(view.url).toBe(`https://app.intercom.com/a/apps/${sandbox.state.app.id_code}/users/${best.id}`);
    }
    // Each company is fetched once however many contacts share it; tags and /me once.
    const companyGets = sandbox.requests.filter((r) => r.path.startsWith('/companies/')).map((r) => r.path);
    expect(new Set(companyGets).size).toBe(companyGets.length);
    expect(sandbox.requests.filter((r) => r.path === '/tags')).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.path === '/me')).toHaveLength(1);
  });

  it('prefers the user when a user and a lead share an address', async () => {
    const email = 'jordan.ellis@canopyhealth.org';
    expect(new Set(sandbox.state.contacts.filter((c) => c.email === email).map((c) => c.role))).toEqual(new Set(['user', 'lead']));
    const result = await new Lookup(client()).lookup([email]);
    expect(result[email]!.role).toBe('user');
  });

  it('chunks and paginates: 400 addresses take ceil(400/150) searches, and every one is found', async () => {
    const emails = await addLeads(400);
    const result = await new Lookup(client()).lookup(emails);
    expect(searches()).toHaveLength(3);
    for (const s of searches()) expect((s.body as { query: { value: string[] } }).query.value.length).toBeLessThanOrEqual(150);
    expect(Object.values(result).filter(Boolean)).toHaveLength(400);
  });

  it('answers again from its cache, and shares one request between concurrent lookups', async () => {
    const lookup = new Lookup(client());
    const [a, b] = await Promise.all([
      lookup.lookup(DEMO_EMAILS.known.slice(0, 5)),
      lookup.lookup(DEMO_EMAILS.known.slice(0, 5)),
    ]);
    expect(a).toEqual(b);
    expect(searches()).toHaveLength(1);
    await lookup.lookup(DEMO_EMAILS.known.slice(0, 5));
    expect(searches()).toHaveLength(1);
  });

  it('searches addresses asked for within its batch window together (the endpoint), and at once without one (the worker)', async () => {
    const pages = [DEMO_EMAILS.known.slice(0, 3), DEMO_EMAILS.known.slice(2, 6), [...DEMO_EMAILS.unknown]];
    const arriving = (lookup: Lookup) =>
      Promise.all(pages.map((page, i) => new Promise((r) => setTimeout(r, i * 2)).then(() => lookup.lookup(page))));
    const [a, b, c] = await arriving(new Lookup(client(), { batch: batchWithin(25) }));
    expect(searches()).toHaveLength(1);
    expect(Object.keys({ ...a, ...b, ...c }).sort()).toEqual([...new Set(pages.flat())].sort());
    expect(Object.values(b!).every(Boolean)).toBe(true);
    expect(Object.values(c!).every((v) => v === null)).toBe(true);

    sandbox.requests.length = 0;
    await arriving(new Lookup(client()));
    expect(searches()).toHaveLength(3);
  });

  it('remembers at most MAX_CACHED_CONTACTS answers, forgetting the least recent first', async () => {
    const lookup = new Lookup(client());
    const all = Array.from({ length: MAX_CACHED_CONTACTS + 150 }, (_, i) => `many${i}@nowhere.test`);
    await lookup.lookup(all);
    sandbox.requests.length = 0;
    await lookup.lookup(all.slice(-100));
    expect(searches()).toHaveLength(0);
    await lookup.lookup(all.slice(0, 100));
    expect(searches()).toHaveLength(1);
  });

  it('forgets a contact after a write, and expires entries after the cache lifetime', async () => {
    let now = 1_000_000;
    const lookup = new Lookup(client(), { now: () => now, ttlMs: 60_000 });
    const email = DEMO_EMAILS.known[0];
    const first = await lookup.lookup([email]);
    lookup.invalidateContact(first[email]!.id);
    await lookup.lookup([email]);
    expect(searches()).toHaveLength(2);
    now += 59_000;
    await lookup.lookup([email]);
    expect(searches()).toHaveLength(2);
    now += 2_000;
    await lookup.lookup([email]);
    expect(searches()).toHaveLength(3);
  });

  it('creates a lead and caches it', async () => {
    const lookup = new Lookup(client());
    const view = await lookup.createLead('brand.new@example.org', 'Brand New');
    expect(view).toMatchObject({ email: 'brand.new@example.org', name: 'Brand New', role: 'lead' });
    expect((await lookup.lookup(['brand.new@example.org']))['brand.new@example.org']!.id).toBe(view.id);
    expect(searches()).toHaveLength(0);
  });
});

describe('errors', () => {
  it('turns a refused token into unauthorized with Intercom’s request id', async () => {
    const err = await new Lookup(client('wrong-token')).lookup(['a@b.co']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).info).toMatchObject({ code: 'unauthorized', status: 401 });
    expect((err as AppError).info.requestId).toBeTruthy();
  });

  it('waits out a 429 and then answers (reads are safe to resend)', async () => {
    sandbox.faults.set({ failNext: { count: 1, status: 429, path: '/contacts/search' } });
    const result = await new Lookup(client()).lookup([DEMO_EMAILS.known[0]]);
    expect(result[DEMO_EMAILS.known[0]]).not.toBeNull();
    expect(searches().map((r) => r.status)).toEqual([429, 200]);
  });

  it('reports rate_limited when Intercom keeps refusing', async () => {
    sandbox.faults.set({ failNext: { count: 10, status: 429, path: '/contacts/search' } });
    const err = await new Lookup(client()).lookup([DEMO_EMAILS.known[0]]).catch((e: unknown) => e);
    expect((err as AppError).info.code).toBe('rate_limited');
    expect((err as AppError).info.retryAfter).toBeGreaterThanOrEqual(0);
  });

  it('retries a read after a 5xx but never resends a write', async () => {
    sandbox.faults.set({ failNext: { count: 1, status: 503, path: '/contacts/search' } });
    await new Lookup(client()).lookup([DEMO_EMAILS.known[1]]);
    expect(searches().map((r) => r.status)).toEqual([503, 200]);

    sandbox.faults.set({ failNext: { count: 1, status: 502, path: '/contacts' } });
    const err = await new Lookup(client()).createLead('once@example.org').catch((e: unknown) => e);
    expect((err as AppError).info.code).toBe('uncertain'); // a lead cannot be checked for: new contacts are not searchable at once
    expect(sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/contacts')).toHaveLength(1);
  });

  it('says unreachable when nothing listens', async () => {
    const http = new IntercomHttp({ baseUrl: 'http://127.0.0.1:9', token: 't' }, new RateLimiter(), noWait);
    const err = await new Lookup(http).lookup(['a@b.co']).catch((e: unknown) => e);
    expect((err as AppError).info).toMatchObject({ code: 'unreachable', detail: '127.0.0.1:9' });
  });
});
