// @vitest-environment node
/** The sandbox's companies (create/update, lookups, lists), tags, messages and data events. */
import { describe, expect, it } from 'vitest';
import { SEED_NOW, contactsByEmail } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { sandboxPerFile } from './intercom-sandbox';
import { apiOf, errorOf, ok } from '../sandbox/testing';

let sandbox: Sandbox;
const NOW = SEED_NOW + 60;
const api = apiOf(() => sandbox);

sandboxPerFile((s) => (sandbox = s), { clock: () => NOW * 1000 });

const userId = (email: string) => contactsByEmail(sandbox.state, email).find((c) => c.role === 'user')?.id ?? '';
type Company = { type: string; id: string; company_id: string; name: string; plan: object; monthly_spend: number; size?: number; user_count: number; custom_attributes: object };

describe('companies', () => {
  it('POST /companies creates, then updates the one with that company_id', async () => {
    const created = await ok<Company>(await api('/companies', { body: { company_id: 'acct-2001', name: 'Harbor Freight Co', plan: 'Growth', size: 40, monthly_spend: 310.9, remote_created_at: 1_700_000_000, custom_attributes: { region: 'EMEA' } } }));
    expect(created).toMatchObject({ type: 'company', company_id: 'acct-2001', name: 'Harbor Freight Co', plan: { type: 'plan', id: '264001', name: 'Growth' }, size: 40, monthly_spend: 310, remote_created_at: 1_700_000_000, created_at: NOW, user_count: 0, custom_attributes: { region: 'EMEA' } });
    expect(created).not.toHaveProperty('website');
    const updated = await ok<Company>(await api('/companies', { body: { company_id: 'acct-2001', industry: 'Retail', custom_attributes: { tier: 2 } } }));
    expect(updated).toMatchObject({ id: created.id, name: 'Harbor Freight Co', industry: 'Retail', custom_attributes: { region: 'EMEA', tier: 2 } });
    expect(sandbox.state.companies.filter((c) => c.company_id === 'acct-2001')).toHaveLength(1);
    expect(await ok(await api(`/companies/${created.id}`))).toEqual(updated);
  });

  it('refuses unknown parameters and wrong types', async () => {
    expect(await errorOf(await api('/companies', { body: { test: 'invalid' } }))).toMatchObject({ status: 400, code: 'bad_request', message: "bad 'test' parameter" });
    expect(await errorOf(await api('/companies', { body: { company_id: 'x', size: 'big' } }))).toMatchObject({ status: 400, field: 'size' });
    expect(await errorOf(await api('/companies', { body: { plan: 'Growth' } }))).toMatchObject({ status: 400, code: 'parameter_not_found' });
  });

  it('GET /companies?name=|company_id= answers one company (or, when asked, the list the schema documents)', async () => {
    expect(await ok<Company>(await api('/companies?name=canopy%20health'))).toMatchObject({ type: 'company', company_id: 'acct-1003', name: 'Canopy Health' });
    expect(await ok<Company>(await api('/companies?company_id=acct-1004'))).toMatchObject({ type: 'company', name: 'Larkspur Labs' });
    expect(await errorOf(await api('/companies?company_id=nope'))).toMatchObject({ status: 404, code: 'company_not_found' });
    sandbox.faults.set({ companyLookup: 'list' });
    const list = await ok<{ type: string; data: Company[]; total_count: number }>(await api('/companies?company_id=acct-1004'));
    expect(list).toMatchObject({ type: 'list', total_count: 1, data: [{ name: 'Larkspur Labs' }] });
  });

  it('lists leave out companies without users; the company appears once a user is attached', async () => {
    const made = await ok<Company>(await api('/companies', { body: { company_id: 'acct-2002', name: 'Lonely Inc' } }));
    const names = async () => (await ok<{ data: Company[]; total_count: number }>(await api('/companies/list?per_page=60', { method: 'POST' }))).data.map((c) => c.name);
    expect(await names()).not.toContain('Lonely Inc');
    expect(await names()).toHaveLength(6);
    await ok(await api(`/contacts/${userId('kwame.mensah@example.org')}/companies`, { body: { id: made.id } }));
    expect(await names()).toContain('Lonely Inc');
    const page = await ok<{ data: Company[]; pages: object }>(await api('/companies?per_page=3&page=3'));
    expect(page).toMatchObject({ data: [{ name: expect.any(String) }], pages: { type: 'pages', page: 3, per_page: 3, total_pages: 3 } });
  });
});

