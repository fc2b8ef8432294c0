// @vitest-environment node
/**
 * The endpoint's calls against the sandbox: writes answered once per request id, who writes as whom,
 * Intercom's failures as statuses, and the Intercom token in no answer.
 */
import { describe, expect, it } from 'vitest';
import { contactsByEmail, DEMO_EMAILS, SANDBOX_TOKEN } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { calls, sandboxPerFile } from './intercom-sandbox';
import { answer, handlerFor, jwt, record, rpcRequest, seen } from './server-rig';

let sandbox: Sandbox;
sandboxPerFile((s) => (sandbox = s));

const known = DEMO_EMAILS.known[0]!;
const contactId = () => contactsByEmail(sandbox.state, known)[0]!.id;
const writer = (sub = 'ana@acme.test') => jwt(sub, 'read write');

describe('idempotent writes', () => {
  it('outbox/submit: the same id twice (at once and later) writes one note and answers the first attempt’s entry', async () => {
    const handle = handlerFor(sandbox);
    const token = await writer();
    const note = { id: 'note-repeat-0001', action: { kind: 'contact.note', contactId: contactId(), body: 'Called about the invoice.' } };
    const [a, b] = await Promise.all([handle(rpcRequest('outbox/submit', note, { jwt: token })), handle(rpcRequest('outbox/submit', note, { jwt: token }))]);
    const later = await answer(await handle(rpcRequest('outbox/submit', note, { jwt: token })));
    const first = await answer(a!);
    expect(first).toMatchObject({ status: 200, ok: true, data: { id: note.id, state: 'done', attempts: 1, action: note.action } });
    expect(await answer(b!)).toEqual(first);
    expect(later).toEqual(first);
    expect(calls(sandbox, 'POST', `/contacts/${contactId()}/notes`)).toHaveLength(1);
  });

  it('create-lead needs an Idempotency-Key; the same key twice creates one lead; the key for another lead is refused', async () => {
    const handle = handlerFor(sandbox);
    const token = await writer();
    const lead = { email: 'new.person@example.org', name: 'New Person' };
    expect(await answer(await handle(rpcRequest('contacts/create-lead', lead, { jwt: token })))).toMatchObject({ status: 400, error: { code: 'invalid_message' } });
    const key = { 'Idempotency-Key': 'lead-key-000001' };
    const one = await answer(await handle(rpcRequest('contacts/create-lead', lead, { jwt: token, headers: key })));
    const two = await answer(await handle(rpcRequest('contacts/create-lead', lead, { jwt: token, headers: key })));
    expect(one).toMatchObject({ status: 200, data: { email: lead.email, role: 'lead' } });
    expect(two).toEqual(one);
    expect(calls(sandbox, 'POST', '/contacts')).toHaveLength(1);
    const other = await answer(await handle(rpcRequest('contacts/create-lead', { email: 'someone.else@example.org' }, { jwt: token, headers: key })));
    expect(other).toMatchObject({ status: 409, error: { code: 'conflict' } });
    expect(calls(sandbox, 'POST', '/contacts')).toHaveLength(1);
  });

  it('the window is per colleague: another sub with the same id is its own write', async () => {
    const handle = handlerFor(sandbox);
    const note = { id: 'note-shared-0001', action: { kind: 'contact.note', contactId: contactId(), body: 'Same id, two people.' } };
    await handle(rpcRequest('outbox/submit', note, { jwt: await writer('ana@acme.test') }));
    await handle(rpcRequest('outbox/submit', note, { jwt: await writer('bo@acme.test') }));
    expect(calls(sandbox, 'POST', `/contacts/${contactId()}/notes`)).toHaveLength(2);
  });
});

describe('who writes', () => {
  it('a sub that is an admin’s email (any case) acts as that admin; anyone else as the token’s admin', async () => {
    const handle = handlerFor(sandbox);
    const other = sandbox.state.admins.find((a) => a.id !== sandbox.state.meAdminId && a.email)!;
    const asAdmin = await answer(await handle(rpcRequest('workspace/info', {}, { jwt: await jwt(other.email!.toUpperCase()) })));
    expect(asAdmin.data.actingAdminId).toBe(other.id);
    const asSomeone = await answer(await handle(rpcRequest('workspace/info', {}, { jwt: await jwt('contractor@elsewhere.test') })));
    expect(asSomeone.data.actingAdminId).toBe(sandbox.state.meAdminId);
    expect(calls(sandbox, 'GET', '/admins')).toHaveLength(1); // one directory for everyone

    const note = { id: 'note-as-admin-01', action: { kind: 'contact.note', contactId: contactId(), body: 'From the billing tool.' } };
    await handle(rpcRequest('outbox/submit', note, { jwt: await writer(other.id) }));
    expect(calls(sandbox, 'POST', `/contacts/${contactId()}/notes`)[0]!.body).toMatchObject({ admin_id: other.id });
  });
});

