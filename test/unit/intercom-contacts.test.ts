// @vitest-environment node
/** The worker's client for contacts and companies, against the sandbox over real HTTP. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import * as companies from '../../src/core/intercom/companies';
import * as contacts from '../../src/core/intercom/contacts';
import { collect } from '../../src/core/intercom/paginate';
import { createTag } from '../../src/core/intercom/tags';
import { calls, useSandbox } from './intercom-sandbox';

const env = useSandbox();

describe('contacts', () => {
  it('searches with nested AND/OR filters and walks every page of the answer', async () => {
    const http = env.client();
    const query = {
      operator: 'OR' as const,
      value: [
        { operator: 'AND' as const, value: [{ field: 'role', operator: '=' as const, value: 'user' }, { field: 'email', operator: '$' as const, value: 'northwind-analytics.com' }] },
        { field: 'role', operator: '=' as const, value: 'lead' },
      ],
    };
    const pages: number[] = [];
    const all: string[] = [];
    for await (const page of contacts.searchContacts(http, query, { perPage: 4, sort: { field: 'name', order: 'ascending' } })) {
      pages.push(page.length);
      all.push(...page.map((c) => c.id));
    }
    const expected = env.sandbox.state.contacts.filter(
      (c) => c.role === 'lead' || (c.role === 'user' && (c.email ?? '').endsWith('northwind-analytics.com')),
    );
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(expected.length);
    expect(pages.length).toBe(Math.ceil(expected.length / 4));
    expect(calls(env.sandbox, 'POST', '/contacts/search')).toHaveLength(pages.length);
  });

  it('creates a user and a lead, updates fields, and turns the lead into a user', async () => {
    const http = env.client();
    const user = await contacts.createContact(http, { role: 'user', email: 'new.user@example.org', name: 'New User', external_id: 'ext-1' });
    expect(user).toMatchObject({ role: 'user', email: 'new.user@example.org', name: 'New User' });
    const lead = await contacts.createLead(http, 'new.lead@example.org', 'New Lead');
    expect(lead.role).toBe('lead');
    const updated = await contacts.updateContact(http, lead.id, { name: 'Renamed Lead', phone: '+44 20 7946 0000' });
    expect(updated).toMatchObject({ name: 'Renamed Lead', phone: '+44 20 7946 0000' });
    const converted = await contacts.convertLeadToUser(http, lead.id);
    expect(converted).toMatchObject({ id: lead.id, role: 'user' });
    expect((await contacts.getContact(http, lead.id)).role).toBe('user');
  });

  it('merges a lead into a user, and a later look at the lead follows the merge', async () => {
    const http = env.client();
    const user = await contacts.createContact(http, { role: 'user', email: 'merge.target@example.org' });
    const lead = await contacts.createLead(http, 'merge.source@example.org');
    const merged = await contacts.mergeLeadIntoUser(http, lead.id, user.id);
    expect(merged.id).toBe(user.id);
    expect((await contacts.getContact(http, lead.id)).id).toBe(user.id);
    const direct = await contacts.getContact(http, lead.id, false).catch((e: unknown) => e);
    expect((direct as AppError).info).toMatchObject({ code: 'gone', status: 410, canonicalId: user.id });
  });

  it('deletes a contact', async () => {
    const http = env.client();
    const lead = await contacts.createLead(http, 'short.lived@example.org');
    expect(await contacts.deleteContact(http, lead.id)).toMatchObject({ id: lead.id, deleted: true });
    const err = await contacts.getContact(http, lead.id).catch((e: unknown) => e);
    expect((err as AppError).info.code).toBe('not_found');
  });

  it('tags and untags a contact, and lists its tags', async () => {
    const http = env.client();
    const [c] = env.sandbox.state.contacts;
    const tag = await createTag(http, 'Renewal risk (test)');
    expect(await createTag(http, 'Renewal risk (test)')).toEqual(tag); // create-or-find: no duplicate
    await contacts.tagContact(http, c!.id, tag.id);
    expect((await contacts.contactTags(http, c!.id)).map((t) => t.id)).toContain(tag.id);
    await contacts.untagContact(http, c!.id, tag);
    expect((await contacts.contactTags(http, c!.id)).map((t) => t.id)).not.toContain(tag.id);
  });

  it('adds a note as an admin and lists it', async () => {
    const http = env.client();
    const [c] = env.sandbox.state.contacts;
    const admin = env.sandbox.state.meAdminId;
    const note = await contacts.addNote(http, c!.id, 'Called about the renewal; follow up Friday.', admin);
    expect(note.id).toBeTruthy();
    const notes = await collect(contacts.contactNotes(http, c!.id));
    expect(notes.some((n) => n.id === note.id && contacts.sameText(n.body, 'Called about the renewal; follow up Friday.'))).toBe(true);
  });
});

describe('companies', () => {
  it('creates or updates by company_id: the same company, not a second one', async () => {
    const http = env.client();
    const a = await companies.upsertCompany(http, { company_id: 'globex-1', name: 'Globex', plan: 'Pro', size: 120 });
    const b = await companies.upsertCompany(http, { company_id: 'globex-1', name: 'Globex Corporation' });
    expect(b.id).toBe(a.id);
    expect((await companies.getCompany(http, a.id)).name).toBe('Globex Corporation');
  });

  it('finds by exact name or company_id (one company or a list), and none as an empty list', async () => {
    const http = env.client();
    const seeded = env.sandbox.state.companies[0]!;
    expect((await companies.findCompanies(http, { name: seeded.name })).map((c) => c.id)).toEqual([seeded.id]);
    expect((await companies.findCompanies(http, { company_id: seeded.company_id })).map((c) => c.id)).toEqual([seeded.id]);
    expect(await companies.findCompanies(http, { name: 'No Such Company Ltd' })).toEqual([]);
  });

  it('lists every company across pages', async () => {
    const http = env.client();
    // Intercom lists only companies with at least one user, so each new company gets one.
    const user = env.sandbox.state.contacts.find((c) => c.role === 'user')!;
    for (let i = 0; i < 70; i++) {
      const company = await companies.upsertCompany(http, { company_id: `bulk-${i}`, name: `Bulk ${i}` });
      await companies.attachContact(http, user.id, company.id);
    }
    const all = await collect(companies.listCompanies(http));
    expect(new Set(all.map((c) => c.id)).size).toBe(env.sandbox.state.companies.length);
    expect(calls(env.sandbox, 'POST', '/companies/list').length).toBeGreaterThan(1);
  });

  it('attaches a contact to a company and detaches it', async () => {
    const http = env.client();
    const lead = await contacts.createLead(http, 'joins.company@example.org');
    const company = env.sandbox.state.companies[1]!;
    await companies.attachContact(http, lead.id, company.id);
    expect((await companies.contactCompanies(http, lead.id)).map((c) => c.id)).toEqual([company.id]);
    const [attached] = await companies.contactCompanies(http, lead.id);
    await companies.detachContact(http, lead.id, attached!);
    expect(await companies.contactCompanies(http, lead.id)).toEqual([]);
  });
});
