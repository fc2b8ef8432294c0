// @vitest-environment node
/**
 * The card's fuller picture against the sandbox (issue 14): registrable domains, people at a domain, a company's
 * card, people and edit, a contact's notes, conversations by state, data events, tickets with their detail, and
 * segments — each list walked page by page with the cursor the worker hands out.
 */
import { describe, expect, it } from 'vitest';
import { resultAfterVerify, runAction } from '../../src/core/actions';
import { eventsCursor, listEvents } from '../../src/core/intercom/events';
import { Lookup } from '../../src/core/intercom/lookup';
import {
  companyCard,
  companyPeople,
  conversationsOf,
  eventsOf,
  notesOfContact,
  PAGE_SIZE,
  segmentsOf,
  sitePeople,
  ticketDetail,
  ticketsOf,
} from '../../src/core/picture';
import type { Session } from '../../src/core/session';
import { isFreeMail, registrableDomain } from '../../src/protocol/site';
import type { Page } from '../../src/protocol/picture';
import { seedHistory } from '../sandbox/seed-picture';
import { calls, useSandbox } from './intercom-sandbox';

const env = useSandbox();

function session(): Session {
  const http = env.client();
  return { http, lookup: new Lookup(http) };
}
const user = (email: string) => env.sandbox.state.contacts.find((c) => c.email === email && c.role === 'user')!;
const now = () => Math.floor(Date.now() / 1000);

/** Every page of a list, following `next` as the panel's "Show more" does. */
async function walk<T>(read: (cursor?: string) => Promise<Page<T>>): Promise<{ pages: T[][]; all: T[] }> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const p = await read(cursor);
    pages.push(p.items);
    if (!p.next) break;
    cursor = p.next;
  }
  return { pages, all: pages.flat() };
}

