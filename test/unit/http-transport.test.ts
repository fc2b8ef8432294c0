// @vitest-environment node
/** The widget's HTTP transport (the embedded element → a team's endpoint), against a stub fetch. */
import { describe, expect, it, vi } from 'vitest';
import { httpTransport, RpcError } from '../../src/protocol/client';

type Seen = { url: string; init: RequestInit };

function stub(...answers: Array<Response | Error>) {
  const seen: Seen[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(url), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof RpcError ? e.info : e;
  }
  throw new Error('did not fail');
};

describe('httpTransport', () => {
  it('posts {input} to {endpoint}/rpc/{route} with the JWT, no cookies, and answers the data', async () => {
    const { fetch, seen } = stub(json(200, { ok: true, data: { contacts: {} } }));
    const t = httpTransport({ endpoint: 'https://tools.acme.test/sidekick/', auth: () => 'jwt-1', fetch });
    expect(await t.call('contacts/lookup', { emails: ['ana@example.com'] })).toEqual({ contacts: {} });
    expect(seen[0]!.url).toBe('https://tools.acme.test/sidekick/rpc/contacts/lookup');
    expect(seen[0]!.init.method).toBe('POST');
    expect(seen[0]!.init.credentials).toBe('omit');
    expect(JSON.parse(String(seen[0]!.init.body))).toEqual({ input: { emails: ['ana@example.com'] } });
    const headers = seen[0]!.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer jwt-1');
    expect(headers['Idempotency-Key']).toBeUndefined(); // a read
  });

  it('asks the page for a fresh JWT before each request, and refuses to send without one', async () => {
    const { fetch, seen } = stub(json(200, { ok: true, data: {} }), json(200, { ok: true, data: {} }));
    let n = 0;
    const t = httpTransport({ endpoint: 'https://e.test', auth: () => async () => `jwt-${++n}`, fetch });
    await t.call('workspace/info', {});
    await t.call('workspace/info', {});
    expect(seen.map((s) => (s.init.headers as Record<string, string>).Authorization)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
    const none = httpTransport({ endpoint: 'https://e.test', auth: () => null, fetch });
    expect(await errorOf(none.call('workspace/info', {}))).toEqual({ code: 'auth_missing' });
    expect(seen).toHaveLength(2);
  });

  it('gives every write a request id: the queued action’s own id, else a fresh one', async () => {
    const { fetch, seen } = stub(json(200, { ok: true, data: {} }), json(200, { ok: true, data: {} }));
    const t = httpTransport({ endpoint: 'https://e.test', auth: () => 'j', fetch });
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    await t.call('outbox/submit', { id, action: { kind: 'contact.note', contactId: 'c1', body: 'hi' } });
    await t.call('contacts/create-lead', { email: 'new@example.com' });
    const keys = seen.map((s) => (s.init.headers as Record<string, string>)['Idempotency-Key']);
    expect(keys[0]).toBe(id);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns each failure into an error the card can word', async () => {
    const t = (a: Response | Error) => httpTransport({ endpoint: 'https://e.test', auth: () => 'j', fetch: stub(a).fetch });
    expect(await errorOf(t(new TypeError('Failed to fetch')).call('workspace/info', {}))).toEqual({ code: 'endpoint_unreachable', detail: 'e.test' });
    expect(await errorOf(t(json(401, { ok: false, error: { code: 'auth_expired' } })).call('workspace/info', {}))).toEqual({ code: 'auth_expired' });
    expect(await errorOf(t(json(403, { ok: false, error: { code: 'scope_missing' } })).call('contacts/create-lead', { email: 'a@b.co' }))).toEqual({ code: 'scope_missing' });
    // A proxy's HTML error page, and an answer whose error code this version does not know.
    expect(await errorOf(t(new Response('<h1>Bad gateway</h1>', { status: 502 })).call('workspace/info', {}))).toMatchObject({ code: 'server', status: 502 });
    expect(await errorOf(t(json(400, { ok: false, error: { code: 'pwned', detail: 5, status: 'x' } })).call('workspace/info', {}))).toEqual({ code: 'internal' });
  });

  it('waits out a short rate limit once for a read, saying so, and reports a long one', async () => {
    const onWait = vi.fn();
    const sleep = vi.fn(async () => undefined);
    const { fetch, seen } = stub(
      json(429, { ok: false, error: { code: 'rate_limited', retryAfter: 3 } }, { 'Retry-After': '3' }),
      json(200, { ok: true, data: { contacts: {} } }),
    );
    const t = httpTransport({ endpoint: 'https://e.test', auth: () => 'j', fetch, onWait, sleep });
    expect(await t.call('contacts/lookup', { emails: [] })).toEqual({ contacts: {} });
    expect(onWait).toHaveBeenCalledWith(3);
    expect(sleep).toHaveBeenCalledWith(3000);
    expect(seen).toHaveLength(2);

    const long = stub(json(429, { ok: false, error: { code: 'rate_limited', retryAfter: 60 } }));
    const t2 = httpTransport({ endpoint: 'https://e.test', auth: () => 'j', fetch: long.fetch, onWait, sleep });
    expect(await errorOf(t2.call('contacts/lookup', { emails: [] }))).toEqual({ code: 'rate_limited', retryAfter: 60 });
    // A write is never sent again by the transport.
    const write = stub(json(429, { ok: false, error: { code: 'rate_limited', retryAfter: 1 } }));
    const t3 = httpTransport({ endpoint: 'https://e.test', auth: () => 'j', fetch: write.fetch, onWait, sleep });
    expect(await errorOf(t3.call('contacts/create-lead', { email: 'a@b.co' }))).toMatchObject({ code: 'rate_limited' });
    expect(write.seen).toHaveLength(1);
  });
});