describe('tags', () => {
  it('POST /tags finds a tag by name (case-insensitive) or creates it; renames with an id', async () => {
    expect(await ok(await api('/tags', { body: { name: 'vip' } }))).toEqual({ type: 'tag', id: '8120001', name: 'VIP' });
    const made = await ok<{ id: string }>(await api('/tags', { body: { name: 'Renewal Q3' } }));
    expect(made).toMatchObject({ type: 'tag', name: 'Renewal Q3' });
    expect((await ok(await api('/tags', { body: { name: 'renewal q3' } }))).id).toBe(made.id);
    expect(await ok(await api('/tags', { body: { id: made.id, name: 'Renewal FY27' } }))).toEqual({ type: 'tag', id: made.id, name: 'Renewal FY27' });
    const all = await ok<{ data: { name: string }[] }>(await api('/tags'));
    expect(all.data.map((t) => t.name)).toEqual(['VIP', 'Churn risk', 'Beta tester', 'Enterprise trial', 'Newsletter', 'Needs onboarding', 'Partner', 'Billing issue', 'Renewal FY27']);
    expect(await errorOf(await api('/tags', { body: { test: 'invalid' } }))).toMatchObject({ status: 400, code: 'parameter_invalid', message: 'invalid tag parameters' });
  });

  it('tags and untags companies, and tags users', async () => {
    const canopy = sandbox.state.companies.find((c) => c.company_id === 'acct-1003');
    await ok(await api('/tags', { body: { name: 'Healthcare', companies: [{ company_id: 'acct-1003' }] } }));
    const tagged = await ok<{ tags: { tags: { name: string }[] } }>(await api(`/companies/${canopy?.id}`));
    expect(tagged.tags.tags.map((t) => t.name)).toEqual(['Healthcare']);
    await ok(await api('/tags', { body: { name: 'Healthcare', companies: [{ id: canopy?.id, untag: true }] } }));
    expect((await ok<{ tags: { tags: unknown[] } }>(await api(`/companies/${canopy?.id}`))).tags.tags).toEqual([]);
    expect(await errorOf(await api('/tags', { body: { name: 'x', companies: [{ company_id: '123' }] } }))).toMatchObject({ status: 404, code: 'company_not_found' });
    const kwame = userId('kwame.mensah@example.org');
    const tag = await ok<{ id: string }>(await api('/tags', { body: { name: 'Webinar Q2', users: [{ id: kwame }] } }));
    expect(sandbox.state.contacts.find((c) => c.id === kwame)?.tags.map((t) => t.id)).toContain(tag.id);
    expect(await errorOf(await api('/tags', { body: { name: 'x', users: [{ id: '123' }] } }))).toMatchObject({ status: 404, message: 'User Not Found' });
  });
});

describe('POST /messages', () => {
  const from = { type: 'admin', id: 5391001 };
  it('sends an in-app message (inapp or in_app) and an email; records them and the contact was contacted', async () => {
    const aoife = userId('aoife@larkspurlabs.dev');
    const inapp = await ok(await api('/messages', { body: { message_type: 'inapp', body: 'New dashboards are live', from, to: { type: 'user', id: aoife } } }));
    expect(inapp).toEqual({ type: 'admin_message', id: expect.any(String), created_at: NOW, body: 'New dashboards are live', message_type: 'inapp', owner: { type: 'admin', id: '5391001', name: 'Priya Raman', email: 'priya.raman@acme.example', away_mode_enabled: false, away_mode_reassign: false } });
    expect(await ok(await api('/messages', { body: { message_type: 'in_app', body: 'Again', from, to: { type: 'user', id: aoife } } }))).toMatchObject({ message_type: 'inapp' });
    const email = await ok(await api('/messages', { body: { message_type: 'email', subject: 'Your renewal', body: 'Hi Aoife', template: 'personal', from, to: { type: 'user', id: aoife } } }));
    expect(email).toMatchObject({ type: 'admin_message', subject: 'Your renewal', message_type: 'email' });
    expect(email).not.toHaveProperty('conversation_id');
    expect(sandbox.state.messages.map((m) => [m.message_type, m.template, m.to])).toEqual([['inapp', null, [aoife]], ['inapp', null, [aoife]], ['email', 'personal', [aoife]]]);
    expect(sandbox.state.contacts.find((c) => c.id === aoife)?.last_contacted_at).toBe(NOW);
  });

  it('opens a conversation when asked to, and a contact’s message always starts one', async () => {
    const aoife = userId('aoife@larkspurlabs.dev');
    const withConv = await ok<{ conversation_id: string }>(await api('/messages', { body: { message_type: 'inapp', body: 'Checking in', from, to: { type: 'user', id: aoife }, create_conversation_without_contact_reply: true } }));
    expect(await ok(await api(`/conversations/${withConv.conversation_id}`))).toMatchObject({ source: { delivered_as: 'admin_initiated', body: '<p>Checking in</p>', author: { type: 'admin', id: '5391001' } }, contacts: { contacts: [{ id: aoife }] } });
    const fromUser = await ok<{ type: string; conversation_id: string }>(await api('/messages', { body: { from: { type: 'user', id: aoife }, body: 'Help please' } }));
    expect(fromUser).toMatchObject({ type: 'user_message', message_type: 'inapp', body: 'Help please' });
    expect(await ok(await api(`/conversations/${fromUser.conversation_id}`))).toMatchObject({ state: 'open', waiting_since: NOW, source: { delivered_as: 'customer_initiated' } });
  });

  it('answers the documented errors: 400 without a body, 422 for an email without subject or without an address', async () => {
    const aoife = userId('aoife@larkspurlabs.dev');
    const to = { type: 'user', id: aoife };
    expect(await errorOf(await api('/messages', { body: { message_type: 'inapp', body: null, subject: 'x', from, to } }))).toMatchObject({ status: 400, code: 'parameter_invalid', message: 'Body is required' });
    expect(await errorOf(await api('/messages', { body: { message_type: 'email', body: 'x', from, to } }))).toMatchObject({ status: 422, code: 'parameter_not_found', message: 'No subject supplied for email message' });
    const noEmail = await ok<{ id: string }>(await api('/contacts', { body: { role: 'lead', name: 'No Address' } }));
    expect(await errorOf(await api('/messages', { body: { message_type: 'email', subject: 'x', body: 'x', from, to: { type: 'lead', id: noEmail.id } } }))).toMatchObject({ status: 422, code: 'parameter_invalid', field: 'to' });
    expect(await ok(await api('/messages', { body: { message_type: 'inapp', body: 'x', from, to: { type: 'lead', id: noEmail.id } } }))).toMatchObject({ type: 'admin_message' });
    expect(await errorOf(await api('/messages', { body: { message_type: 'sms', body: 'x', from, to } }))).toMatchObject({ status: 400, field: 'message_type' });
    expect(await errorOf(await api('/messages', { body: { message_type: 'inapp', body: 'x', from, to: { type: 'lead', id: aoife } } }))).toMatchObject({ status: 404 });
    expect(await errorOf(await api('/messages', { body: { message_type: 'inapp', body: 'x', from: { type: 'admin', id: 1 }, to } }))).toMatchObject({ status: 404, code: 'admin_not_found' });
    expect(sandbox.state.messages).toHaveLength(1);
  });
});

