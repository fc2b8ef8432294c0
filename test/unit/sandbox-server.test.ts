// @vitest-environment node
/** The sandbox's HTTP behaviour: auth, headers, CORS, rate limits, faults, controls, validation, demo pages. */
import { describe, expect, it } from 'vitest';
import { Faults } from '../sandbox/faults';
import { DEMO_EMAILS, SANDBOX_TOKEN, SEEDED_EMAILS, contactsByEmail } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { sandboxPerFile } from './intercom-sandbox';

let sandbox: Sandbox;

sandboxPerFile((s) => (sandbox = s));

function api(path: string, init: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'Intercom-Version': '2.14', ...init.headers };
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? SANDBOX_TOKEN}`;
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  return fetch(`${sandbox.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { type: string; request_id: string; errors: { code: string; message: string; field?: string }[] };
  expect(body.type).toBe('error.list');
  expect(body.request_id).toBe(res.headers.get('x-request-id'));
  return { status: res.status, ...body.errors[0] };
}

describe('basics', () => {
  it('listens on loopback with an ephemeral port and refuses other hosts', async () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.port).toBeGreaterThan(0);
    await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('answers 401 unauthorized without or with a wrong bearer token', async () => {
    expect(await errorOf(await api('/me', { token: null }))).toMatchObject({ status: 401, code: 'unauthorized', message: 'Access Token Invalid' });
    expect(await errorOf(await api('/me', { token: 'nope' }))).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('puts rate-limit headers and a request id on every API answer', async () => {
    const res = await api('/tags');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('1666');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('1665');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset % 10).toBe(0);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.requests[0]?.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers CORS preflights for the headers an extension sends', async () => {
    const res = await fetch(`${sandbox.url}/contacts/search`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,intercom-version' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Intercom-Version, Accept');
    expect((await api('/me')).headers.get('access-control-expose-headers')).toContain('X-RateLimit-Remaining');
    expect(sandbox.requests).toHaveLength(1); // the preflight is not an API request
  });

  it('records method, path, query, headers, JSON body and status', async () => {
    await api('/contacts/search?x=1&x=2', { body: { query: { field: 'email', operator: '=', value: 'a@b.co' } } });
    expect(sandbox.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/contacts/search',
        query: { x: ['1', '2'] },
        intercomVersion: '2.14',
        body: { query: { field: 'email', operator: '=', value: 'a@b.co' } },
        status: 200,
      }),
    ]);
  });

  it('only accepts JSON bodies, and says 404 for unknown routes', async () => {
    expect(await errorOf(await api('/contacts/search', { body: 'query=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }))).toMatchObject({ status: 400, code: 'parameter_invalid' });
    expect(await errorOf(await api('/contacts/search', { body: '{"query":' }))).toMatchObject({ status: 400, message: 'Request body is not valid JSON' });
    expect(await errorOf(await api('/nothing/here'))).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('contacts: validation like Intercom', () => {
  it('400 for bad input, with the field', async () => {
    expect(await errorOf(await api('/contacts', { body: { email: 'not-an-email', role: 'lead' } }))).toMatchObject({ status: 400, code: 'parameter_invalid', field: 'email' });
    expect(await errorOf(await api('/contacts', { body: { email: 'x@example.org', role: 'admin' } }))).toMatchObject({ status: 400, field: 'role' });
    expect(await errorOf(await api('/contacts', { body: {} }))).toMatchObject({ status: 400, code: 'parameter_invalid' });
    expect(await errorOf(await api('/contacts', { body: { role: 'user', name: 'No Email' } }))).toMatchObject({ status: 400, field: 'email' });
    expect(await errorOf(await api('/contacts', { body: { email: 'x@example.org', custom_attributes: { shoe_size: 9 } } }))).toMatchObject({
      status: 400,
      code: 'parameter_not_found',
      field: 'custom_attributes.shoe_size',
    });
    expect(await errorOf(await api('/contacts', { body: { email: 'x@example.org', custom_attributes: { mrr: 'lots' } } }))).toMatchObject({ status: 400, field: 'custom_attributes.mrr' });
    expect(sandbox.state.contacts).toHaveLength(SEEDED_EMAILS.length + 1); // nothing was created (40 contacts, 39 emails)
  });

  it('409 for a second user with the same email or external_id; a lead may share an email', async () => {
    const [olivia] = contactsByEmail(sandbox.state, 'olivia.bennett@northwind-analytics.com');
    expect(await errorOf(await api('/contacts', { body: { email: 'OLIVIA.bennett@northwind-analytics.com' } }))).toMatchObject({
      status: 409,
      code: 'conflict',
      message: `A contact matching those details already exists with id=${olivia?.id}`,
    });
    expect(await errorOf(await api('/contacts', { body: { role: 'lead', external_id: olivia?.external_id } }))).toMatchObject({ status: 409 });
    expect((await api('/contacts', { body: { role: 'lead', email: 'olivia.bennett@northwind-analytics.com' } })).status).toBe(200);
  });

  it('PUT refuses to take another user’s email; DELETE removes the contact', async () => {
    const [grace] = contactsByEmail(sandbox.state, 'grace.thompson@canopyhealth.org');
    const id = grace?.id ?? '';
    expect(await errorOf(await api(`/contacts/${id}`, { method: 'PUT', body: { email: 'samuel.osei@canopyhealth.org' } }))).toMatchObject({ status: 409 });
    expect((await api(`/contacts/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await errorOf(await api(`/contacts/${id}`))).toMatchObject({ status: 404, message: 'User Not Found' });
  });
});

describe('faults and rate limits', () => {
  it('exhausting the window answers 429 rate_limit_exceeded with Retry-After', async () => {
    sandbox.faults.set({ rateLimit: { limit: 2, windowSeconds: 3600 } });
    const remaining = [];
    for (let i = 0; i < 2; i++) remaining.push((await api('/tags')).headers.get('x-ratelimit-remaining'));
    expect(remaining).toEqual(['1', '0']);
    const res = await api('/tags');
    expect(await errorOf(res)).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('x-ratelimit-reset')) % 3600).toBe(0);
    // Controls and demo pages are neither limited nor recorded.
    expect((await fetch(`${sandbox.url}/__sandbox/requests`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/demo`)).status).toBe(200);
    expect(sandbox.requests.map((r) => r.status)).toEqual([200, 200, 429]);
  });

  it('windows are fixed: the count starts again in the next window', () => {
    let now = 1_000_000_000_000; // ms, on a 10 s boundary
    const faults = new Faults(() => now);
    faults.set({ rateLimit: { limit: 1 } });
    expect(faults.consume()).toMatchObject({ exceeded: false, remaining: 0, reset: 1_000_000_010, retryAfter: 10 });
    now += 9_999;
    expect(faults.consume()).toMatchObject({ exceeded: true, retryAfter: 1 });
    now += 1;
    expect(faults.consume()).toMatchObject({ exceeded: false, reset: 1_000_000_020 });
  });

  it('failNext fails only matching paths, `count` times', async () => {
    sandbox.faults.set({ failNext: { count: 2, status: 503, path: '/contacts' } });
    expect((await api('/tags')).status).toBe(200);
    expect(await errorOf(await api('/contacts/search', { body: { query: { field: 'role', operator: '=', value: 'lead' } } }))).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect((await api('/contacts/x')).status).toBe(503);
    expect((await api('/contacts/x')).status).toBe(404);
    expect(sandbox.faults.current.failNext).toBeNull();
  });

  it('revokeToken refuses the valid token until lifted; faults can be set over HTTP', async () => {
    const post = (body: unknown) => fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ revokeToken: true, latencyMs: 5 })).status).toBe(200);
    expect(sandbox.faults.current).toMatchObject({ revokeToken: true, latencyMs: 5 });
    expect((await api('/me')).status).toBe(401);
    await post({ revokeToken: false });
    expect((await api('/me')).status).toBe(200);
    const bad = await post({ failNext: { count: 1, status: 200 } });
    expect(bad.status).toBe(400);
    expect(sandbox.faults.current.failNext).toBeNull();
  });

  it('POST /__sandbox/reset reseeds and clears requests and faults; GET /__sandbox/requests lists them', async () => {
    await api('/contacts', { body: { role: 'lead', email: 'temp@example.org' } });
    sandbox.faults.set({ latencyMs: 1 });
    const listed = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { path: string }[];
    expect(listed.map((r) => r.path)).toEqual(['/contacts']);
    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
    expect(sandbox.requests).toHaveLength(0);
    expect(sandbox.faults.current.latencyMs).toBe(0);
    expect(contactsByEmail(sandbox.state, 'temp@example.org')).toEqual([]);
  });
});

describe('demo pages', () => {
  it('/demo shows the known and unknown addresses, some as mailto links, and one only inside a <script>', async () => {
    const res = await fetch(`${sandbox.url}/demo`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const visible = html.replace(/<script[\s\S]*?<\/script>/g, '');
    for (const email of DEMO_EMAILS.known.filter((e) => e !== DEMO_EMAILS.mixedCase.toLowerCase())) expect(visible).toContain(email);
    expect(visible).toContain(DEMO_EMAILS.mixedCase);
    for (const email of DEMO_EMAILS.unknown) expect(visible).toContain(email);
    for (const email of DEMO_EMAILS.mailto) expect(visible).toContain(`mailto:${email}`);
    expect(visible).not.toContain(DEMO_EMAILS.inScript);
    expect(html).toContain(DEMO_EMAILS.inScript);
    for (const email of DEMO_EMAILS.known) expect(contactsByEmail(sandbox.state, email).length).toBeGreaterThan(0);
    for (const email of [...DEMO_EMAILS.unknown]) expect(contactsByEmail(sandbox.state, email)).toEqual([]);
    expect(contactsByEmail(sandbox.state, DEMO_EMAILS.inScript)).toHaveLength(1);
  });

  it('/demo/empty has no email address', async () => {
    const html = await (await fetch(`${sandbox.url}/demo/empty`)).text();
    expect(html).toContain('Acme CRM');
    expect(html.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g)).toBeNull();
  });
});

describe('an unseeded sandbox', () => {
  it('has the app and the token owner only', async () => {
    const empty = await startSandbox({ seed: false, token: 'other-token' });
    try {
      const me = await fetch(`${empty.url}/me`, { headers: { Authorization: 'Bearer other-token' } });
      expect(((await me.json()) as { name: string }).name).toBe('Priya Raman');
      expect(empty.state.contacts).toEqual([]);
      expect((await fetch(`${empty.url}/me`, { headers: { Authorization: `Bearer ${SANDBOX_TOKEN}` } })).status).toBe(401);
    } finally {
      await empty.close();
    }
  });
});
