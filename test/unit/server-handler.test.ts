// @vitest-environment node
/**
 * The endpoint's gate, with Web-standard Requests against the sandbox: the origin, the JWT, the route, the
 * scope and the body are all checked before any work — a refused request never reaches Intercom.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FetchHandler } from '../../src/server/handler';
import { DEMO_EMAILS, SANDBOX_TOKEN } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { sandboxPerFile } from './intercom-sandbox';
import { answer, BASE, handlerFor, jwt, ORIGIN, rawJwt, record, rpcRequest, seen } from './server-rig';

let sandbox: Sandbox;
sandboxPerFile((s) => (sandbox = s));
let handle: FetchHandler;
beforeEach(() => {
  handle = handlerFor(sandbox);
});

const known = DEMO_EMAILS.known[0]!;
const lookup = { emails: [known] };
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('health and routes', () => {
  it('answers /health under any prefix, with nothing secret in it', async () => {
    const res = await handle(new Request(`${BASE}/health`));
    expect(await answer(res)).toEqual({ status: 200, ok: true, data: { ok: true } });
    expect(sandbox.requests).toHaveLength(0);
  });

  it('looks a contact up through /sidekick/rpc/contacts/lookup with a read JWT', async () => {
    const res = await handle(rpcRequest('contacts/lookup', lookup, { jwt: await jwt() }));
    const got = await answer(res);
    expect(got.status).toBe(200);
    expect(got.data.contacts[known]).toMatchObject({ email: known });
  });

  it('refuses routes an embedded card may not call with 404, even with a valid JWT', async () => {
    const token = await jwt('ana@acme.test', 'read write');
    for (const route of ['settings/get', 'settings/save', 'tab/scan', 'site/auto-scan', 'outbox/list', 'outbox/retry', 'emails/found', 'nope/nothing']) {
      const got = await answer(await handle(rpcRequest(route, {}, { jwt: token })));
      expect(got, route).toMatchObject({ status: 404, ok: false, error: { code: 'not_found' } });
    }
    expect((await handle(new Request(`${BASE}/elsewhere`))).status).toBe(404);
    expect((await handle(rpcRequest('contacts/lookup', lookup, { jwt: token, method: 'GET' }))).status).toBe(405);
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('the JWT', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Promise<string | null>, string]> = [
    ['no JWT', async () => null, 'auth_missing'],
    ['an expired JWT', () => jwt('ana@acme.test', 'read', 60, now() - 3600), 'auth_expired'],
    ['a JWT signed with another secret', () => rawJwt({ sub: 'ana@acme.test', scope: 'read', exp: now() + 600 }, 'another-secret-0123456789abcdef0123456789'), 'auth_refused'],
    ['a forged JWT (payload changed after signing)', async () => {
      const [h, , s] = (await jwt()).split('.');
      return `${h}.${b64({ sub: 'boss@acme.test', scope: 'read write', exp: now() + 600 })}.${s}`;
    }, 'auth_refused'],
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'ana@acme.test', scope: 'read', exp: now() + 600 })}.`, 'auth_refused'],
    ['a JWT valid for more than an hour', () => rawJwt({ sub: 'ana@acme.test', scope: 'read', exp: now() + 7200 }), 'auth_refused'],
    ['a JWT without exp', () => rawJwt({ sub: 'ana@acme.test', scope: 'read' }), 'auth_refused'],
    ['a JWT without sub', () => rawJwt({ scope: 'read', exp: now() + 600 }), 'auth_refused'],
    ['a JWT without scope', () => rawJwt({ sub: 'ana@acme.test', exp: now() + 600 }), 'auth_refused'],
    ['something that is not a JWT', async () => 'not.a.jwt', 'auth_refused'],
  ];
  it.each(cases)('%s → 401, and Intercom is not asked', async (_, make, code) => {
    const got = await answer(await handle(rpcRequest('contacts/lookup', lookup, { jwt: await make() })));
    expect(got).toMatchObject({ status: 401, ok: false, error: { code } });
    expect(sandbox.requests).toHaveLength(0);
  });

  it('a write with read scope → 403 scope_missing; nothing is written', async () => {
    const token = await jwt('ana@acme.test', 'read');
    const note = { id: 'note-0000001', action: { kind: 'contact.note', contactId: 'x1', body: 'Hi' } };
    expect(await answer(await handle(rpcRequest('outbox/submit', note, { jwt: token })))).toMatchObject({ status: 403, error: { code: 'scope_missing' } });
    const lead = rpcRequest('contacts/create-lead', { email: 'new@example.org' }, { jwt: token, headers: { 'Idempotency-Key': 'lead-0000001' } });
    expect(await answer(await handle(lead))).toMatchObject({ status: 403, error: { code: 'scope_missing' } });
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('CORS', () => {
  it('answers an allowed origin with its own origin, never with credentials', async () => {
    const res = await handle(rpcRequest('contacts/lookup', lookup, { jwt: await jwt(), origin: ORIGIN }));
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(res.headers.get('Vary')).toContain('Origin');
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });

  it('refuses another origin with 403 and no CORS headers, before any work', async () => {
    const res = await handle(rpcRequest('contacts/lookup', lookup, { jwt: await jwt(), origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(sandbox.requests).toHaveLength(0);
    const similar = await handle(rpcRequest('contacts/lookup', lookup, { jwt: await jwt(), origin: `${ORIGIN}.evil.example` }));
    expect(similar.status).toBe(403);
  });

  it('preflight: the allowed origin gets methods and headers; another origin gets 403', async () => {
    const preflight = (origin: string) =>
      handle(new Request(`${BASE}/rpc/outbox/submit`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key' } }));
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(ok.headers.get('Access-Control-Allow-Methods')).toBe('POST, OPTIONS');
    expect(ok.headers.get('Access-Control-Allow-Headers')).toBe('Authorization, Content-Type, Idempotency-Key');
    expect(ok.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('never reads cookies: a cookie without a JWT is still 401', async () => {
    const got = await answer(await handle(rpcRequest('contacts/lookup', lookup, { headers: { Cookie: `session=${SANDBOX_TOKEN}` } })));
    expect(got).toMatchObject({ status: 401, error: { code: 'auth_missing' } });
  });
});

describe('limits', () => {
  const big = JSON.stringify({ input: { emails: [known], pad: 'x'.repeat(70 * 1024) } });

  it('413 for a body over 64 KB, whether Content-Length says so or not', async () => {
    const token = await jwt();
    const byBody = await answer(await handle(rpcRequest('contacts/lookup', null, { jwt: token, body: big })));
    expect(byBody).toMatchObject({ status: 413, error: { code: 'too_large' } });
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(big)), c.close()) });
    const byStream = await answer(await handle(rpcRequest('contacts/lookup', null, { jwt: token, body: stream })));
    expect(byStream).toMatchObject({ status: 413, error: { code: 'too_large' } });
    const byHeader = await answer(await handle(rpcRequest('contacts/lookup', lookup, { jwt: token, headers: { 'Content-Length': String(1024 * 1024) } })));
    expect(byHeader).toMatchObject({ status: 413, error: { code: 'too_large' } });
    expect(sandbox.requests).toHaveLength(0);
  });

  it('400 for a body that is not JSON or not {input}', async () => {
    const token = await jwt();
    for (const body of ['not json', '[1,2]', 'null']) {
      expect(await answer(await handle(rpcRequest('contacts/lookup', null, { jwt: token, body }))), body).toMatchObject({ status: 400, error: { code: 'invalid_message' } });
    }
  });

  it('400 with valibot’s words for invalid input, never the value sent', async () => {
    const token = await jwt();
    const secretish = 'sk_live_DO_NOT_ECHO';
    const bad = await answer(await handle(rpcRequest('contacts/lookup', { emails: [`${secretish} @x`] }, { jwt: token })));
    expect(bad).toMatchObject({ status: 400, error: { code: 'invalid_message' } });
    expect(bad.error.detail).toMatch(/emails\.0/);
    expect(JSON.stringify(bad)).not.toContain(secretish);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `p${i}@example.org`);
    expect(await answer(await handle(rpcRequest('contacts/lookup', { emails: tooMany }, { jwt: token })))).toMatchObject({ status: 400, error: { code: 'invalid_message' } });
    expect(sandbox.requests).toHaveLength(0);
  });
});

it('no answer of this file carried the Intercom token', async () => {
  await record(new Response('control')); // the scan sees what the rig records
  expect(seen.length).toBeGreaterThan(20);
  for (const text of seen) expect(text).not.toContain(SANDBOX_TOKEN);
});