describe('one session for everyone', () => {
  it('two colleagues looking up at the same moment share one search, and a repeat comes from the cache', async () => {
    const handle = handlerFor(sandbox);
    const [a, b] = [DEMO_EMAILS.known[0]!, DEMO_EMAILS.known[1]!];
    const answers = await Promise.all([
      handle(rpcRequest('contacts/lookup', { emails: [a] }, { jwt: await jwt('ana@acme.test') })).then(answer),
      handle(rpcRequest('contacts/lookup', { emails: [b] }, { jwt: await jwt('bo@acme.test') })).then(answer),
    ]);
    expect(answers.map((x) => Object.keys(x.data.contacts))).toEqual([[a], [b]]);
    expect(calls(sandbox, 'POST', '/contacts/search')).toHaveLength(1);
    await handle(rpcRequest('contacts/lookup', { emails: [a, b] }, { jwt: await jwt('cy@acme.test') }));
    expect(calls(sandbox, 'POST', '/contacts/search')).toHaveLength(1);
  });
});

describe('Intercom failures', () => {
  it('Intercom’s 429 → 429 with Retry-After; while Intercom’s wait lasts, calls are answered 429 without asking it', async () => {
    const handle = handlerFor(sandbox);
    // A window of a day with no budget: Intercom's Retry-After is hours, too long to wait out.
    sandbox.faults.set({ rateLimit: { limit: 0, windowSeconds: 86_400 } });
    const token = await jwt();
    const res = await handle(rpcRequest('contacts/lookup', { emails: [known] }, { jwt: token }));
    const got = await answer(res);
    expect(got).toMatchObject({ status: 429, error: { code: 'rate_limited' } });
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(15);
    expect(got.error.retryAfter).toBe(Number(res.headers.get('Retry-After')));
    const asked = sandbox.requests.length;
    const next = await handle(rpcRequest('contacts/lookup', { emails: ['other@example.org'] }, { jwt: token }));
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('Retry-After'))).toBeGreaterThan(15);
    expect(sandbox.requests.length).toBe(asked);
  });

  it('a write held back by the limiter may be sent again with the same id once the wait is over', async () => {
    const handle = handlerFor(sandbox);
    sandbox.faults.set({ rateLimit: { limit: 0, windowSeconds: 86_400 } });
    await handle(rpcRequest('contacts/lookup', { emails: [known] }, { jwt: await jwt() }));
    const note = { id: 'note-held-00001', action: { kind: 'contact.note', contactId: contactId(), body: 'Held back.' } };
    const held = await answer(await handle(rpcRequest('outbox/submit', note, { jwt: await writer() })));
    expect(held).toMatchObject({ status: 429, error: { code: 'rate_limited' } });
    expect(calls(sandbox, 'POST', `/contacts/${contactId()}/notes`)).toHaveLength(0);
  });

  it('Intercom refusing the endpoint’s own token → 502 unauthorized (401 is only for the JWT)', async () => {
    const handle = handlerFor(sandbox);
    sandbox.faults.set({ revokeToken: true });
    expect(await answer(await handle(rpcRequest('contacts/lookup', { emails: [known] }, { jwt: await jwt() })))).toMatchObject({ status: 502, error: { code: 'unauthorized' } });
  });

  it('Intercom down (503) → 503; unreachable → 502', async () => {
    sandbox.faults.set({ failNext: { count: 3, status: 503 } });
    const down = await answer(await handlerFor(sandbox)(rpcRequest('contacts/lookup', { emails: [known] }, { jwt: await jwt() })));
    expect(down).toMatchObject({ status: 503, error: { code: 'server', status: 503 } });
    const nowhere = handlerFor(sandbox, { apiBaseUrl: 'http://127.0.0.1:9' });
    expect(await answer(await nowhere(rpcRequest('contacts/search-name', { query: 'Olivia' }, { jwt: await jwt() })))).toMatchObject({ status: 502, error: { code: 'unreachable' } });
  });

  it('an unknown conversation → 404 not_found', async () => {
    const got = await answer(await handlerFor(sandbox)(rpcRequest('conversation/get', { id: '999999999' }, { jwt: await jwt() })));
    expect(got).toMatchObject({ status: 404, error: { code: 'not_found' } });
  });
});

it('no answer of this file carried the Intercom token', async () => {
  await record(new Response('control'));
  expect(seen.length).toBeGreaterThan(15);
  for (const text of seen) expect(text).not.toContain(SANDBOX_TOKEN);
});
