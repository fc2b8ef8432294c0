// @vitest-environment node
/**
 * Editing, deleting and merging contacts (issue 14), against the sandbox: the data attributes the editor reads,
 * each action's request, its `verify` before and after it took effect, and the request id, request and time a
 * failed call keeps for "Copy details".
 */
import { describe, expect, it } from 'vitest';
import { contactAttributes } from '../../src/core/attributes';
import { resultAfterVerify, runAction, verifyAction } from '../../src/core/actions';
import { AppError } from '../../src/core/errors';
import { Lookup } from '../../src/core/intercom/lookup';
import type { Session } from '../../src/core/session';
import { calls, useSandbox } from './intercom-sandbox';

const env = useSandbox();
const admin = () => env.sandbox.state.meAdminId;
const session = (): Session => {
  const http = env.client();
  return { http, lookup: new Lookup(http) };
};
const aUser = () => env.sandbox.state.contacts.find((c) => c.role === 'user' && c.email)!;
const aLead = () => env.sandbox.state.contacts.find((c) => c.role === 'lead' && c.email)!;
const lastBody = (method: string, path: string) => calls(env.sandbox, method, path).at(-1)?.body;

describe('data attributes', () => {
  it('reads the contact model once per connection, with types, a list’s options and what the API may not write', async () => {
    const s = session();
    const { attributes } = await contactAttributes(s);
    await contactAttributes(s);
    expect(calls(env.sandbox, 'GET', '/data_attributes')).toHaveLength(1);
    expect(calls(env.sandbox, 'GET', '/data_attributes')[0]!.query).toEqual({ model: 'contact' });
    const by = (name: string, custom = true) => attributes.find((a) => a.name === name && a.custom === custom);
    expect(by('plan')).toMatchObject({ type: 'string', options: ['starter', 'growth', 'enterprise'], writable: true, label: 'Plan' });
    expect(by('trial_ends_at')?.type).toBe('date');
    expect(by('beta_tester')?.type).toBe('boolean');
    expect(by('nps_score')?.type).toBe('float');
    expect(by('billing_id')?.writable).toBe(false);
    expect(by('owner_id', false)).toMatchObject({ type: 'integer', writable: true });
    expect(by('role', false)?.writable).toBe(false);
  });
});

