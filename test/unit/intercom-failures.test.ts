// @vitest-environment node
/**
 * Every failure Intercom documents, and the network's, maps to its own outcome; and a write is never lost
 * or doubled: a 429 is resent, a lost answer is checked where Intercom allows it and otherwise reported as
 * "may have been sent".
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { IntercomHttp } from '../../src/core/intercom/http';
import { RateLimiter } from '../../src/core/intercom/limiter';
import * as contacts from '../../src/core/intercom/contacts';
import { getMe } from '../../src/core/intercom/admins';
import { createTag } from '../../src/core/intercom/tags';
import { calls, useSandbox } from './intercom-sandbox';

const env = useSandbox();

async function failure(p: Promise<unknown>): Promise<AppError['info']> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, 'expected the call to fail').toBeInstanceOf(AppError);
  return (e as AppError).info;
}

describe('each failure has its own outcome', () => {
  it('400: bad_request, with Intercom’s code and field', async () => {
    const info = await failure(contacts.searchContacts(env.client(), { field: 'email', operator: 'IN', value: ['a@b.co'] }, { perPage: 500 }).next());
    expect(info).toMatchObject({ code: 'bad_request', status: 400 });
    expect(info.intercomCode).toBeTruthy();
    expect(info.requestId).toBeTruthy();
  });

  it('401: unauthorized', async () => {
    expect(await failure(getMe(env.client({ token: 'revoked' })))).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('403: forbidden', async () => {
    env.sandbox.faults.set({ forbidPaths: ['/me'] });
    expect(await failure(getMe(env.client()))).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('404: not_found', async () => {
    expect(await failure(contacts.getContact(env.client(), 'no-such-contact'))).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('409: conflict, for a second user with the same email', async () => {
    const user = env.sandbox.state.contacts.find((c) => c.role === 'user' && c.email)!;
    expect(await failure(contacts.createContact(env.client(), { role: 'user', email: user.email! }))).toMatchObject({ code: 'conflict', status: 409 });
  });

  it('410: gone, naming the contact it was merged into, which a lookup follows', async () => {
    const [a, b] = env.sandbox.state.contacts.filter((c) => c.role === 'lead');
    const user = env.sandbox.state.contacts.find((c) => c.role === 'user')!;
    env.sandbox.faults.set({ mergeContact: { from: a!.id, into: user.id } });
    expect(await failure(contacts.getContact(env.client(), a!.id, false))).toMatchObject({ code: 'gone', status: 410, canonicalId: user.id });
    expect((await contacts.getContact(env.client(), a!.id)).id).toBe(user.id);
    expect(b).toBeDefined();
  });

  it('422: unprocessable', async () => {
    env.sandbox.faults.set({ failNext: { count: 1, status: 422 } });
    expect(await failure(getMe(env.client()))).toMatchObject({ code: 'unprocessable', status: 422 });
  });

  it('429: rate_limited once the retries are spent, with the seconds to wait', async () => {
    env.sandbox.faults.set({ failNext: { count: 5, status: 429 } });
    const info = await failure(getMe(env.client()));
    expect(info).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(info.retryAfter).toBeGreaterThanOrEqual(1);
    expect(calls(env.sandbox, 'GET', '/me')).toHaveLength(3);
  });

  it('5xx: a read is retried, and fails as server only when every try failed', async () => {
    env.sandbox.faults.set({ failNext: { count: 2, status: 503 } });
    await getMe(env.client());
    expect(calls(env.sandbox, 'GET', '/me').map((r) => r.status)).toEqual([503, 503, 200]);
    env.sandbox.faults.set({ failNext: { count: 3, status: 500 } });
    expect(await failure(getMe(env.client()))).toMatchObject({ code: 'server', status: 500 });
  });

  it('network: unreachable; slow: timeout', async () => {
    const closed = new IntercomHttp({ baseUrl: 'http://127.0.0.1:9', token: 't' }, new RateLimiter(), async () => undefined);
    expect(await failure(getMe(closed))).toMatchObject({ code: 'unreachable' });
    env.sandbox.faults.set({ latencyMs: 400 });
    expect(await failure(getMe(env.client({ timeoutMs: 100 })))).toMatchObject({ code: 'timeout' });
  });
});

describe('writes are never lost or doubled', () => {
  const contact = () => env.sandbox.state.contacts[0]!;

  it('a 429 on a write is waited out and resent: applied once', async () => {
    const tag = await createTag(env.client(), 'Once (429)');
    env.sandbox.faults.set({ failNext: { count: 1, status: 429, method: 'POST', path: `/contacts/${contact().id}/tags` } });
    await contacts.tagContact(env.client(), contact().id, tag.id);
    expect(calls(env.sandbox, 'POST', `/contacts/${contact().id}/tags`).map((r) => r.status)).toEqual([429, 200]);
    expect((await contacts.contactTags(env.client(), contact().id)).filter((t) => t.id === tag.id)).toHaveLength(1);
  });

  it('a lost answer to an applied tag is confirmed by reading, not resent', async () => {
    const tag = await createTag(env.client(), 'Once (applied, 502)');
    env.sandbox.faults.set({ failNext: { count: 1, status: 502, method: 'POST', path: `/contacts/${contact().id}/tags`, afterApply: true } });
    const got = await contacts.tagContact(env.client(), contact().id, tag.id);
    expect(got.id).toBe(tag.id);
    expect(calls(env.sandbox, 'POST', `/contacts/${contact().id}/tags`)).toHaveLength(1);
  });

  it('a lost answer to a tag that did not apply is resent once', async () => {
    const tag = await createTag(env.client(), 'Once (not applied, 504)');
    env.sandbox.faults.set({ failNext: { count: 1, status: 504, method: 'POST', path: `/contacts/${contact().id}/tags` } });
    await contacts.tagContact(env.client(), contact().id, tag.id);
    expect(calls(env.sandbox, 'POST', `/contacts/${contact().id}/tags`).map((r) => r.status)).toEqual([504, 200]);
  });

  it('a dropped connection after an update applied is confirmed by reading the fields back', async () => {
    env.sandbox.faults.set({ failNext: { count: 1, status: 502, method: 'PUT', dropConnection: true, afterApply: true } });
    const c = await contacts.updateContact(env.client(), contact().id, { name: 'Renamed Once' });
    expect(c.name).toBe('Renamed Once');
    expect(calls(env.sandbox, 'PUT', `/contacts/${contact().id}`)).toHaveLength(1);
  });

  it('a dropped connection after an untag applied is confirmed by reading, not resent', async () => {
    const tag = await createTag(env.client(), 'Untag once');
    await contacts.tagContact(env.client(), contact().id, tag.id);
    env.sandbox.faults.set({ failNext: { count: 1, status: 502, method: 'DELETE', dropConnection: true, afterApply: true } });
    expect(await contacts.untagContact(env.client(), contact().id, tag)).toEqual(tag);
    expect(calls(env.sandbox, 'DELETE', `/contacts/${contact().id}/tags/${tag.id}`)).toHaveLength(1);
    expect((await contacts.contactTags(env.client(), contact().id)).map((t) => t.id)).not.toContain(tag.id);
  });

  it('a write that cannot be checked says it may have been sent, and is not resent', async () => {
    env.sandbox.faults.set({ failNext: { count: 1, status: 500, method: 'POST', path: '/contacts', afterApply: true } });
    const info = await failure(contacts.createLead(env.client(), 'maybe.sent@example.org'));
    expect(info).toMatchObject({ code: 'uncertain', status: 500 });
    expect(calls(env.sandbox, 'POST', '/contacts')).toHaveLength(1);
    expect(env.sandbox.state.contacts.filter((c) => c.email === 'maybe.sent@example.org')).toHaveLength(1);
  });
});
