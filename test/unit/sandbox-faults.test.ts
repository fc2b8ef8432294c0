// @vitest-environment node
/**
 * The sandbox's fault controls: exact rate-limit windows (on a fake clock), failNext by method, failures
 * after the write was applied, dropped connections, 403 paths and merges behind the client's back.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultError } from '../sandbox/faults';
import { contactsByEmail } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { apiOf, errorOf, ok } from '../sandbox/testing';

let sandbox: Sandbox;
/** The sandbox clock (ms). Starts 250 ms into a second that is a multiple of 10 s. */
let now = 1_800_000_000_250;
const api = apiOf(() => sandbox);

beforeAll(async () => {
  sandbox = await startSandbox({ clock: () => now });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
  now = 1_800_000_000_250;
});

const userId = (email: string) => contactsByEmail(sandbox.state, email).find((c) => c.role === 'user')?.id ?? '';
const control = (body: unknown) => fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const rate = (res: Response) => ({
  status: res.status,
  limit: res.headers.get('x-ratelimit-limit'),
  remaining: res.headers.get('x-ratelimit-remaining'),
  reset: res.headers.get('x-ratelimit-reset'),
  retryAfter: res.headers.get('retry-after'),
});

describe('rate limit windows', () => {
  it('5 calls per 1-second window: the 6th is a 429 whose Reset and Retry-After point at the next second', async () => {
    sandbox.faults.set({ rateLimit: { limit: 5, windowSeconds: 1 } });
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(rate(await api('/tags')));
    expect(seen.map((r) => r.remaining)).toEqual(['4', '3', '2', '1', '0']);
    expect(new Set(seen.map((r) => r.reset))).toEqual(new Set(['1800000001']));
    now += 500;
    const limited = await api('/tags');
    expect(rate(limited)).toEqual({ status: 429, limit: '5', remaining: '0', reset: '1800000001', retryAfter: '1' });
    expect(await errorOf(limited)).toMatchObject({ code: 'rate_limit_exceeded' });
    now = 1_800_000_001_000; // the next window
    expect(rate(await api('/tags'))).toMatchObject({ status: 200, remaining: '4', reset: '1800000002', retryAfter: null });
  });

  it('Retry-After is the whole seconds left until X-RateLimit-Reset', async () => {
    sandbox.faults.set({ rateLimit: { limit: 1, windowSeconds: 10 } });
    now = 1_800_000_003_250;
    expect(rate(await api('/tags'))).toMatchObject({ status: 200, remaining: '0', reset: '1800000010' });
    now = 1_800_000_006_001;
    expect(rate(await api('/tags'))).toMatchObject({ status: 429, reset: '1800000010', retryAfter: '4' });
    now = 1_800_000_009_999;
    expect(rate(await api('/tags'))).toMatchObject({ status: 429, retryAfter: '1' });
  });

  it('an injected 429 says Retry-After 1 and a Reset one second ahead', async () => {
    sandbox.faults.set({ failNext: { count: 1, status: 429 } });
    expect(rate(await api('/tags'))).toMatchObject({ status: 429, remaining: '0', reset: '1800000002', retryAfter: '1' });
  });
});

describe('failNext', () => {
  it('can be limited to a method', async () => {
    sandbox.faults.set({ failNext: { count: 1, status: 503, path: '/contacts', method: 'post' } });
    expect(sandbox.faults.current.failNext).toMatchObject({ method: 'POST', path: '/contacts', afterApply: false, dropConnection: false });
    expect((await api('/contacts/nope')).status).toBe(404);
    const before = sandbox.state.contacts.length;
    expect(await errorOf(await api('/contacts', { body: { role: 'lead', email: 'x@example.org' } }))).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(sandbox.state.contacts).toHaveLength(before); // not applied
    expect(sandbox.faults.current.failNext).toBeNull();
  });

  it('afterApply: the write happens, the answer is still the failure', async () => {
    const id = userId('olivia.bennett@northwind-analytics.com');
    sandbox.faults.set({ failNext: { count: 1, status: 504, path: `/contacts/${id}/notes`, afterApply: true } });
    const res = await api(`/contacts/${id}/notes`, { body: { body: 'Lost answer' } });
    expect(await errorOf(res)).toMatchObject({ status: 504, code: 'gateway_timeout' });
    expect(sandbox.state.notes.filter((n) => n.body === '<p>Lost answer</p>')).toHaveLength(1);
    expect(sandbox.requests.at(-1)).toMatchObject({ path: `/contacts/${id}/notes`, status: 504 });
    // A retry the client makes blindly doubles the write: exactly what a test of "never doubled" must catch.
    await ok(await api(`/contacts/${id}/notes`, { body: { body: 'Lost answer' } }));
    expect(sandbox.state.notes.filter((n) => n.body === '<p>Lost answer</p>')).toHaveLength(2);
  });

  it('dropConnection closes the socket without an answer, before or after applying', async () => {
    sandbox.faults.set({ failNext: { count: 1, dropConnection: true, method: 'POST' } });
    expect(sandbox.faults.current.failNext).toMatchObject({ status: null, dropConnection: true });
    await expect(api('/tags', { body: { name: 'Never made' } })).rejects.toThrow(TypeError);
    expect(sandbox.state.tags.some((t) => t.name === 'Never made')).toBe(false);
    expect(sandbox.requests.at(-1)).toMatchObject({ path: '/tags', status: 0, dropped: true });

    sandbox.faults.set({ failNext: { count: 1, dropConnection: true, afterApply: true } });
    await expect(api('/tags', { body: { name: 'Made anyway' } })).rejects.toThrow(TypeError);
    expect(sandbox.state.tags.filter((t) => t.name === 'Made anyway')).toHaveLength(1);
    expect((await api('/tags')).status).toBe(200); // the server carries on
  });

  it('refuses malformed or unknown faults without changing anything', () => {
    expect(() => sandbox.faults.set({ failNext: { count: 1 } })).toThrow(/failNext.status/);
    expect(() => sandbox.faults.set({ failNext: { count: 1, status: 500, method: 'FETCH' } })).toThrow(FaultError);
    expect(() => sandbox.faults.set({ latencyMs: 5, failnext: { count: 1, status: 500 } } as never)).toThrow(/unknown fault 'failnext'/);
    expect(sandbox.faults.current).toMatchObject({ latencyMs: 0, failNext: null });
  });
});

