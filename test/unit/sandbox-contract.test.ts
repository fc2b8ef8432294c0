// @vitest-environment node
/**
 * Contract: the sandbox's answers conform to the response schemas of Intercom's own OpenAPI
 * description (2.14), read from ../shared/intercom/ next to the project. A fresh clone has no
 * ../shared, so the suite skips itself then, saying why.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SPEC_PATH, contractClient, haveSpec, loadSpec } from '../sandbox/contract';
import { check, type OpenApiDoc } from '../sandbox/openapi-check';
import { DEMO_EMAILS, SEED_NOW } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';

if (!haveSpec) {
  console.warn(`[sandbox-contract] SKIPPED: Intercom's OpenAPI description is not at ${SPEC_PATH} (a fresh clone has no ../shared).`);
}

let doc: OpenApiDoc;
let sandbox: Sandbox;
const { call, conforms } = contractClient(() => doc, () => sandbox);
const NOW = SEED_NOW + 600;

const contactId = (email: string) => sandbox.state.contacts.find((c) => c.email === email && c.role === 'user')?.id ?? '';

(haveSpec ? describe : describe.skip)('sandbox answers match the Intercom 2.14 OpenAPI response schemas', () => {
  beforeAll(async () => {
    doc = loadSpec();
    sandbox = await startSandbox({ clock: () => NOW * 1000 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    sandbox.reset();
  });

  it('the checker itself catches wrong types, missing required fields, bad enums and stray nulls', () => {
    const contact = doc.components.schemas.contact ?? {};
    expect(check(doc, contact, { type: 'contact', id: 'x', email: 'a@b.c' })).toEqual([]);
    expect(check(doc, contact, { id: 123 })).toEqual(['$.id: expected string, got 123']);
    expect(check(doc, contact, { email: null })[0]).toMatch(/not nullable/);
    expect(check(doc, contact, { location: { city: 7 } })).toEqual(['$.location.city: expected string, got 7']);
    expect(check(doc, doc.components.schemas.error ?? {}, { type: 'error.list', errors: [{ message: 'x' }] })).toEqual(['$.errors[0].code: required but missing']);
    expect(check(doc, doc.components.schemas.conversation ?? {}, { state: 'pending' })[0]).toMatch(/not one of/);
    // `assigned_to: {$ref, nullable: true}`: null is allowed beside a $ref, a wrong type is not.
    expect(check(doc, doc.components.schemas.conversation_part ?? {}, { assigned_to: null })).toEqual([]);
    expect(check(doc, doc.components.schemas.conversation_part ?? {}, { assigned_to: 'x' })).toEqual(['$.assigned_to: expected object, got "x"']);
  });

  it('GET /me and GET /admins', async () => {
    const me = await conforms('/me', 'get', '/me');
    expect(me.app).toMatchObject({ type: 'app', id_code: 'sbx4demo' });
    await conforms('/admins', 'get', '/admins');
    await conforms('/admins', 'get', '/admins?display_avatar=true');
  });

  it('POST /contacts/search — every seeded contact', async () => {
    const all = await conforms('/contacts/search', 'post', '/contacts/search', {
      body: { query: { field: 'role', operator: 'IN', value: ['user', 'lead'] }, pagination: { per_page: 150 } },
    });
    expect(all.total_count).toBe(sandbox.state.contacts.length);
    await conforms('/contacts/search', 'post', '/contacts/search', {
      body: { query: { field: 'email', operator: 'IN', value: [...DEMO_EMAILS.known] }, pagination: { per_page: 5 } },
    });
  });

  it('GET, POST, PUT, DELETE /contacts', async () => {
    const id = contactId('mallory@brightline.io');
    await conforms('/contacts/{contact_id}', 'get', `/contacts/${id}`);
    const created = await conforms('/contacts', 'post', '/contacts', { body: { role: 'lead', email: 'contract@example.org', name: 'Contract Lead' } });
    await conforms('/contacts/{contact_id}', 'put', `/contacts/${String(created.id)}`, { body: { phone: '+1 555 0100', custom_attributes: { signup_source: 'website' } } });
    const deleted = await conforms('/contacts/{contact_id}', 'delete', `/contacts/${String(created.id)}`);
    expect(deleted).toMatchObject({ type: 'contact', id: created.id, deleted: true });
  });

  it('GET /data_attributes (contact, company, conversation) and PUT /contacts with owner, unsubscribe and a list attribute', async () => {
    const contact = await conforms('/data_attributes', 'get', '/data_attributes?model=contact');
    const list = (contact.data as Array<Record<string, unknown>>).find((a) => a.name === 'plan');
    expect(list).toMatchObject({ custom: true, full_name: 'custom_attributes.plan', data_type: 'string', options: ['starter', 'growth', 'enterprise'] });
    await conforms('/data_attributes', 'get', '/data_attributes?model=company');
    await conforms('/data_attributes', 'get', '/data_attributes?model=conversation&include_archived=true');
    const id = contactId('mallory@brightline.io');
    const owner = Number(sandbox.state.admins[1]!.id);
    const updated = await conforms('/contacts/{contact_id}', 'put', `/contacts/${id}`, {
      body: { owner_id: owner, unsubscribed_from_emails: true, custom_attributes: { plan: 'growth', beta_tester: true } },
    });
    expect(updated).toMatchObject({ owner_id: owner, unsubscribed_from_emails: true, custom_attributes: { plan: 'growth', beta_tester: true } });
  });

  it("a contact's companies and tags", async () => {
    const id = contactId('lena.fischer@brightline.io');
    await conforms('/contacts/{contact_id}/companies', 'get', `/contacts/${id}/companies`);
    const tags = await conforms('/contacts/{contact_id}/tags', 'get', `/contacts/${id}/tags`);
    expect(tags.data).toHaveLength(2);
    await conforms('/contacts/{contact_id}/companies', 'get', '/contacts/nope/companies', { status: 404 });
  });

  it('companies: by id, filtered, listed', async () => {
    for (const company of sandbox.state.companies) await conforms('/companies/{company_id}', 'get', `/companies/${company.id}`);
    await conforms('/companies/{company_id}', 'get', '/companies/missing', { status: 404 });
    await conforms('/companies', 'get', '/companies?per_page=4&page=2');
    await conforms('/companies', 'get', '/companies?name=nobody', { status: 404 });
    await conforms('/companies/list', 'post', '/companies/list?per_page=50');
    // A lookup by company_id or name answers one company (what Intercom and the SDK's union type say);
    // the schema documents a list, which the sandbox answers when asked to.
    await conforms('/companies', 'get', '/companies?company_id=acct-1003', { schema: 'company' });
    sandbox.faults.set({ companyLookup: 'list' });
    await conforms('/companies', 'get', '/companies?company_id=acct-1003');
  });

  it('companies: create or update, and their contacts', async () => {
    const made = await conforms('/companies', 'post', '/companies', {
      body: { company_id: 'acct-4001', name: 'Contract Co', plan: 'Growth', size: 5, website: 'https://contract.example', industry: 'Testing', monthly_spend: 10, remote_created_at: 1_700_000_000, custom_attributes: { tier: 'gold' } },
    });
    await conforms('/companies', 'post', '/companies', { body: { company_id: 'acct-4001', name: 'Contract Co Ltd' } });
    await conforms('/companies', 'post', '/companies', { body: { test: 'invalid' }, status: 400 });
    await conforms('/companies/{company_id}', 'get', `/companies/${String(made.id)}`);
    const northwind = sandbox.state.companies.find((c) => c.company_id === 'acct-1001')?.id ?? '';
    const members = await conforms('/companies/{company_id}/contacts', 'get', `/companies/${northwind}/contacts`);
    expect(members.total_count).toBeGreaterThan(0);
    await conforms('/companies/{company_id}/contacts', 'get', '/companies/nope/contacts', { status: 404 });
  });

  it('contacts: lead → user, merge, and the merged id (410, no documented schema: checked as an error)', async () => {
    const lead = await conforms('/contacts', 'post', '/contacts', { body: { role: 'lead', email: 'lead.contract@example.org' } });
    await conforms('/contacts/{contact_id}', 'put', `/contacts/${String(lead.id)}`, { body: { role: 'user' } });
    const jordanLead = sandbox.state.contacts.find((c) => c.email === 'jordan.ellis@canopyhealth.org' && c.role === 'lead')?.id ?? '';
    const into = contactId('jordan.ellis@canopyhealth.org');
    await conforms('/contacts/merge', 'post', '/contacts/merge', { body: { from: jordanLead, into } });
    const gone = await call('GET', `/contacts/${jordanLead}`);
    expect(gone.status).toBe(410);
    expect(check(doc, { $ref: '#/components/schemas/error' }, gone.json)).toEqual([]);
    await conforms('/contacts/{contact_id}', 'get', `/contacts/${into}`);
  });

  it("a contact's tags, notes and companies: attach, detach, create, list", async () => {
    const id = contactId('kwame.mensah@example.org');
    const company = sandbox.state.companies.find((c) => c.company_id === 'acct-1005')?.id ?? '';
    await conforms('/contacts/{contact_id}/tags', 'post', `/contacts/${id}/tags`, { body: { id: '8120003' } });
    await conforms('/contacts/{contact_id}/tags', 'post', `/contacts/${id}/tags`, { body: { id: '404' }, status: 404 });
    await conforms('/contacts/{contact_id}/tags/{tag_id}', 'delete', `/contacts/${id}/tags/8120003`);
    await conforms('/contacts/{contact_id}/tags/{tag_id}', 'delete', '/contacts/nope/tags/8120003', { status: 404 });
    await conforms('/contacts/{contact_id}/notes', 'post', `/contacts/${id}/notes`, { body: { body: 'Contract note', admin_id: '5391002' } });
    await conforms('/contacts/{contact_id}/notes', 'post', '/contacts/nope/notes', { body: { body: 'x' }, status: 404 });
    await conforms('/contacts/{contact_id}/notes', 'get', `/contacts/${id}/notes`);
    await conforms('/contacts/{contact_id}/notes', 'get', '/contacts/nope/notes', { status: 404 });
    await conforms('/contacts/{contact_id}/companies', 'post', `/contacts/${id}/companies`, { body: { id: company } });
    await conforms('/contacts/{contact_id}/companies', 'post', `/contacts/${id}/companies`, { body: {}, status: 400 });
    await conforms('/contacts/{contact_id}/companies', 'post', `/contacts/${id}/companies`, { body: { id: '123' }, status: 404 });
    const contact = await conforms('/contacts/{contact_id}', 'get', `/contacts/${id}`);
    expect(contact).toMatchObject({ notes: { total_count: 1 }, companies: { total_count: 1 } });
    await conforms('/contacts/{contact_id}/companies/{company_id}', 'delete', `/contacts/${id}/companies/${company}`);
    await conforms('/contacts/{contact_id}/companies/{company_id}', 'delete', `/contacts/${id}/companies/123`, { status: 404 });
  });

  it('tags: create, and tagging conversations', async () => {
    await conforms('/tags', 'post', '/tags', { body: { name: 'Contract tag' } });
    await conforms('/tags', 'post', '/tags', { body: { test: 'invalid' }, status: 400 });
    await conforms('/conversations/{conversation_id}/tags', 'post', '/conversations/31000/tags', { body: { id: '8120002', admin_id: '5391001' } });
    await conforms('/conversations/{conversation_id}/tags', 'post', '/conversations/1/tags', { body: { id: '8120002', admin_id: '5391001' }, status: 404 });
    await conforms('/conversations/{conversation_id}/tags/{tag_id}', 'delete', '/conversations/31000/tags/8120002', { body: { admin_id: '5391001' } });
    await conforms('/conversations/{conversation_id}/tags/{tag_id}', 'delete', '/conversations/31000/tags/1', { body: { admin_id: '5391001' }, status: 404 });
  });

  it('conversations: replies, state changes, plaintext, and a 403 from a plan restriction', async () => {
    const reply = '/conversations/{conversation_id}/reply';
    const parts = '/conversations/{conversation_id}/parts';
    const olivia = contactId('olivia.bennett@northwind-analytics.com');
    await conforms(reply, 'post', '/conversations/31000/reply', { body: { message_type: 'comment', type: 'admin', admin_id: '5391001', body: 'Hello' } });
    await conforms(reply, 'post', '/conversations/31000/reply', { body: { message_type: 'note', type: 'admin', admin_id: '5391001', body: '<p>Note</p>' } });
    await conforms(reply, 'post', '/conversations/31000/reply', { body: { message_type: 'comment', type: 'user', intercom_user_id: olivia, body: 'Thanks' } });
    await conforms(reply, 'post', '/conversations/1/reply', { body: { message_type: 'comment', type: 'admin', admin_id: '5391001', body: 'x' }, status: 404 });
    await conforms(parts, 'post', '/conversations/31000/parts', { body: { message_type: 'close', type: 'admin', admin_id: '5391001', body: 'Bye' } });
    await conforms(parts, 'post', '/conversations/31000/parts', { body: { message_type: 'snoozed', admin_id: '5391001', snoozed_until: NOW + 60 } });
    await conforms(parts, 'post', '/conversations/31000/parts', { body: { message_type: 'open', admin_id: '5391001' } });
    await conforms(parts, 'post', '/conversations/31000/parts', { body: { message_type: 'assignment', type: 'team', admin_id: '5391001', assignee_id: '7701' } });
    await conforms(parts, 'post', '/conversations/1/parts', { body: { message_type: 'open', admin_id: '5391001' }, status: 404 });
    await conforms('/conversations/{conversation_id}', 'get', '/conversations/31000?display_as=plaintext');
    sandbox.faults.set({ forbidPaths: ['/conversations'] });
    await conforms('/conversations/{conversation_id}', 'get', '/conversations/31000', { status: 403 });
    await conforms(reply, 'post', '/conversations/31000/reply', { body: { message_type: 'comment', type: 'admin', admin_id: '5391001', body: 'x' }, status: 403 });
  });

  it('teams, ticket types and tickets', async () => {
    await conforms('/teams', 'get', '/teams');
    await conforms('/teams/{team_id}', 'get', '/teams/7700');
    await conforms('/teams/{team_id}', 'get', '/teams/1', { status: 404 });
    for (const t of sandbox.state.ticketTypes) await conforms('/ticket_types/{ticket_type_id}', 'get', `/ticket_types/${t.id}`);
    const ticket = await conforms('/tickets', 'post', '/tickets', {
      body: { ticket_type_id: '4403', contacts: [{ email: 'contract.ticket@example.org' }], ticket_attributes: { _default_title_: 'Contract', 'Product area': 'area-mobile' }, conversation_to_link_id: '31000', assignment: { admin_assignee_id: '5391002' } },
    });
    await conforms('/tickets/{ticket_id}', 'get', `/tickets/${String(ticket.id)}`);
    const all = await conforms('/tickets/search', 'post', '/tickets/search', { body: { query: { field: 'created_at', operator: '>', value: 0 }, pagination: { per_page: 150 } } });
    expect(all.total_count).toBe(5);
    await conforms('/conversations/{conversation_id}', 'get', '/conversations/31000');
  });

  it('messages (200, 400, 422, 403) and events (202, no body)', async () => {
    const to = { type: 'user', id: contactId('aoife@larkspurlabs.dev') };
    const from = { type: 'admin', id: 5391001 };
    await conforms('/messages', 'post', '/messages', { body: { message_type: 'inapp', body: 'Hi', from, to } });
    await conforms('/messages', 'post', '/messages', { body: { message_type: 'email', subject: 'Hi', body: 'Hi', template: 'plain', from, to, create_conversation_without_contact_reply: true } });
    await conforms('/messages', 'post', '/messages', { body: { from: { type: 'user', id: to.id }, body: 'Help' } });
    await conforms('/messages', 'post', '/messages', { body: { message_type: 'inapp', body: null, from, to }, status: 400 });
    await conforms('/messages', 'post', '/messages', { body: { message_type: 'email', body: 'x', from, to }, status: 422 });
    const event = await call('POST', '/events', { event_name: 'contract-checked', created_at: NOW, id: to.id });
    expect(event).toMatchObject({ status: 202, json: undefined });
    sandbox.faults.set({ forbidPaths: ['/messages'] });
    await conforms('/messages', 'post', '/messages', { body: { message_type: 'inapp', body: 'Hi', from, to }, status: 403 });
  });

  it('GET /tags and GET /ticket_types', async () => {
    await conforms('/tags', 'get', '/tags');
    await conforms('/ticket_types', 'get', '/ticket_types');
  });

  it('conversations: every seeded conversation, and search', async () => {
    for (const c of sandbox.state.conversations) await conforms('/conversations/{conversation_id}', 'get', `/conversations/${c.id}`);
    await conforms('/conversations/{conversation_id}', 'get', '/conversations/1', { status: 404 });
    const found = await conforms('/conversations/search', 'post', '/conversations/search', {
      body: { query: { field: 'state', operator: 'IN', value: ['open', 'closed', 'snoozed'] }, pagination: { per_page: 150 } },
    });
    expect(found.total_count).toBe(sandbox.state.conversations.length);
  });

  it('errors: 401 with a wrong token', async () => {
    await conforms('/admins', 'get', '/admins', { status: 401, token: 'wrong' });
    await conforms('/contacts/search', 'post', '/contacts/search', { status: 401, token: 'wrong', body: { query: { field: 'email', operator: '=', value: 'x' } } });
  });
});