describe('registrable domain', () => {
  it('keeps the organisation’s part of a host, with two-part public suffixes', () => {
    expect(registrableDomain('github.com')).toBe('github.com');
    expect(registrableDomain('www.github.com')).toBe('github.com');
    expect(registrableDomain('app.eu.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('shop.acme.com.au')).toBe('acme.com.au');
    expect(registrableDomain('www.example.co.jp')).toBe('example.co.jp');
    expect(registrableDomain('loja.acme.com.br')).toBe('acme.com.br');
    expect(registrableDomain('octocat.github.io')).toBe('octocat.github.io');
    expect(registrableDomain('co.uk')).toBeNull();
    expect(registrableDomain('127.0.0.1')).toBeNull();
    expect(registrableDomain('localhost')).toBeNull();
    expect(registrableDomain('intranet.corp')).toBeNull();
  });

  it('knows the free-mail domains', () => {
    for (const d of ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de', 'web.de', 'yandex.ru', 'qq.com']) {
      expect(isFreeMail(d)).toBe(true);
    }
    expect(isFreeMail('northwind-analytics.com')).toBe(false);
  });
});

describe('people at a site', () => {
  it('finds everyone at the tab’s registrable domain through email_domain, page by page', async () => {
    const s = session();
    const { pages, all } = await walk((c) => sitePeople(s, 'northwind-analytics.com', c));
    const expected = env.sandbox.state.contacts.filter((c) => c.email?.endsWith('@northwind-analytics.com'));
    expect(all.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(pages[0]).toHaveLength(PAGE_SIZE.people);
    expect(pages.length).toBe(Math.ceil(expected.length / PAGE_SIZE.people));
    const search = calls(env.sandbox, 'POST', '/contacts/search')[0]!.body as { query: unknown };
    expect(search.query).toEqual({ field: 'email_domain', operator: '=', value: 'northwind-analytics.com' });
    // Their companies come with them, named.
    expect(all.find((c) => c.email === 'olivia.bennett@northwind-analytics.com')?.companies.map((c) => c.name)).toEqual(['Northwind Analytics']);
  });

  it('answers an empty page for a domain nobody is at', async () => {
    expect(await sitePeople(session(), 'nobody-here.example.org')).toEqual({ items: [], next: null });
  });
});

describe('company card', () => {
  const northwind = () => env.sandbox.state.companies.find((c) => c.company_id === 'acct-1001')!;

  it('shows plan, size, industry, spend, users, website, custom attributes and tags', async () => {
    const view = await companyCard(session(), northwind().id);
    expect(view).toMatchObject({
      name: 'Northwind Analytics',
      plan: 'Enterprise',
      size: 850,
      industry: 'Software',
      monthlySpend: 4200,
      userCount: env.sandbox.state.contacts.filter((c) => c.role === 'user' && c.company_ids.includes(northwind().id)).length,
      tags: [{ name: 'VIP' }],
    });
    expect(view.customAttributes).toMatchObject(northwind().custom_attributes);
    expect(view.url).toContain(`/companies/${northwind().id}`);
  });

  it('lists its people a page at a time', async () => {
    const s = session();
    const { pages, all } = await walk((c) => companyPeople(s, northwind().id, c));
    const expected = env.sandbox.state.contacts.filter((c) => c.company_ids.includes(northwind().id));
    expect(all.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(pages.length).toBe(Math.ceil(expected.length / PAGE_SIZE.people));
  });

  it('edits standard fields and custom attributes through POST /companies by company_id, once', async () => {
    const s = session();
    const result = await runAction(s, env.sandbox.state.meAdminId, {
      kind: 'company.update',
      companyId: northwind().id,
      plan: 'Growth',
      monthlySpend: 5100,
      website: 'https://northwind-analytics.com',
      customAttributes: { health_score: 71 },
    });
    expect(result.companyView).toMatchObject({ plan: 'Growth', monthlySpend: 5100, website: 'https://northwind-analytics.com', customAttributes: { health_score: 71 } });
    const posts = calls(env.sandbox, 'POST', '/companies');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ company_id: 'acct-1001', plan: 'Growth', monthly_spend: 5100, website: 'https://northwind-analytics.com', custom_attributes: { health_score: 71 } });
    expect(northwind()).toMatchObject({ monthly_spend: 5100, plan: { name: 'Growth' }, name: 'Northwind Analytics' });
  });

  it('renames the company on the contacts already looked up in that workspace, without asking Intercom again', async () => {
    const s = session();
    const other = session();
    const email = 'olivia.bennett@northwind-analytics.com';
    const id = northwind().id;
    const named = async (l: Lookup) => (await l.lookup([email]))[email]!.companies.find((c) => c.id === id)?.name;
    expect(await named(s.lookup)).toBe('Northwind Analytics');
    expect(await named(other.lookup)).toBe('Northwind Analytics');
    const searches = calls(env.sandbox, 'POST', '/contacts/search').length;
    const reads = calls(env.sandbox, 'GET', `/companies/${id}`).length;
    const result = await runAction(s, env.sandbox.state.meAdminId, { kind: 'company.update', companyId: id, name: 'Northwind Labs' });
    expect(result.company).toEqual({ id, name: 'Northwind Labs' });
    expect(await named(s.lookup)).toBe('Northwind Labs');
    // A contact read afresh takes the company's cached name: the new one too.
    const people = await companyPeople(s, id);
    expect(people.items.length).toBeGreaterThan(0);
    for (const p of people.items) expect(p.companies.find((c) => c.id === id)?.name).toBe('Northwind Labs');
    expect(calls(env.sandbox, 'POST', '/contacts/search')).toHaveLength(searches);
    // Only the GET before the update: no look up of the company's name afterwards.
    expect(calls(env.sandbox, 'GET', `/companies/${id}`)).toHaveLength(reads + 1);
    // Another workspace's session (its own Lookup) is not told.
    expect(await named(other.lookup)).toBe('Northwind Analytics');
  });

  it('renames it too when a worker that stopped mid-request finds the update applied', async () => {
    const s = session();
    const email = 'olivia.bennett@northwind-analytics.com';
    const id = northwind().id;
    await s.lookup.lookup([email]);
    northwind().name = 'Northwind Labs';
    expect((await resultAfterVerify(s, { kind: 'company.update', companyId: id, name: 'Northwind Labs' })).company?.name).toBe('Northwind Labs');
    expect((await s.lookup.lookup([email]))[email]!.companies.find((c) => c.id === id)?.name).toBe('Northwind Labs');
  });
});

describe('history', () => {
  it('lists a contact’s notes newest first, a page at a time', async () => {
    seedHistory(env.sandbox.state, now());
    const olivia = user('olivia.bennett@northwind-analytics.com');
    const { pages, all } = await walk((c) => notesOfContact(session(), olivia.id, c));
    const expected = env.sandbox.state.notes.filter((n) => n.contact_id === olivia.id);
    expect(all).toHaveLength(expected.length);
    expect(pages[0]).toHaveLength(PAGE_SIZE.notes);
    const times = all.map((n) => n.createdAt ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.every((n) => n.author)).toBe(true);
  });

  it('filters conversations by open, closed or all', async () => {
    const s = session();
    const olivia = user('olivia.bennett@northwind-analytics.com');
    const mine = env.sandbox.state.conversations.filter((c) => c.contact_ids.includes(olivia.id));
    const open = (await walk((c) => conversationsOf(s, olivia.id, 'open', c))).all;
    const closed = (await walk((c) => conversationsOf(s, olivia.id, 'closed', c))).all;
    const all = (await walk((c) => conversationsOf(s, olivia.id, 'all', c))).all;
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((c) => c.state === 'closed')).toBe(true);
    expect(open.every((c) => c.state !== 'closed')).toBe(true);
    expect(all.map((c) => c.id).sort()).toEqual(mine.map((c) => c.id).sort());
    expect(open.length + closed.length).toBe(all.length);
  });

  it('lists data events of the last 90 days through GET /events, following pages.next', async () => {
    seedHistory(env.sandbox.state, now());
    const olivia = user('olivia.bennett@northwind-analytics.com');
    // One older than 90 days is not listed, as Intercom says.
    env.sandbox.state.events.push({ event_name: 'ancient', created_at: now() - 100 * 86_400, contact_id: olivia.id, identified_by: 'id', metadata: {}, received_at: 0 });
    const { pages, all } = await walk((c) => eventsOf(session(), olivia.id, c));
    const expected = env.sandbox.state.events.filter((e) => e.contact_id === olivia.id && e.event_name !== 'ancient');
    expect(all).toHaveLength(expected.length);
    expect(pages[0]).toHaveLength(PAGE_SIZE.events);
    expect(all.map((e) => e.name)).not.toContain('ancient');
    expect(all[0]).toMatchObject({ name: 'exported-report', metadata: expect.arrayContaining([{ key: 'format', value: 'csv' }]) });
    const first = calls(env.sandbox, 'GET', '/events')[0]!;
    expect(first.query).toMatchObject({ type: 'user', intercom_user_id: olivia.id });
  });

  it('carries only paging parameters of a next link over, never its host or who', async () => {
    expect(eventsCursor('https://evil.example/events?type=user&intercom_user_id=someone-else&before=123&per_page=5')).toBe('before=123&per_page=5');
    expect(eventsCursor(null)).toBeNull();
    seedHistory(env.sandbox.state, now());
    const olivia = user('olivia.bennett@northwind-analytics.com');
    await listEvents(env.client(), olivia.id, 2, 'intercom_user_id=other&before=99999999999999');
    expect(calls(env.sandbox, 'GET', '/events')[0]!.query).toMatchObject({ intercom_user_id: olivia.id, before: '99999999999999' });
  });

  it('lists tickets and reads one ticket’s detail and state', async () => {
    const s = session();
    const olivia = user('olivia.bennett@northwind-analytics.com');
    const { all } = await walk((c) => ticketsOf(s, olivia.id, c));
    expect(all.length).toBe(env.sandbox.state.tickets.filter((t) => t.contact_ids.includes(olivia.id)).length);
    const record = env.sandbox.state.tickets.find((t) => t.contact_ids.includes(olivia.id) && t.state === 'in_progress')!;
    const detail = await ticketDetail(s, record.id);
    expect(detail).toMatchObject({ category: 'in_progress', title: record.attributes._default_title_, open: true });
    expect(detail.description).toBe(record.attributes._default_description_);
    expect(detail.attributes.map((a) => a.name)).toContain('Severity');
  });
});

describe('segments', () => {
  it('names the segments a contact is in', async () => {
    const olivia = user('olivia.bennett@northwind-analytics.com');
    const view = await segmentsOf(session(), olivia.id);
    expect(view.segments.map((x) => x.name)).toEqual(expect.arrayContaining(['VIP customers', 'Northwind Analytics team', 'Enterprise seats (50+)']));
    expect(view.segments.map((x) => x.name)).not.toContain('Messenger leads');
    const lead = env.sandbox.state.contacts.find((c) => c.role === 'lead')!;
    expect((await segmentsOf(session(), lead.id)).segments.map((x) => x.name)).toEqual(['Messenger leads']);
  });

  it('says a list is unavailable when the token may not read it, instead of failing', async () => {
    const olivia = user('olivia.bennett@northwind-analytics.com');
    env.sandbox.faults.set({ forbidPaths: ['/contacts/*/segments', 'GET /events'] });
    expect(await segmentsOf(session(), olivia.id)).toEqual({ segments: [], unavailable: true });
    expect(await eventsOf(session(), olivia.id)).toEqual({ items: [], next: null, unavailable: true });
  });
});