describe('forbidPaths', () => {
  it('answers 403 api_plan_restricted on those paths (after auth), nowhere else', async () => {
    sandbox.faults.set({ forbidPaths: ['/messages', 'PUT /contacts', { path: '/tickets', code: 'forbidden', message: 'Token lacks the tickets scope' }] });
    const send = { message_type: 'inapp', body: 'Hi', from: { type: 'admin', id: 5391001 }, to: { type: 'user', id: userId('aoife@larkspurlabs.dev') } };
    expect(await errorOf(await api('/messages', { body: send }))).toMatchObject({ status: 403, code: 'api_plan_restricted', message: 'Active subscription needed.' });
    expect(await errorOf(await api('/messages', { body: send, token: 'wrong' }))).toMatchObject({ status: 401 });
    expect(await errorOf(await api('/tickets/search', { body: { query: { field: 'open', operator: '=', value: true } } }))).toMatchObject({ status: 403, code: 'forbidden', message: 'Token lacks the tickets scope' });
    const id = userId('aoife@larkspurlabs.dev');
    expect((await api(`/contacts/${id}`, { method: 'PUT', body: { name: 'X' } })).status).toBe(403);
    expect((await api(`/contacts/${id}`)).status).toBe(200);
    expect(sandbox.state.messages).toEqual([]);
    sandbox.faults.set({ forbidPaths: null });
    expect((await api('/messages', { body: send })).status).toBe(200);
  });
});

describe('mergeContact', () => {
  it('merges behind the client’s back: the old id then answers 410 with the canonical Link', async () => {
    const from = contactsByEmail(sandbox.state, 'jordan.ellis@canopyhealth.org').find((c) => c.role === 'lead')?.id ?? '';
    const into = userId('jordan.ellis@canopyhealth.org');
    const res = await control({ mergeContact: { from, into }, latencyMs: 0 });
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty('mergeContact');
    const gone = await api(`/contacts/${from}`);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('link')).toBe(`<${sandbox.url}/contacts/${into}>; rel="canonical"`);
    expect(await errorOf(gone)).toMatchObject({ code: 'contact_merged' });
    expect((await api(`/contacts/${into}`)).status).toBe(200);
  });

  it('follows merges of merges to the last contact', async () => {
    const [a = '', b = '', c = ''] = ['aoife@larkspurlabs.dev', 'kwame.mensah@example.org', 'emily.zhang@example.com'].map(userId);
    sandbox.faults.set({ mergeContact: { from: a, into: b } });
    sandbox.faults.set({ mergeContact: { from: b, into: c } });
    expect((await api(`/contacts/${a}`)).headers.get('link')).toBe(`<${sandbox.url}/contacts/${c}>; rel="canonical"`);
    expect((await api(`/contacts/${b}`)).headers.get('link')).toBe(`<${sandbox.url}/contacts/${c}>; rel="canonical"`);
  });

  it('refuses unknown contacts, and then applies none of the other faults in the same call', async () => {
    const res = await control({ latencyMs: 7, mergeContact: { from: 'nope', into: userId('aoife@larkspurlabs.dev') } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: 'mergeContact.from: no contact nope' });
    expect(sandbox.faults.current.latencyMs).toBe(0);
    expect(sandbox.state.merged).toEqual({});
  });
});

describe('controls', () => {
  it('GET /__sandbox/events and /__sandbox/messages list what the API accepted', async () => {
    const id = userId('aoife@larkspurlabs.dev');
    expect((await api('/events', { body: { event_name: 'viewed-pricing', created_at: 1_800_000_000, id } })).status).toBe(202);
    await ok(await api('/messages', { body: { message_type: 'inapp', body: 'Hi', from: { type: 'admin', id: 5391001 }, to: { type: 'user', id } } }));
    const events = (await (await fetch(`${sandbox.url}/__sandbox/events`)).json()) as unknown[];
    expect(events).toEqual([{ event_name: 'viewed-pricing', created_at: 1_800_000_000, contact_id: id, identified_by: 'id', metadata: {}, received_at: 1_800_000_000 }]);
    const messages = (await (await fetch(`${sandbox.url}/__sandbox/messages`)).json()) as { to: string[] }[];
    expect(messages.map((m) => m.to)).toEqual([[id]]);
  });
});
