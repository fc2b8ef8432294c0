// @vitest-environment node
/** The worker's outbox and quick actions, against the sandbox, with a stand-in for chrome.storage.local. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resultAfterVerify, runAction, verifyAction } from '../../src/core/actions';
import { Lookup } from '../../src/core/intercom/lookup';
import { tagContact } from '../../src/core/intercom/contacts';
import { OUTBOX_KEY, Outbox, STALE_MS } from '../../src/background/outbox';
import type { Session } from '../../src/background/session';
import type { Action, OutboxEntry } from '../../src/protocol/actions';
import { OUTBOX_EVENT } from '../../src/protocol/events';
import { calls, useSandbox } from './intercom-sandbox';

const env = useSandbox();
let store: Record<string, unknown>;
let broadcasts: Array<{ event: string; entries: OutboxEntry[] }>;

beforeEach(() => {
  store = {};
  broadcasts = [];
  (globalThis as unknown as { chrome: unknown }).chrome = {
    storage: {
      local: {
        get: vi.fn(async (key: string) => (key in store ? { [key]: structuredClone(store[key]) } : {})),
        set: vi.fn(async (items: Record<string, unknown>) => {
          Object.assign(store, structuredClone(items));
        }),
      },
    },
    runtime: {
      sendMessage: vi.fn(async (m: { event: string; entries: OutboxEntry[] }) => {
        broadcasts.push(m);
      }),
    },
  };
});

const admin = () => env.sandbox.state.meAdminId;
const stored = () => (store[OUTBOX_KEY] ?? []) as OutboxEntry[];

function newSession(): Session {
  const http = env.client();
  return { http, lookup: new Lookup(http) };
}

function makeOutbox(s: Session = newSession(), hooks: { beforeRun?: (a: Action) => void; browserJustStarted?: boolean } = {}) {
  return new Outbox({
    settleMs: 0,
    browserJustStarted: async () => hooks.browserJustStarted ?? false,
    async run(action) {
      hooks.beforeRun?.(action);
      return runAction(s, admin(), action);
    },
    async verify(action, sentAt) {
      const applied = await verifyAction(s, admin(), action, sentAt);
      if (applied === null) return null;
      return applied ? { applied: true, result: await resultAfterVerify(s, action) } : { applied: false };
    },
  });
}

/** A contact without the tag, and a tag. */
function untagged() {
  const tag = env.sandbox.state.tags[0]!;
  const contact = env.sandbox.state.contacts.find((c) => !c.tags.some((t) => t.id === tag.id))!;
  return { tag, contact };
}

const seedEntry = (id: string, action: Action, state: OutboxEntry['state'], updatedAt = Date.now()): OutboxEntry =>
  ({ id, action, state, createdAt: updatedAt, updatedAt, attempts: state === 'pending' ? 0 : 1 });

async function until(check: () => boolean) {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 5000, interval: 20 });
}

