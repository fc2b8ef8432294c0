// @vitest-environment node
/** Contacts in the sandbox: lead → user, delete, merge (and 410 afterwards), tags, notes and companies kept in sync. */
import { describe, expect, it } from 'vitest';
import { contactsByEmail } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { sandboxPerFile } from './intercom-sandbox';
import { apiOf, errorOf, ok } from '../sandbox/testing';

let sandbox: Sandbox;
const api = apiOf(() => sandbox);

sandboxPerFile((s) => (sandbox = s));

type ContactJson = { id: string; role: string; email: string; external_id: string | null; tags: RefList; notes: RefList; companies: RefList; custom_attributes: Record<string, unknown> };
type RefList = { type: string; data: { type: string; id: string; url: string }[]; total_count: number; has_more: boolean };

const user = (email: string) => contactsByEmail(sandbox.state, email).find((c) => c.role === 'user')?.id ?? '';
const lead = (email: string) => contactsByEmail(sandbox.state, email).find((c) => c.role === 'lead')?.id ?? '';
const getContact = async (id: string) => ok<ContactJson>(await api(`/contacts/${id}`));

describe('PUT /contacts/{id}: lead → user', () => {
  it('needs an email or an external_id for the user, then converts', async () => {
    const created = await ok<ContactJson>(await api('/contacts', { body: { role: 'lead', name: 'Anonymous Visitor' } }));
    expect(created).toMatchObject({ role: 'lead', email: '' });
    expect(await errorOf(await api(`/contacts/${created.id}`, { method: 'PUT', body: { role: 'user' } }))).toMatchObject({ status: 400, code: 'parameter_invalid', field: 'role' });
    expect((await getContact(created.id)).role).toBe('lead');
    const converted = await ok<ContactJson>(await api(`/contacts/${created.id}`, { method: 'PUT', body: { role: 'user', external_id: 'crm-7731' } }));
    expect(converted).toMatchObject({ id: created.id, role: 'user', external_id: 'crm-7731' });
    expect(await getContact(created.id)).toMatchObject({ role: 'user', external_id: 'crm-7731' });
  });

  it('refuses a conversion that would duplicate a user, and a user → lead', async () => {
    const jordanLead = lead('jordan.ellis@canopyhealth.org');
    const jordanUser = user('jordan.ellis@canopyhealth.org');
    expect(await errorOf(await api(`/contacts/${jordanLead}`, { method: 'PUT', body: { role: 'user' } }))).toMatchObject({
      status: 409,
      code: 'conflict',
      message: `A contact matching those details already exists with id=${jordanUser}`,
    });
    expect(await errorOf(await api(`/contacts/${jordanUser}`, { method: 'PUT', body: { role: 'lead' } }))).toMatchObject({ status: 400, field: 'role' });
  });
});

describe('DELETE /contacts/{id}', () => {
  it('answers the deleted reference; the contact is gone from reads and searches', async () => {
    const id = user('kwame.mensah@example.org');
    const deleted = await ok(await api(`/contacts/${id}`, { method: 'DELETE' }));
    expect(deleted).toEqual({ type: 'contact', id, external_id: expect.stringMatching(/^usr_\d+$/), deleted: true });
    expect(await errorOf(await api(`/contacts/${id}`))).toMatchObject({ status: 404, code: 'not_found', message: 'User Not Found' });
    const found = await ok<{ total_count: number }>(await api('/contacts/search', { body: { query: { field: 'id', operator: '=', value: id } } }));
    expect(found.total_count).toBe(0);
    expect(await errorOf(await api(`/contacts/${id}`, { method: 'DELETE' }))).toMatchObject({ status: 404 });
  });
});