describe('contact.update', () => {
  it('sends owner, unsubscribe and attributes (a new one too), and verify tells before from after', async () => {
    const s = session();
    const user = aUser();
    const owner = env.sandbox.state.admins.find((a) => Number(a.id) !== user.owner_id)!;
    const action = {
      kind: 'contact.update' as const,
      contactId: user.id,
      ownerId: owner.id,
      unsubscribedFromEmails: !user.unsubscribed_from_emails,
      customAttributes: { plan: 'growth', beta_tester: true, trial_ends_at: 1_767_225_600 },
    };
    const since = Date.now();
    expect(await verifyAction(s, admin(), action, since)).toBe(false);
    const result = await runAction(s, admin(), action);
    expect(lastBody('PUT', `/contacts/${user.id}`)).toEqual({
      owner_id: Number(owner.id),
      unsubscribed_from_emails: action.unsubscribedFromEmails,
      custom_attributes: { plan: 'growth', beta_tester: true, trial_ends_at: 1_767_225_600 },
    });
    expect(result.contact).toMatchObject({ ownerId: owner.id, unsubscribedFromEmails: action.unsubscribedFromEmails });
    expect(result.contact?.customAttributes).toMatchObject({ plan: 'growth', beta_tester: true, trial_ends_at: 1_767_225_600 });
    expect(await verifyAction(s, admin(), action, since)).toBe(true);

    const noOwner = { kind: 'contact.update' as const, contactId: user.id, ownerId: null };
    expect(await verifyAction(s, admin(), noOwner, since)).toBe(false);
    await runAction(s, admin(), noOwner);
    expect(lastBody('PUT', `/contacts/${user.id}`)).toEqual({ owner_id: null });
    expect(await verifyAction(s, admin(), noOwner, since)).toBe(true);
  });

  it('a value off the list, or a read-only attribute, is Intercom’s 400, with its request id, request and time', async () => {
    const s = session();
    const user = aUser();
    const before = Date.now();
    const err = await runAction(s, admin(), { kind: 'contact.update', contactId: user.id, customAttributes: { plan: 'platinum' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const info = (err as AppError).info;
    const sent = calls(env.sandbox, 'PUT', `/contacts/${user.id}`).at(-1)!;
    expect(info).toMatchObject({ code: 'bad_request', status: 400, field: 'custom_attributes.plan', requestId: sent.requestId, request: `PUT /contacts/${user.id}` });
    expect(info.at).toBeGreaterThanOrEqual(before);
    const ro = await runAction(s, admin(), { kind: 'contact.update', contactId: user.id, customAttributes: { billing_id: 'B-1' } }).catch((e: unknown) => e);
    expect((ro as AppError).info).toMatchObject({ code: 'bad_request', field: 'custom_attributes.billing_id' });
  });
});

describe('contact.delete', () => {
  it('deletes once; verify says false before and true after; the lookup then answers no one', async () => {
    const s = session();
    const victim = aLead();
    const email = victim.email!;
    expect((await s.lookup.lookup([email]))[email]?.id).toBe(victim.id);
    const action = { kind: 'contact.delete' as const, contactId: victim.id };
    expect(await verifyAction(s, admin(), action, Date.now())).toBe(false);
    expect(await runAction(s, admin(), action)).toEqual({ deleted: { id: victim.id } });
    expect(calls(env.sandbox, 'DELETE', `/contacts/${victim.id}`)).toHaveLength(1);
    expect(await verifyAction(s, admin(), action, Date.now())).toBe(true);
    expect(await resultAfterVerify(s, action)).toEqual({ deleted: { id: victim.id } });
    const still = env.sandbox.state.contacts.filter((c) => c.email === email);
    expect((await s.lookup.lookup([email]))[email]?.id ?? null).toBe(still[0]?.id ?? null);
    expect(still.some((c) => c.id === victim.id)).toBe(false);
  });
});

describe('contact.merge', () => {
  it('merges a lead into a user: the user remains and answers; verify follows the lead being gone', async () => {
    const s = session();
    const lead = aLead();
    const user = aUser();
    const action = { kind: 'contact.merge' as const, contactId: lead.id, intoId: user.id };
    expect(await verifyAction(s, admin(), action, Date.now())).toBe(false);
    const result = await runAction(s, admin(), action);
    expect(lastBody('POST', '/contacts/merge')).toEqual({ from: lead.id, into: user.id });
    expect(result.survivor).toMatchObject({ id: user.id, role: 'user' });
    expect(env.sandbox.state.contacts.some((c) => c.id === lead.id)).toBe(false);
    expect(await verifyAction(s, admin(), action, Date.now())).toBe(true);
    expect((await resultAfterVerify(s, action)).survivor?.id).toBe(user.id);
  });

  it('refuses, before sending anything, a user as the one merged away or a lead as the one that remains', async () => {
    const s = session();
    const u1 = aUser();
    const u2 = env.sandbox.state.contacts.find((c) => c.role === 'user' && c.id !== u1.id)!;
    const lead = aLead();
    await expect(runAction(s, admin(), { kind: 'contact.merge', contactId: u1.id, intoId: u2.id })).rejects.toMatchObject({ info: { code: 'bad_request', field: 'from' } });
    const lead2 = env.sandbox.state.contacts.find((c) => c.role === 'lead' && c.id !== lead.id)!;
    await expect(runAction(s, admin(), { kind: 'contact.merge', contactId: lead.id, intoId: lead2.id })).rejects.toMatchObject({ info: { code: 'bad_request', field: 'into' } });
    expect(calls(env.sandbox, 'POST', '/contacts/merge')).toHaveLength(0);
  });
});