describe('outbox', () => {
  it('sends an id once, however often it is submitted', async () => {
    const { tag, contact } = untagged();
    const outbox = makeOutbox();
    const action: Action = { kind: 'contact.tag', contactId: contact.id, tagId: tag.id };
    const [a, b] = await Promise.all([outbox.submit('entry-0001', action), outbox.submit('entry-0001', action)]);
    const c = await outbox.submit('entry-0001', action);
    for (const e of [a, b, c]) expect(e).toMatchObject({ id: 'entry-0001', state: 'done', attempts: 1 });
    expect(a.result?.contact?.tags.map((t) => t.id)).toContain(tag.id);
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(1);
    // A fresh worker reading the same storage does not send it again either.
    expect((await makeOutbox().submit('entry-0001', action)).state).toBe('done');
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(1);
    expect(broadcasts.at(-1)).toMatchObject({ event: OUTBOX_EVENT, entries: [{ id: 'entry-0001', state: 'done' }] });
  });

  it('never sends silently what was still waiting when the browser closed: it fails with Retry, and Retry sends it once', async () => {
    const { tag, contact } = untagged();
    const action: Action = { kind: 'contact.tag', contactId: contact.id, tagId: tag.id };
    store[OUTBOX_KEY] = [seedEntry('entry-0201', action, 'pending', Date.now() - 60_000)];
    const outbox = makeOutbox(undefined, { browserJustStarted: true });
    await outbox.resume();
    expect(stored()[0]).toMatchObject({ state: 'failed', error: { code: 'stale' } });
    expect(broadcasts.at(-1)?.entries[0]).toMatchObject({ state: 'failed' });
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(0);
    expect(await outbox.retry('entry-0201')).toMatchObject({ state: 'done' });
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(1);
  });

  it('fails an action left waiting for over an hour, and still sends a recent one', async () => {
    const { tag, contact } = untagged();
    const other = env.sandbox.state.contacts.find((c) => c.id !== contact.id && !c.tags.some((t) => t.id === tag.id))!;
    store[OUTBOX_KEY] = [
      seedEntry('entry-0202', { kind: 'contact.tag', contactId: contact.id, tagId: tag.id }, 'pending', Date.now() - STALE_MS - 1000),
      seedEntry('entry-0203', { kind: 'contact.tag', contactId: other.id, tagId: tag.id }, 'pending', Date.now() - 5000),
    ];
    await makeOutbox().resume();
    await until(() => stored().find((e) => e.id === 'entry-0203')?.state === 'done');
    expect(stored().find((e) => e.id === 'entry-0202')).toMatchObject({ state: 'failed', error: { code: 'stale' } });
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(0);
    expect(calls(env.sandbox, 'POST', `/contacts/${other.id}/tags`)).toHaveLength(1);
  });

  it('stores the entry as sending before the request leaves', async () => {
    const { tag, contact } = untagged();
    const seen: Array<OutboxEntry['state'] | undefined> = [];
    const outbox = makeOutbox(undefined, {
      beforeRun: () => {
        seen.push(stored().find((e) => e.id === 'entry-0002')?.state);
        expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(0);
      },
    });
    await outbox.submit('entry-0002', { kind: 'contact.tag', contactId: contact.id, tagId: tag.id });
    expect(seen).toEqual(['sending']);
    expect(stored()[0]).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('after a restart mid-request, checks Intercom instead of resending (applied → done, one POST)', async () => {
    const { tag, contact } = untagged();
    const action: Action = { kind: 'contact.tag', contactId: contact.id, tagId: tag.id };
    await tagContact(env.client(), contact.id, tag.id); // the dead worker's request did land
    store[OUTBOX_KEY] = [seedEntry('entry-0003', action, 'sending')];
    const outbox = makeOutbox();
    await outbox.resume();
    await until(() => stored()[0]?.state === 'done');
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(1);
    expect(calls(env.sandbox, 'GET', `/contacts/${contact.id}/tags`).length).toBeGreaterThan(0);
    expect(stored()[0]!.result?.contact?.tags.map((t) => t.id)).toContain(tag.id);
  });

  it('after a restart mid-request, sends once when Intercom shows it did not land', async () => {
    const { tag, contact } = untagged();
    const action: Action = { kind: 'contact.tag', contactId: contact.id, tagId: tag.id };
    store[OUTBOX_KEY] = [seedEntry('entry-0004', action, 'sending')];
    const outbox = makeOutbox();
    await outbox.resume();
    await outbox.resume(); // woken again by another message: still one send
    await until(() => stored()[0]?.state === 'done');
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(1);
    expect(stored()[0]!.attempts).toBe(2);
  });

  it('sends pending entries on resume, and marks what cannot be checked as uncertain', async () => {
    const { tag, contact } = untagged();
    store[OUTBOX_KEY] = [
      seedEntry('entry-0005', { kind: 'contact.tag', contactId: contact.id, tagId: tag.id }, 'pending'),
      seedEntry('entry-0006', { kind: 'contact.create-lead', email: 'ghost@example.org' }, 'sending'),
    ];
    await makeOutbox().resume();
    await until(() => stored().every((e) => e.state !== 'pending' && e.state !== 'sending'));
    expect(stored().map((e) => e.state)).toEqual(['done', 'uncertain']);
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(1);
    expect(calls(env.sandbox, 'POST', '/contacts')).toHaveLength(0);
  });

  it('reports a new lead whose answer was lost as "may have been sent", and does not resend it by itself', async () => {
    env.sandbox.faults.set({ failNext: { count: 1, status: 500, path: '/contacts', method: 'POST', afterApply: true } });
    const entry = await makeOutbox().submit('entry-0007', { kind: 'contact.create-lead', email: 'newlead@example.org' });
    expect(entry).toMatchObject({ state: 'uncertain', error: { code: 'uncertain' } });
    expect(calls(env.sandbox, 'POST', '/contacts')).toHaveLength(1);
    expect(env.sandbox.state.contacts.filter((c) => c.email === 'newlead@example.org')).toHaveLength(1);
  });

  it('retries a failed entry on request, dismisses it, and refuses to retry what is done', async () => {
    const { tag, contact } = untagged();
    env.sandbox.faults.set({ failNext: { count: 1, status: 403, path: `/contacts/${contact.id}/tags`, method: 'POST' } });
    const outbox = makeOutbox();
    const failed = await outbox.submit('entry-0008', { kind: 'contact.tag', contactId: contact.id, tagId: tag.id });
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'forbidden' } });
    const retried = await outbox.retry('entry-0008');
    expect(retried).toMatchObject({ state: 'done', attempts: 2 });
    expect(retried.error).toBeUndefined();
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(2);
    expect((await outbox.retry('entry-0008')).state).toBe('done');
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(2);
    expect(await outbox.dismiss('entry-0008')).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it('cancels what of a batch has not been sent yet', async () => {
    const contact = env.sandbox.state.contacts[0]!;
    const tags = env.sandbox.state.tags.slice(0, 3);
    env.sandbox.faults.set({ latencyMs: 300 });
    const outbox = makeOutbox();
    const runs = tags.map((t, i) => outbox.submit(`batch-item-${i}`, { kind: 'contact.tag', contactId: contact.id, tagId: t.id }, 'batch-0001'));
    await until(() => stored().length === 3 && stored().some((e) => e.state === 'sending'));
    expect(await outbox.cancel('batch-0001')).toBe(2);
    const settled = await Promise.all(runs);
    expect(settled.map((e) => e.state)).toEqual(['done', 'cancelled', 'cancelled']);
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/tags`)).toHaveLength(1);
  });
});

describe('quick actions send what Intercom expects', () => {
  it('maps every kind to its request and answers a result', async () => {
    const s = newSession();
    const st = env.sandbox.state;
    const run = (a: Action) => runAction(s, admin(), a);
    const lastBody = (method: string, path: string | RegExp) => calls(env.sandbox, method, path).at(-1)?.body;
    const user = st.contacts.find((c) => c.role === 'user' && c.email && !c.unsubscribed_from_emails && !c.has_hard_bounced && !c.marked_email_as_spam)!;
    const conversation = st.conversations.find((c) => c.state === 'open')!;
    const { tag } = untagged();
    const company = st.companies.find((c) => !user.company_ids.includes(c.id))!;

    const created = await run({ kind: 'tag.create', name: 'VIP (quick)' });
    expect(lastBody('POST', '/tags')).toEqual({ name: 'VIP (quick)' });
    expect(created.tag?.name).toBe('VIP (quick)');

    const tagged = await run({ kind: 'contact.tag', contactId: user.id, tagId: tag.id });
    expect(lastBody('POST', `/contacts/${user.id}/tags`)).toEqual({ id: tag.id });
    expect(tagged.contact?.tags).toContainEqual({ id: tag.id, name: tag.name });

    const untaggedNow = await run({ kind: 'contact.untag', contactId: user.id, tagId: tag.id });
    expect(calls(env.sandbox, 'DELETE', `/contacts/${user.id}/tags/${tag.id}`)).toHaveLength(1);
    expect(untaggedNow.tag).toEqual({ id: tag.id, name: tag.name });
    expect(untaggedNow.contact?.tags.map((t) => t.id)).not.toContain(tag.id);

    await run({ kind: 'contact.note', contactId: user.id, body: 'Called about renewal.' });
    expect(lastBody('POST', `/contacts/${user.id}/notes`)).toEqual({ body: 'Called about renewal.', admin_id: admin() });

    const msg = await run({ kind: 'contact.message', contactId: user.id, channel: 'email', subject: 'Hello', body: 'Hi there', template: 'plain' });
    expect(lastBody('POST', '/messages')).toMatchObject({
      message_type: 'email', subject: 'Hello', body: 'Hi there', template: 'plain', from: { type: 'admin', id: Number(admin()) }, to: { type: 'user', id: user.id },
    });
    expect(msg.message).toMatchObject({ channel: 'email' });

    const type = st.ticketTypes.find((t) => t.category !== 'Customer') as { id: string };
    const tkt = await runAction(s, admin(), { kind: 'contact.ticket', contactId: user.id, ticketTypeId: String(type.id), title: 'Broken export', description: 'CSV is empty', attributes: {}, });
    expect(lastBody('POST', '/tickets')).toMatchObject({
      ticket_type_id: String(type.id), contacts: [{ id: user.id }], ticket_attributes: { _default_title_: 'Broken export', _default_description_: 'CSV is empty' },
    });
    expect(tkt.ticket).toMatchObject({ title: 'Broken export' });
    expect(tkt.ticket?.url).toMatch(/\/inbox\/inbox\/all\/conversations\//);

    const lead = await run({ kind: 'contact.create-lead', email: 'quick.lead@example.org', name: 'Quick Lead' });
    expect(lastBody('POST', '/contacts')).toEqual({ role: 'lead', email: 'quick.lead@example.org', name: 'Quick Lead' });
    expect(lead.contact).toMatchObject({ email: 'quick.lead@example.org', role: 'lead' });

    const converted = await run({ kind: 'contact.convert', contactId: lead.contact!.id });
    expect(lastBody('PUT', `/contacts/${lead.contact!.id}`)).toEqual({ role: 'user', email: 'quick.lead@example.org' });
    expect(converted.contact?.role).toBe('user');

    const updated = await run({ kind: 'contact.update', contactId: user.id, name: 'Renamed Person', phone: '+1 555 0100' });
    expect(lastBody('PUT', `/contacts/${user.id}`)).toEqual({ name: 'Renamed Person', phone: '+1 555 0100' });
    expect(updated.contact).toMatchObject({ name: 'Renamed Person', phone: '+1 555 0100' });

    const attached = await run({ kind: 'contact.attach-company', contactId: user.id, companyId: company.id });
    expect(lastBody('POST', `/contacts/${user.id}/companies`)).toEqual({ id: company.id });
    expect(attached.contact?.companies.map((c) => c.id)).toContain(company.id);

    const detached = await run({ kind: 'contact.detach-company', contactId: user.id, companyId: company.id });
    expect(calls(env.sandbox, 'DELETE', `/contacts/${user.id}/companies/${company.id}`)).toHaveLength(1);
    expect(detached.contact?.companies.map((c) => c.id)).not.toContain(company.id);

    const made = await run({ kind: 'contact.create-company', contactId: user.id, name: 'Brand New Co' });
    expect(lastBody('POST', '/companies')).toEqual({ company_id: 'brand-new-co', name: 'Brand New Co' });
    expect(made.company?.name).toBe('Brand New Co');
    expect(made.contact?.companies.map((c) => c.name)).toContain('Brand New Co');

    await run({ kind: 'contact.event', contactId: user.id, name: 'called-support', metadata: { minutes: 5 } });
    expect(lastBody('POST', '/events')).toMatchObject({ event_name: 'called-support', id: user.id, metadata: { minutes: '5' } });

    const replied = await run({ kind: 'conversation.reply', conversationId: conversation.id, messageType: 'note', body: 'Internal remark' });
    expect(lastBody('POST', `/conversations/${conversation.id}/reply`)).toEqual({ message_type: 'note', type: 'admin', admin_id: admin(), body: 'Internal remark' });
    expect(replied.conversation?.lastPart).toBe('Internal remark');

    expect((await run({ kind: 'conversation.close', conversationId: conversation.id })).conversation?.state).toBe('closed');
    expect(lastBody('POST', `/conversations/${conversation.id}/parts`)).toEqual({ message_type: 'close', type: 'admin', admin_id: admin() });
    expect((await run({ kind: 'conversation.open', conversationId: conversation.id })).conversation?.state).toBe('open');
    expect(lastBody('POST', `/conversations/${conversation.id}/parts`)).toEqual({ message_type: 'open', admin_id: admin() });
    const until = Math.floor(Date.now() / 1000) + 7200;
    expect((await run({ kind: 'conversation.snooze', conversationId: conversation.id, until })).conversation).toMatchObject({ state: 'snoozed', snoozedUntil: until });
    expect(lastBody('POST', `/conversations/${conversation.id}/parts`)).toEqual({ message_type: 'snoozed', admin_id: admin(), snoozed_until: until });
    const other = st.admins.find((a) => a.id !== admin())!;
    const assigned = await run({ kind: 'conversation.assign', conversationId: conversation.id, assigneeType: 'admin', assigneeId: other.id });
    expect(lastBody('POST', `/conversations/${conversation.id}/parts`)).toEqual({ message_type: 'assignment', type: 'admin', admin_id: admin(), assignee_id: other.id });
    expect(assigned.conversation?.assignee).toEqual({ type: 'admin', id: other.id, name: other.name });

    const ctag = await run({ kind: 'conversation.tag', conversationId: conversation.id, tagId: tag.id });
    expect(lastBody('POST', `/conversations/${conversation.id}/tags`)).toEqual({ id: tag.id, admin_id: admin() });
    expect(ctag.conversation?.tags).toContainEqual({ id: tag.id, name: tag.name });
    const cuntag = await run({ kind: 'conversation.untag', conversationId: conversation.id, tagId: tag.id });
    expect(lastBody('DELETE', `/conversations/${conversation.id}/tags/${tag.id}`)).toEqual({ admin_id: admin() });
    expect(cuntag.conversation?.tags.map((t) => t.id)).not.toContain(tag.id);
  });

  it('refuses an email to a contact who cannot receive one, before sending anything', async () => {
    const st = env.sandbox.state;
    const lead = st.contacts.find((c) => !c.email || c.unsubscribed_from_emails || c.has_hard_bounced)!;
    const err = await runAction(newSession(), admin(), { kind: 'contact.message', contactId: lead.id, channel: 'email', subject: 'Hi', body: 'Hello', template: 'plain' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ info: { code: 'bad_request', field: 'channel' } });
    expect(calls(env.sandbox, 'POST', '/messages')).toHaveLength(0);
  });
});