describe('POST /contacts/merge', () => {
  it('merges a lead into a user: the user takes its data, the lead id answers 410 with a canonical Link', async () => {
    const from = lead('jordan.ellis@canopyhealth.org');
    const into = user('jordan.ellis@canopyhealth.org');
    const leadConversation = sandbox.state.conversations.find((c) => c.contact_ids.includes(from));
    await ok(await api(`/contacts/${from}/tags`, { body: { id: '8120006' } }));
    const merged = await ok<ContactJson>(await api('/contacts/merge', { body: { from, into } }));
    expect(merged).toMatchObject({ type: 'contact', id: into, role: 'user' });
    expect(merged.tags.data.map((t) => t.id)).toContain('8120006');

    const gone = await api(`/contacts/${from}`);
    expect(gone.headers.get('link')).toBe(`<${sandbox.url}/contacts/${into}>; rel="canonical"`);
    expect(await errorOf(gone)).toMatchObject({ status: 410, code: 'contact_merged' });
    expect((await api(`/contacts/${from}/tags`)).status).toBe(410);
    const search = await ok<{ data: { id: string }[] }>(await api('/contacts/search', { body: { query: { field: 'email', operator: '=', value: 'jordan.ellis@canopyhealth.org' } } }));
    expect(search.data.map((c) => c.id)).toEqual([into]);
    expect(sandbox.state.conversations.find((c) => c.id === leadConversation?.id)?.contact_ids).toEqual([into]);
    expect(sandbox.state.merged).toEqual({ [from]: into });
  });

  it('only merges a lead into a user, and knows neither unknown nor merged-away ids', async () => {
    const aLead = lead('jordan.ellis@canopyhealth.org');
    const aUser = user('grace.thompson@canopyhealth.org');
    const other = user('lena.fischer@brightline.io');
    expect(await errorOf(await api('/contacts/merge', { body: { from: aUser, into: other } }))).toMatchObject({ status: 400, code: 'parameter_invalid', field: 'from' });
    expect(await errorOf(await api('/contacts/merge', { body: { from: aLead, into: aLead } }))).toMatchObject({ status: 400, field: 'into' });
    expect(await errorOf(await api('/contacts/merge', { body: { from: aLead } }))).toMatchObject({ status: 400, code: 'parameter_not_found', field: 'into' });
    expect(await errorOf(await api('/contacts/merge', { body: { from: '000000000000000000000000', into: aUser } }))).toMatchObject({ status: 404, message: 'User Not Found' });
    await ok(await api('/contacts/merge', { body: { from: aLead, into: aUser } }));
    expect(await errorOf(await api('/contacts/merge', { body: { from: aLead, into: aUser } }))).toMatchObject({ status: 404 });
  });

  it('with mergedContactStatus 404 a merged id answers like the description says: 404, no Link', async () => {
    const from = lead('jordan.ellis@canopyhealth.org');
    await ok(await api('/contacts/merge', { body: { from, into: user('jordan.ellis@canopyhealth.org') } }));
    sandbox.faults.set({ mergedContactStatus: 404 });
    const res = await api(`/contacts/${from}`);
    expect(res.headers.get('link')).toBeNull();
    expect(await errorOf(res)).toMatchObject({ status: 404, code: 'not_found', message: 'User Not Found' });
  });
});

describe("a contact's tags", () => {
  it('attach answers the applied tag once; the contact and its tag list follow; detach undoes it', async () => {
    const id = user('aoife@larkspurlabs.dev');
    const before = (await getContact(id)).tags.total_count;
    const tag = await ok(await api(`/contacts/${id}/tags`, { body: { id: '8120001' } }));
    expect(tag).toMatchObject({ type: 'tag', id: '8120001', name: 'VIP', applied_by: { type: 'admin', id: sandbox.state.meAdminId } });
    expect(typeof tag.applied_at).toBe('number');
    await ok(await api(`/contacts/${id}/tags`, { body: { id: 8120001 } })); // ids as numbers, like Intercom's examples
    const contact = await getContact(id);
    expect(contact.tags.total_count).toBe(before + 1);
    expect(contact.tags.data).toContainEqual({ type: 'tag', id: '8120001', url: '/tags/8120001' });
    const list = await ok<{ data: { id: string }[] }>(await api(`/contacts/${id}/tags`));
    expect(list.data.filter((t) => t.id === '8120001')).toHaveLength(1);

    expect(await ok(await api(`/contacts/${id}/tags/8120001`, { method: 'DELETE' }))).toMatchObject({ type: 'tag', id: '8120001', name: 'VIP' });
    expect((await getContact(id)).tags.total_count).toBe(before);
  });

  it('404s for an unknown tag or contact, 400 without an id', async () => {
    const id = user('aoife@larkspurlabs.dev');
    expect(await errorOf(await api(`/contacts/${id}/tags`, { body: { id: '999' } }))).toMatchObject({ status: 404, code: 'not_found', message: 'Resource Not Found' });
    expect(await errorOf(await api('/contacts/nope/tags', { body: { id: '8120001' } }))).toMatchObject({ status: 404, message: 'User Not Found' });
    expect(await errorOf(await api(`/contacts/${id}/tags`, { body: {} }))).toMatchObject({ status: 400, code: 'parameter_not_found', field: 'id' });
    expect(await errorOf(await api(`/contacts/${id}/tags/999`, { method: 'DELETE' }))).toMatchObject({ status: 404 });
  });
});

