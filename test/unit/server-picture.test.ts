// @vitest-environment node
/**
 * The embedded card's fuller picture through the endpoint (issue 14): a company's card and people, a contact's
 * segments, notes, events and tickets are reads a `read` JWT may make (paged with the same cursor); People at this
 * site is the side panel's own and the endpoint does not offer it; a company edit needs the `write` scope.
 */
import { describe, expect, it } from 'vitest';
import { seedHistory } from '../sandbox/seed-picture';
import type { Sandbox } from '../sandbox/server';
import { calls, sandboxPerFile } from './intercom-sandbox';
import { answer, handlerFor, jwt, rpcRequest } from './server-rig';

let sandbox: Sandbox;
sandboxPerFile((s) => (sandbox = s));
const olivia = () => sandbox.state.contacts.find((c) => c.email === 'olivia.bennett@northwind-analytics.com' && c.role === 'user')!;
const northwind = () => sandbox.state.companies.find((c) => c.company_id === 'acct-1001')!;

describe('the endpoint’s picture reads', () => {
  it('answers a company’s card and its people, page by page, to a read-only JWT', async () => {
    const handle = handlerFor(sandbox);
    const token = await jwt('ana@acme.test', 'read');
    const card = await answer(await handle(rpcRequest('company/get', { id: northwind().id }, { jwt: token })));
    expect(card).toMatchObject({ status: 200, data: { name: 'Northwind Analytics', plan: 'Enterprise' } });
    const first = await answer(await handle(rpcRequest('company/contacts', { id: northwind().id }, { jwt: token })));
    expect(first.data.items).toHaveLength(5);
    const second = await answer(await handle(rpcRequest('company/contacts', { id: northwind().id, cursor: first.data.next }, { jwt: token })));
    const all = [...first.data.items, ...second.data.items].map((c: { id: string }) => c.id);
    expect(new Set(all).size).toBe(sandbox.state.contacts.filter((c) => c.company_ids.includes(northwind().id)).length);
  });

  it('answers segments, notes, events and tickets of a contact', async () => {
    seedHistory(sandbox.state, Math.floor(Date.now() / 1000));
    const handle = handlerFor(sandbox);
    const token = await jwt('ana@acme.test', 'read');
    const ask = async (route: string, input: unknown) => answer(await handle(rpcRequest(route, input, { jwt: token })));
    expect((await ask('contact/segments', { contactId: olivia().id })).data.segments.map((s: { name: string }) => s.name)).toContain('VIP customers');
    expect((await ask('contact/notes', { contactId: olivia().id })).data).toMatchObject({ items: expect.any(Array), next: expect.any(String) });
    expect((await ask('contact/events', { contactId: olivia().id })).data.items[0]).toMatchObject({ name: 'exported-report' });
    expect((await ask('contact/conversations', { contactId: olivia().id, filter: 'closed' })).data.items.every((c: { state: string }) => c.state === 'closed')).toBe(true);
    const tickets = (await ask('contact/tickets', { contactId: olivia().id })).data.items;
    expect((await ask('ticket/get', { id: tickets[0].id })).data).toMatchObject({ id: tickets[0].id, category: expect.any(String) });
  });

  it('does not offer People at this site, and needs the write scope to edit a company', async () => {
    const handle = handlerFor(sandbox);
    const read = await jwt('ana@acme.test', 'read');
    expect((await answer(await handle(rpcRequest('site/people', { domain: 'northwind-analytics.com' }, { jwt: read })))).ok).toBe(false);
    const action = { kind: 'company.update', companyId: northwind().id, plan: 'Growth' };
    const refused = await answer(await handle(rpcRequest('outbox/submit', { id: 'abcdefgh-0001', action }, { jwt: read })));
    expect(refused.error).toMatchObject({ code: 'scope_missing' });
    expect(calls(sandbox, 'POST', '/companies')).toHaveLength(0);
    const done = await answer(await handle(rpcRequest('outbox/submit', { id: 'abcdefgh-0002', action }, { jwt: await jwt('ana@acme.test', 'read write') })));
    expect(done.data).toMatchObject({ state: 'done', result: { companyView: { plan: 'Growth' } } });
    expect(calls(sandbox, 'POST', '/companies')).toHaveLength(1);
  });
});