describe('POST /events', () => {
  const send = (body: unknown) => api('/events', { body });
  it('answers 202 with no body and records the event; a duplicate is accepted and ignored', async () => {
    const res = await send({ event_name: 'exported-report', created_at: NOW - 5, user_id: 'usr_1000', metadata: { format: 'csv', rows: 1200, shared: false, link: { url: 'https://app.acme.example/r/1', value: 'Report' }, price: { amount: 34999, currency: 'eur' } } });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toBeNull();
    expect(await res.text()).toBe('');
    expect((await send({ event_name: 'exported-report', created_at: NOW - 5, email: 'OLIVIA.bennett@northwind-analytics.com' })).status).toBe(202);
    expect(sandbox.state.events).toEqual([
      {
        event_name: 'exported-report',
        created_at: NOW - 5,
        contact_id: userId('olivia.bennett@northwind-analytics.com'),
        identified_by: 'user_id',
        metadata: { format: 'csv', rows: 1200, shared: false, link: { url: 'https://app.acme.example/r/1', value: 'Report' }, price: { amount: 34999, currency: 'eur' } },
        received_at: NOW,
      },
    ]);
    const lead = contactsByEmail(sandbox.state, 'jordan.ellis@canopyhealth.org').find((c) => c.role === 'lead');
    expect((await send({ event_name: 'opened-chat', created_at: NOW, id: lead?.id })).status).toBe(202);
    expect(sandbox.state.events.at(-1)).toMatchObject({ contact_id: lead?.id, identified_by: 'id' });
  });

  it('refuses nested or too many metadata keys, a missing name, time or contact', async () => {
    const base = { event_name: 'x', created_at: NOW, user_id: 'usr_1000' };
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
    expect(await errorOf(await send({ ...base, metadata: eleven }))).toMatchObject({ status: 400, code: 'parameter_invalid', field: 'metadata' });
    expect((await send({ ...base, metadata: Object.fromEntries(Object.entries(eleven).slice(0, 10)) })).status).toBe(202);
    expect(await errorOf(await send({ ...base, metadata: { nested: { a: 1 } } }))).toMatchObject({ status: 400, field: 'metadata.nested' });
    expect(await errorOf(await send({ ...base, metadata: { list: [1] } }))).toMatchObject({ status: 400, field: 'metadata.list' });
    expect(await errorOf(await send({ created_at: NOW, user_id: 'usr_1000' }))).toMatchObject({ status: 400, code: 'parameter_not_found', field: 'event_name' });
    expect(await errorOf(await send({ event_name: 'x', user_id: 'usr_1000' }))).toMatchObject({ status: 400, field: 'created_at' });
    expect(await errorOf(await send({ event_name: 'x', created_at: NOW }))).toMatchObject({ status: 400 });
    expect(await errorOf(await send({ event_name: 'x', created_at: NOW, email: 'nobody@example.org' }))).toMatchObject({ status: 404, message: 'User Not Found' });
    expect(sandbox.state.events).toHaveLength(1);
  });
});