describe("a contact's notes", () => {
  it('creates HTML notes by an admin; lists them newest first, paged; the contact counts them', async () => {
    const id = user('olivia.bennett@northwind-analytics.com');
    const seeded = (await getContact(id)).notes.total_count;
    expect(seeded).toBe(2);
    const note = await ok(await api(`/contacts/${id}/notes`, { body: { body: 'Asked for a <b>quote</b>', admin_id: '5391002' } }));
    expect(note).toMatchObject({ type: 'note', contact: { type: 'contact', id }, author: { type: 'admin', id: '5391002', name: 'Marcus Chen' }, body: '<p>Asked for a <b>quote</b></p>' });
    const plain = await ok(await api(`/contacts/${id}/notes`, { body: { body: 'Called back & agreed' } }));
    expect(plain).toMatchObject({ author: { id: sandbox.state.meAdminId }, body: '<p>Called back &amp; agreed</p>' });

    const all = await ok<{ data: { id: string }[]; total_count: number; pages: object }>(await api(`/contacts/${id}/notes`));
    expect(all.total_count).toBe(seeded + 2);
    expect(all.data[0]?.id).toBe(plain.id);
    const page2 = await ok<{ data: { id: string }[]; pages: object }>(await api(`/contacts/${id}/notes?per_page=3&page=2`));
    expect(page2.data.map((n) => n.id)).toEqual(all.data.slice(3).map((n) => n.id));
    expect(page2.pages).toEqual({ type: 'pages', next: null, page: 2, per_page: 3, total_pages: 2 });
    expect((await getContact(id)).notes).toMatchObject({ total_count: seeded + 2, data: expect.arrayContaining([{ type: 'note', id: note.id, url: `/notes/${String(note.id)}` }]) });
  });

  it('refuses an unknown admin (404 Resource Not Found), an empty body (400) and an unknown contact', async () => {
    const id = user('olivia.bennett@northwind-analytics.com');
    expect(await errorOf(await api(`/contacts/${id}/notes`, { body: { body: 'x', admin_id: 123 } }))).toMatchObject({ status: 404, code: 'not_found', message: 'Resource Not Found' });
    expect(await errorOf(await api(`/contacts/${id}/notes`, { body: { body: '  ' } }))).toMatchObject({ status: 400, code: 'parameter_not_found', field: 'body' });
    expect(await errorOf(await api('/contacts/123/notes'))).toMatchObject({ status: 404, message: 'User Not Found' });
    expect(sandbox.state.notes).toHaveLength(3);
  });
});

describe("a contact's companies", () => {
  it('attach/detach answer the company and keep the contact, the company and its contact list in sync', async () => {
    const id = user('kwame.mensah@example.org');
    const larkspur = sandbox.state.companies.find((c) => c.name === 'Larkspur Labs');
    const cid = larkspur?.id ?? '';
    const before = (await ok<{ user_count: number }>(await api(`/companies/${cid}`))).user_count;
    const attached = await ok<{ type: string; id: string; user_count: number }>(await api(`/contacts/${id}/companies`, { body: { id: cid } }));
    expect(attached).toMatchObject({ type: 'company', id: cid, name: 'Larkspur Labs', user_count: before + 1 });
    await ok(await api(`/contacts/${id}/companies`, { body: { id: cid } }));
    expect((await getContact(id)).companies.data.filter((c) => c.id === cid)).toHaveLength(1);
    const members = await ok<{ data: { id: string }[]; total_count: number }>(await api(`/companies/${cid}/contacts`));
    expect(members.data.map((c) => c.id)).toContain(id);

    const detached = await ok<{ user_count: number }>(await api(`/contacts/${id}/companies/${cid}`, { method: 'DELETE' }));
    expect(detached).toMatchObject({ id: cid, user_count: before });
    expect((await getContact(id)).companies.data.map((c) => c.id)).not.toContain(cid);
  });

  it('400 without a company, 404 company_not_found for an unknown one', async () => {
    const id = user('kwame.mensah@example.org');
    expect(await errorOf(await api(`/contacts/${id}/companies`, { body: {} }))).toMatchObject({ status: 400, code: 'parameter_not_found', message: 'company not specified' });
    expect(await errorOf(await api(`/contacts/${id}/companies`, { body: { id: '123' } }))).toMatchObject({ status: 404, code: 'company_not_found', message: 'Company Not Found' });
    expect(await errorOf(await api(`/contacts/${id}/companies/123`, { method: 'DELETE' }))).toMatchObject({ status: 404, code: 'company_not_found' });
  });
});
