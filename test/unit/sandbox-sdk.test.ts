// @vitest-environment node
/**
 * Fidelity: Intercom's own SDK (intercom-client 7, generated from the 2.14 description) talks to the
 * sandbox as if it were api.intercom.io, and gets the seeded data back. Contacts and admins here; the
 * other resources in sandbox-sdk-resources.test.ts.
 */
import { Intercom, IntercomClient, IntercomError } from 'intercom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, SANDBOX_APP_ID, SANDBOX_TOKEN } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;
let client: IntercomClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new IntercomClient({ token: SANDBOX_TOKEN, baseUrl: sandbox.url, maxRetries: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

const byEmail = (email: string) => sandbox.state.contacts.find((c) => c.email === email && c.role === 'user');

describe('intercom-client 7 against the sandbox', () => {
  it('admins.identify() → GET /me with the app, sending Intercom-Version 2.14 and the bearer token', async () => {
    const me = await client.admins.identify();
    expect(me).toMatchObject({ type: 'admin', name: 'Priya Raman', app: { type: 'app', id_code: SANDBOX_APP_ID, name: 'Acme Support (sandbox)' } });
    const [req] = sandbox.requests;
    expect(req).toMatchObject({ method: 'GET', path: '/me', status: 200, intercomVersion: '2.14' });
    expect(req?.headers.authorization).toBe(`Bearer ${SANDBOX_TOKEN}`);
  });

  it('contacts.search with an IN filter finds the known demo emails and nothing else', async () => {
    const emails = [...DEMO_EMAILS.known, ...DEMO_EMAILS.unknown];
    const page = await client.contacts.search({
      query: { field: 'email', operator: 'IN', value: emails },
      pagination: { per_page: 150 },
    });
    const found = new Set(page.data.map((c) => c.email));
    expect([...found].sort()).toEqual([...DEMO_EMAILS.known].sort());
    expect(page.data).toHaveLength(DEMO_EMAILS.known.length + 1); // jordan.ellis is a user and a lead
    expect(sandbox.requests[0]?.body).toEqual({ query: { field: 'email', operator: 'IN', value: emails }, pagination: { per_page: 150 } });
  });

  it("the SDK's async iterator follows pages.next.starting_after to the end", async () => {
    const page = await client.contacts.search({ query: { field: 'role', operator: '=', value: 'user' }, pagination: { per_page: 7 } });
    const ids: string[] = [];
    for await (const contact of page) ids.push(contact.id);
    const users = sandbox.state.contacts.filter((c) => c.role === 'user');
    expect(ids).toHaveLength(users.length);
    expect(new Set(ids)).toEqual(new Set(users.map((c) => c.id)));
    expect(sandbox.requests.length).toBe(Math.ceil(users.length / 7));
  });

  it('contacts.find returns the full contact', async () => {
    const seeded = byEmail('lena.fischer@brightline.io');
    const contact = await client.contacts.find({ contact_id: seeded?.id ?? '' });
    expect(contact).toMatchObject({
      type: 'contact',
      id: seeded?.id,
      name: 'Lena Fischer',
      role: 'user',
      email_domain: 'brightline.io',
      location: { type: 'location', city: 'Hamburg', country: 'Germany' },
      custom_attributes: { plan: 'growth', signup_source: 'webinar' },
      tags: { type: 'list', total_count: 2 },
      companies: { type: 'list', total_count: 1 },
    });
  });

  it('contacts.create makes a lead that is then searchable and readable', async () => {
    const created = await client.contacts.create({ role: 'lead', email: 'newperson@example.org', name: 'New Person' });
    expect(created).toMatchObject({ type: 'contact', role: 'lead', email: 'newperson@example.org', name: 'New Person', external_id: null });
    const again = await client.contacts.find({ contact_id: created.id });
    expect(again.name).toBe('New Person');
    const page = await client.contacts.search({ query: { field: 'email', operator: '=', value: 'NewPerson@example.org' } });
    expect(page.data.map((c) => c.id)).toEqual([created.id]);
  });

  it('contacts.create of a user with an existing email fails with 409 conflict', async () => {
    const existing = byEmail('grace.thompson@canopyhealth.org');
    const err = await client.contacts.create({ role: 'user', email: 'Grace.Thompson@canopyhealth.org' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntercomError);
    const e = err as IntercomError;
    expect(e.statusCode).toBe(409);
    expect(e.body).toMatchObject({ type: 'error.list', errors: [{ code: 'conflict', message: `A contact matching those details already exists with id=${existing?.id}` }] });
  });

  it('contacts.update changes fields and merges custom attributes', async () => {
    const seeded = byEmail('aoife@larkspurlabs.dev');
    const updated = await client.contacts.update({ contact_id: seeded?.id ?? '', name: 'Aoife Byrne-Walsh', custom_attributes: { plan: 'growth' } });
    expect(updated).toMatchObject({ name: 'Aoife Byrne-Walsh', custom_attributes: { plan: 'growth', signup_source: 'website' } });
    expect(updated.updated_at).toBeGreaterThan(seeded?.created_at ?? Infinity);
    expect((await client.contacts.find({ contact_id: seeded?.id ?? '' })).name).toBe('Aoife Byrne-Walsh');
  });

  it('contacts.update turns a lead into a user; contacts.delete removes it', async () => {
    const lead = await client.contacts.create({ role: 'lead', name: 'Trial Visitor' });
    const user = await client.contacts.update({ contact_id: lead.id, role: 'user', email: 'trial.visitor@example.org' });
    expect(user).toMatchObject({ id: lead.id, role: 'user', email: 'trial.visitor@example.org' });
    const deleted = await client.contacts.delete({ contact_id: lead.id });
    expect(deleted).toEqual({ type: 'contact', id: lead.id, external_id: null, deleted: true });
    const err = await client.contacts.find({ contact_id: lead.id }).catch((e: unknown) => e);
    expect((err as IntercomError).statusCode).toBe(404);
  });

  it('contacts.mergeLeadInUser answers the user; the lead id then gives a 410 with the canonical Link', async () => {
    const lead = sandbox.state.contacts.find((c) => c.email === 'jordan.ellis@canopyhealth.org' && c.role === 'lead');
    const user = byEmail('jordan.ellis@canopyhealth.org');
    const merged = await client.contacts.mergeLeadInUser({ from: lead?.id ?? '', into: user?.id ?? '' });
    expect(merged).toMatchObject({ type: 'contact', id: user?.id, role: 'user' });
    const err = await client.contacts.find({ contact_id: lead?.id ?? '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntercomError);
    const e = err as IntercomError;
    expect(e.statusCode).toBe(410);
    expect(e.body).toMatchObject({ type: 'error.list', errors: [{ code: 'contact_merged' }] });
    expect(e.rawResponse?.headers.get('link')).toBe(`<${sandbox.url}/contacts/${user?.id}>; rel="canonical"`);
  });

  it('tags.tagContact / untagContact and contacts.listAttachedTags', async () => {
    const id = byEmail('aoife@larkspurlabs.dev')?.id ?? '';
    const tag = await client.tags.tagContact({ contact_id: id, id: '8120001' });
    expect(tag).toMatchObject({ type: 'tag', id: '8120001', name: 'VIP', applied_by: { type: 'admin', id: '5391001' } });
    expect((await client.contacts.listAttachedTags({ contact_id: id })).data?.map((t) => t.name)).toEqual(['Beta tester', 'VIP']);
    expect(await client.tags.untagContact({ contact_id: id, tag_id: '8120001' })).toMatchObject({ id: '8120001', name: 'VIP' });
    expect((await client.contacts.listAttachedTags({ contact_id: id })).data?.map((t) => t.name)).toEqual(['Beta tester']);
    const missing = await client.tags.tagContact({ contact_id: id, id: '404' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Intercom.NotFoundError);
  });

  it('notes.create and notes.list (paged by the SDK to the end)', async () => {
    const id = byEmail('olivia.bennett@northwind-analytics.com')?.id ?? '';
    const note = await client.notes.create({ contact_id: id, body: 'Sent the SSO fix timeline', admin_id: '5391002' });
    expect(note).toMatchObject({ type: 'note', body: '<p>Sent the SSO fix timeline</p>', contact: { id }, author: { type: 'admin', id: '5391002', name: 'Marcus Chen' } });
    const bodies: string[] = [];
    for await (const n of await client.notes.list({ contact_id: id, per_page: 2 })) bodies.push(n.body ?? '');
    expect(bodies).toEqual(['<p>Sent the SSO fix timeline</p>', '<p>Renewal call booked for 12 June. Wants the SSO issue fixed first.</p>', '<p>Prefers email over calls.</p>']);
    expect((await client.contacts.find({ contact_id: id })).notes).toMatchObject({ total_count: 3 });
  });

  it('companies.attachContact / detachContact and contacts.listAttachedCompanies', async () => {
    const id = byEmail('kwame.mensah@example.org')?.id ?? '';
    const quill = sandbox.state.companies.find((c) => c.name === 'Quillfeather Books');
    const attached = await client.companies.attachContact({ contact_id: id, id: quill?.id ?? '' });
    expect(attached).toMatchObject({ type: 'company', id: quill?.id, name: 'Quillfeather Books' });
    const names: string[] = [];
    for await (const c of await client.contacts.listAttachedCompanies({ contact_id: id })) names.push(c.name ?? '');
    expect(names).toEqual(['Quillfeather Books']);
    expect(await client.companies.detachContact({ contact_id: id, company_id: quill?.id ?? '' })).toMatchObject({ id: quill?.id });
    expect((await client.contacts.find({ contact_id: id })).companies).toMatchObject({ total_count: 0 });
  });

  it('contacts.listAttachedCompanies returns the contact’s company', async () => {
    const seeded = byEmail('olivia.bennett@northwind-analytics.com');
    const page = await client.contacts.listAttachedCompanies({ contact_id: seeded?.id ?? '' });
    expect(page.data.map((c) => c.name)).toEqual(['Northwind Analytics']);
    expect(page.data[0]).toMatchObject({ type: 'company', company_id: 'acct-1001', website: 'https://www.northwind-analytics.com', industry: 'Software' });
  });

  it('companies.find and companies.list', async () => {
    const seeded = sandbox.state.companies.find((c) => c.name === 'Canopy Health');
    const company = await client.companies.find({ company_id: seeded?.id ?? '' });
    expect(company).toMatchObject({ type: 'company', name: 'Canopy Health', plan: { name: 'Enterprise' }, user_count: 4, monthly_spend: 7900 });
    const names: string[] = [];
    for await (const c of await client.companies.list({ per_page: 4 })) names.push(c.name);
    expect(names.sort()).toEqual(sandbox.state.companies.map((c) => c.name).sort());
  });

  it('tags.list and ticketTypes.list', async () => {
    const tags = await client.tags.list();
    expect(tags.data?.map((t) => t.name)).toEqual(['VIP', 'Churn risk', 'Beta tester', 'Enterprise trial', 'Newsletter', 'Needs onboarding', 'Partner', 'Billing issue']);
    const types = await client.ticketTypes.list();
    expect(types.data?.map((t) => t?.name)).toEqual(['Bug report', 'Billing question', 'Feature request']);
    expect(types.data?.[0]?.ticket_type_attributes?.ticket_type_attributes?.map((a) => a?.name)).toContain('Severity');
  });

  it('conversations.search and conversations.find', async () => {
    const olivia = byEmail('olivia.bennett@northwind-analytics.com');
    const page = await client.conversations.search({
      query: { operator: 'AND', value: [{ field: 'contact_ids', operator: '=', value: olivia?.id ?? '' }, { field: 'state', operator: '=', value: 'open' }] },
    });
    expect(page.data.map((c) => c.title)).toEqual(['SSO login loop after password reset']);
    const conversation = await client.conversations.find({ conversation_id: page.data[0]?.id ?? '' });
    expect(conversation).toMatchObject({ type: 'conversation', state: 'open', admin_assignee_id: 5391001, contacts: { contacts: [{ id: olivia?.id }] } });
    expect(conversation.conversation_parts?.conversation_parts?.some((p) => p.part_type === 'comment')).toBe(true);
  });

  it('a wrong token makes the SDK throw its UnauthorizedError', async () => {
    const bad = new IntercomClient({ token: 'not-the-token', baseUrl: sandbox.url, maxRetries: 0 });
    const err = await bad.tags.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Intercom.UnauthorizedError);
    expect((err as Intercom.UnauthorizedError).statusCode).toBe(401);
    expect((err as Intercom.UnauthorizedError).body).toMatchObject({ type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] });
    // GET /me has no 401 in the description, so the SDK throws its base error there (same status and body).
    const me = await bad.admins.identify().catch((e: unknown) => e);
    expect(me).toBeInstanceOf(IntercomError);
    expect((me as IntercomError).statusCode).toBe(401);
    expect(sandbox.requests.map((r) => [r.path, r.status])).toEqual([['/tags', 401], ['/me', 401]]);
  });

  it('an unknown contact id is a 404 not_found "User Not Found"', async () => {
    const err = await client.contacts.find({ contact_id: '000000000000000000000000' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntercomError);
    expect((err as IntercomError).statusCode).toBe(404);
    expect((err as IntercomError).body).toMatchObject({ errors: [{ code: 'not_found', message: 'User Not Found' }] });
  });

  it('the SDK honours Retry-After on an injected 429 and retries once', async () => {
    const retrying = new IntercomClient({ token: SANDBOX_TOKEN, baseUrl: sandbox.url, maxRetries: 1 });
    sandbox.faults.set({ failNext: { count: 1, status: 429, path: '/tags' } });
    const tags = await retrying.tags.list();
    expect(tags.data).toHaveLength(8);
    expect(sandbox.requests.map((r) => r.status)).toEqual([429, 200]);
  });
});
