// @vitest-environment node
/** The sandbox's inbox: replying to and managing conversations, tagging them, tickets and teams. */
import { describe, expect, it } from 'vitest';
import { SEED_NOW, contactsByEmail } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { sandboxPerFile } from './intercom-sandbox';
import { apiOf, errorOf, ok } from '../sandbox/testing';

let sandbox: Sandbox;
const NOW = SEED_NOW + 3_600; // a fixed clock: an hour after the seed's "now"
const api = apiOf(() => sandbox);

sandboxPerFile((s) => (sandbox = s), { clock: () => NOW * 1000 });

interface Part { part_type: string; body: string | null; author: { type: string; id: string }; state: string; assigned_to: { type: string; id: string } | null }
interface Conversation {
  id: string;
  state: string;
  open: boolean;
  waiting_since: number | null;
  snoozed_until: number | null;
  admin_assignee_id: number | null;
  team_assignee_id: number | null;
  updated_at: number;
  tags: { tags: { id: string }[] };
  source: { body: string };
  linked_objects: { data: { type: string; id: string }[] };
  conversation_parts: { conversation_parts: Part[]; total_count: number };
}

const userId = (email: string) => contactsByEmail(sandbox.state, email).find((c) => c.role === 'user')?.id ?? '';
const convOf = (title: string) => sandbox.state.conversations.find((c) => c.title === title)?.id ?? '';
const OPEN = 'SSO login loop after password reset';
const CLOSED = 'How do I add teammates?';
const lastPart = (c: Conversation) => c.conversation_parts.conversation_parts.at(-1);
const reply = (id: string, body: unknown) => api(`/conversations/${id}/reply`, { body });
const manage = (id: string, body: unknown) => api(`/conversations/${id}/parts`, { body });

describe('POST /conversations/{id}/reply', () => {
  it('an admin comment adds a part and stops the wait; GET shows it', async () => {
    const id = convOf(OPEN);
    const before = sandbox.state.conversations.find((c) => c.id === id)?.parts.length ?? 0;
    const c = await ok<Conversation>(await reply(id, { message_type: 'comment', type: 'admin', admin_id: '5391002', body: 'On it — <b>fixed</b> soon' }));
    expect(lastPart(c)).toMatchObject({ part_type: 'comment', body: '<p>On it — <b>fixed</b> soon</p>', author: { type: 'admin', id: '5391002' }, state: 'open', assigned_to: null });
    expect(c).toMatchObject({ state: 'open', waiting_since: null, updated_at: NOW });
    expect(c.conversation_parts.total_count).toBe(before + 1);
    const again = await ok<Conversation>(await api(`/conversations/${id}`));
    expect(lastPart(again)?.body).toBe('<p>On it — <b>fixed</b> soon</p>');
  });

  it('a note leaves a closed conversation closed; a contact reply reopens it and starts the wait', async () => {
    const id = convOf(CLOSED);
    const note = await ok<Conversation>(await reply(id, { message_type: 'note', type: 'admin', admin_id: 5391001, body: 'Internal: sent the docs link' }));
    expect(note).toMatchObject({ state: 'closed', open: false });
    expect(lastPart(note)).toMatchObject({ part_type: 'note', state: 'closed' });
    const grace = userId('grace.thompson@canopyhealth.org');
    const back = await ok<Conversation>(await reply(id, { message_type: 'comment', type: 'user', intercom_user_id: grace, body: 'One more question' }));
    expect(back).toMatchObject({ state: 'open', open: true, waiting_since: NOW });
    expect(lastPart(back)).toMatchObject({ part_type: 'comment', author: { type: 'user', id: grace }, state: 'open' });
  });

  it('refuses what Intercom refuses', async () => {
    const id = convOf(OPEN);
    expect(await errorOf(await reply(id, { message_type: 'comment', type: 'admin', admin_id: '5391001' }))).toMatchObject({ status: 400, code: 'parameter_invalid', message: 'Body is required' });
    expect(await errorOf(await reply(id, { message_type: 'comment', type: 'admin', body: 'x' }))).toMatchObject({ status: 400, code: 'parameter_not_found', field: 'admin_id' });
    expect(await errorOf(await reply(id, { message_type: 'comment', type: 'admin', admin_id: '1', body: 'x' }))).toMatchObject({ status: 404, code: 'admin_not_found' });
    expect(await errorOf(await reply(id, { message_type: 'close', type: 'admin', admin_id: '5391001', body: 'x' }))).toMatchObject({ status: 400, field: 'message_type' });
    expect(await errorOf(await reply('999', { message_type: 'comment', type: 'admin', admin_id: '5391001', body: 'x' }))).toMatchObject({ status: 404, code: 'not_found' });
    expect(sandbox.state.conversations.find((c) => c.id === id)?.parts).toHaveLength(2);
  });
});

describe('POST /conversations/{id}/parts', () => {
  it('close (with a message), snooze until a time, open again', async () => {
    const id = convOf(OPEN);
    const closed = await ok<Conversation>(await manage(id, { message_type: 'close', type: 'admin', admin_id: '5391001', body: 'Fixed, closing.' }));
    expect(closed).toMatchObject({ state: 'closed', open: false });
    expect(lastPart(closed)).toMatchObject({ part_type: 'close', body: '<p>Fixed, closing.</p>', state: 'closed' });
    const snoozed = await ok<Conversation>(await manage(id, { message_type: 'snoozed', admin_id: '5391001', snoozed_until: NOW + 86_400 }));
    expect(snoozed).toMatchObject({ state: 'snoozed', open: true, snoozed_until: NOW + 86_400 });
    expect(lastPart(snoozed)).toMatchObject({ part_type: 'snoozed', body: null, state: 'snoozed' });
    const opened = await ok<Conversation>(await manage(id, { message_type: 'open', admin_id: '5391001' }));
    expect(opened).toMatchObject({ state: 'open', snoozed_until: null });
    expect(opened.conversation_parts.conversation_parts.slice(-3).map((p) => p.part_type)).toEqual(['close', 'snoozed', 'open']);
  });

  it('snoozing needs a future snoozed_until', async () => {
    const id = convOf(OPEN);
    expect(await errorOf(await manage(id, { message_type: 'snoozed', admin_id: '5391001' }))).toMatchObject({ status: 400, code: 'parameter_not_found', field: 'snoozed_until' });
    expect(await errorOf(await manage(id, { message_type: 'snoozed', admin_id: '5391001', snoozed_until: NOW }))).toMatchObject({ status: 400, code: 'parameter_invalid' });
  });

  it('assigns to an admin or a team, "0" unassigns, assigning a closed one reopens it', async () => {
    const id = convOf(CLOSED);
    const toTom = await ok<Conversation>(await manage(id, { message_type: 'assignment', type: 'admin', admin_id: '5391001', assignee_id: '5391004' }));
    expect(toTom).toMatchObject({ admin_assignee_id: 5391004, state: 'open' });
    expect(lastPart(toTom)).toMatchObject({ part_type: 'assign_and_reopen', assigned_to: { type: 'admin', id: '5391004' }, state: 'open' });
    const toBilling = await ok<Conversation>(await manage(id, { message_type: 'assignment', type: 'team', admin_id: '5391001', assignee_id: 7701 }));
    expect(toBilling).toMatchObject({ admin_assignee_id: 5391004, team_assignee_id: 7701 });
    expect(lastPart(toBilling)).toMatchObject({ part_type: 'assignment', assigned_to: { type: 'team', id: '7701' } });
    const nobody = await ok<Conversation>(await manage(id, { message_type: 'assignment', type: 'admin', admin_id: '5391001', assignee_id: '0' }));
    expect(nobody).toMatchObject({ admin_assignee_id: null, team_assignee_id: 7701 });
    expect(await errorOf(await manage(id, { message_type: 'assignment', type: 'team', admin_id: '5391001', assignee_id: '4242' }))).toMatchObject({ status: 404, code: 'assignee_not_found' });
    expect(await errorOf(await manage(id, { message_type: 'assignment', admin_id: '5391001', assignee_id: '5391002' }))).toMatchObject({ status: 400, field: 'type' });
  });

  it('search sees the new state', async () => {
    const id = convOf(OPEN);
    await ok(await manage(id, { message_type: 'close', type: 'admin', admin_id: '5391001' }));
    const olivia = userId('olivia.bennett@northwind-analytics.com');
    const open = await ok<{ conversations: { id: string }[] }>(
      await api('/conversations/search', { body: { query: { operator: 'AND', value: [{ field: 'contact_ids', operator: '=', value: olivia }, { field: 'open', operator: '=', value: true }] } } }),
    );
    expect(open.conversations).toEqual([]);
    const closed = await ok<{ conversations: { id: string }[] }>(await api('/conversations/search', { body: { query: { field: 'state', operator: '=', value: 'closed' }, pagination: { per_page: 150 } } }));
    expect(closed.conversations.map((c) => c.id)).toContain(id);
  });
});

describe('conversation tags and plaintext', () => {
  it('tags and untags with an admin_id; unknown tags and conversations are 404s', async () => {
    const id = convOf(OPEN);
    expect(await ok(await api(`/conversations/${id}/tags`, { body: { id: '8120002', admin_id: '5391003' } }))).toMatchObject({ type: 'tag', id: '8120002', name: 'Churn risk', applied_at: NOW, applied_by: { type: 'admin', id: '5391003' } });
    expect((await ok<Conversation>(await api(`/conversations/${id}`))).tags.tags.map((t) => t.id)).toEqual(['8120001', '8120002']);
    expect(await ok(await api(`/conversations/${id}/tags/8120002`, { method: 'DELETE', body: { admin_id: '5391003' } }))).toMatchObject({ id: '8120002', name: 'Churn risk' });
    expect((await ok<Conversation>(await api(`/conversations/${id}`))).tags.tags.map((t) => t.id)).toEqual(['8120001']);
    expect(await errorOf(await api(`/conversations/${id}/tags`, { body: { id: '8120002' } }))).toMatchObject({ status: 400, field: 'admin_id' });
    expect(await errorOf(await api(`/conversations/${id}/tags`, { body: { id: '1', admin_id: '5391003' } }))).toMatchObject({ status: 404, code: 'tag_not_found' });
    expect(await errorOf(await api('/conversations/1/tags/8120001', { method: 'DELETE', body: { admin_id: '5391003' } }))).toMatchObject({ status: 404, message: 'Conversation not found' });
  });

  it('display_as=plaintext turns the HTML bodies into text', async () => {
    const id = convOf('Export fails <script>alert(3)</script>');
    const html = await ok<Conversation>(await api(`/conversations/${id}`));
    expect(html.source.body).toBe('<p>Exports fail with &lt;b&gt;bold&lt;/b&gt; text &amp; &quot;quotes&quot; in the report name.</p>');
    const text = await ok<Conversation>(await api(`/conversations/${id}?display_as=plaintext`));
    expect(text.source.body).toBe('Exports fail with <b>bold</b> text & "quotes" in the report name.');
    expect(text.conversation_parts.conversation_parts.find((p) => p.part_type === 'comment')?.body).toBe('Fixed in the latest release.');
  });
});

describe('tickets', () => {
  const bug = (extra: Record<string, unknown> = {}) => ({
    ticket_type_id: '4401',
    contacts: [{ id: userId('aoife@larkspurlabs.dev') }],
    ticket_attributes: { _default_title_: 'Charts blank on Safari', _default_description_: 'Since 17.5', Severity: 'sev-high' },
    ...extra,
  });

  it('creates a ticket of a type, readable by id and findable by contact', async () => {
    const created = await ok<{ id: string; ticket_id: string }>(await api('/tickets', { body: bug() }));
    expect(created).toMatchObject({
      type: 'ticket',
      ticket_id: '5',
      category: 'Customer',
      ticket_attributes: { _default_title_: 'Charts blank on Safari', Severity: 'sev-high' },
      ticket_state: { type: 'ticket_state', category: 'submitted', internal_label: 'Submitted' },
      ticket_type: { type: 'ticket_type', id: '4401', name: 'Bug report' },
      contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: userId('aoife@larkspurlabs.dev') }] },
      admin_assignee_id: '0',
      open: true,
      created_at: NOW,
    });
    expect(await ok(await api(`/tickets/${created.id}`))).toEqual(created);
    const found = await ok<{ tickets: { id: string }[] }>(await api('/tickets/search', { body: { query: { field: 'contact_ids', operator: '=', value: userId('aoife@larkspurlabs.dev') } } }));
    expect(found.tickets.map((t) => t.id)).toEqual([created.id, '6104']);
    expect(await errorOf(await api('/tickets/1'))).toMatchObject({ status: 404, code: 'ticket_not_found', message: 'Ticket not found' });
  });

  it('validates the attributes against the type, like Intercom', async () => {
    const attrs = (a: Record<string, unknown>) => bug({ ticket_attributes: { _default_title_: 'x', Severity: 'sev-low', ...a } });
    expect(await errorOf(await api('/tickets', { body: bug({ ticket_attributes: { _default_title_: 'x' } }) }))).toMatchObject({ status: 400, code: 'parameter_not_found', field: 'ticket_attributes.Severity' });
    const badOption = await errorOf(await api('/tickets', { body: attrs({ Severity: 'High' }) }));
    expect(badOption).toMatchObject({ status: 400, code: 'parameter_invalid', field: 'ticket_attributes.Severity' });
    expect(badOption.message).toContain('sev-low, sev-medium, sev-high, sev-critical');
    expect(await errorOf(await api('/tickets', { body: attrs({ 'Affected URL': 42 }) }))).toMatchObject({ status: 400, field: 'ticket_attributes.Affected URL' });
    expect(await errorOf(await api('/tickets', { body: attrs({ Priority: 'p1' }) }))).toMatchObject({ status: 400, field: 'ticket_attributes.Priority' });
    const billing = { ticket_type_id: 4402, contacts: [{ id: userId('aoife@larkspurlabs.dev') }], ticket_attributes: { 'Amount disputed': '12.50' } };
    expect(await errorOf(await api('/tickets', { body: billing }))).toMatchObject({ status: 400, message: expect.stringContaining('decimal') });
    expect(await errorOf(await api('/tickets', { body: bug({ contacts: [] }) }))).toMatchObject({ status: 400, code: 'parameter_not_found', field: 'contacts' });
    expect(await errorOf(await api('/tickets', { body: bug({ contacts: [{ id: 'a' }, { id: 'b' }] }) }))).toMatchObject({ status: 400, field: 'contacts' });
    expect(await errorOf(await api('/tickets', { body: bug({ ticket_type_id: '9' }) }))).toMatchObject({ status: 400, field: 'ticket_type_id' });
    expect(await errorOf(await api('/tickets', { body: bug({ contacts: [{ id: 'nope' }] }) }))).toMatchObject({ status: 404, message: 'User Not Found' });
    expect(await errorOf(await api('/tickets', { body: bug({ conversation_to_link_id: convOf(OPEN) }) }))).toMatchObject({ status: 400, field: 'conversation_to_link_id' });
    expect(await errorOf(await api('/tickets', { body: bug({ contacts: [{ email: 'new.person@example.org' }], ticket_attributes: {} }) }))).toMatchObject({ status: 400 });
    expect(sandbox.state.tickets).toHaveLength(4);
    expect(contactsByEmail(sandbox.state, 'new.person@example.org')).toEqual([]);
  });

  it('an unknown email creates the contact; a tracker ticket links a conversation both ways', async () => {
    const conversation = convOf(OPEN);
    const body = { ticket_type_id: '4403', contacts: [{ email: 'new.person@example.org' }], ticket_attributes: { _default_title_: 'Dark mode', 'Product area': 'area-mobile' }, conversation_to_link_id: conversation };
    const created = await ok<{ id: string; contacts: { contacts: { id: string }[] }; linked_objects: object; is_shared: boolean; category: string }>(await api('/tickets', { body }));
    const [person] = contactsByEmail(sandbox.state, 'new.person@example.org');
    expect(person).toMatchObject({ role: 'user' });
    expect(created.contacts.contacts).toEqual([{ type: 'contact', id: person?.id, external_id: null }]);
    expect(created).toMatchObject({ category: 'Tracker', is_shared: false, linked_objects: { type: 'list', total_count: 1, data: [{ type: 'conversation', id: conversation }] } });
    const c = await ok<Conversation>(await api(`/conversations/${conversation}`));
    expect(c.linked_objects.data).toContainEqual({ type: 'ticket', id: created.id, category: 'Tracker' });
  });

  it('searches by state, category term, created_at (>= allowed) and ticket_attribute.{id}', async () => {
    const search = async (query: unknown) => (await ok<{ tickets: { id: string }[] }>(await api('/tickets/search', { body: { query } }))).tickets.map((t) => t.id).sort();
    expect(await search({ field: 'state', operator: '=', value: 'resolved' })).toEqual(['6104']);
    expect(await search({ field: 'open', operator: '=', value: true })).toEqual(['6101', '6102', '6103']);
    expect(await search({ field: 'category', operator: '=', value: 'tracker' })).toEqual(['6103']);
    expect(await search({ field: 'created_at', operator: '>=', value: SEED_NOW - 2 * 86_400 })).toEqual(['6101', '6102', '6104']);
    const severity = sandbox.state.ticketTypes[0]?.ticket_type_attributes as { data: { id: string; name: string }[] };
    const sevId = severity.data.find((a) => a.name === 'Severity')?.id;
    expect(await search({ field: `ticket_attribute.${sevId}`, operator: '=', value: 'sev-high' })).toEqual(['6101']);
    expect(await errorOf(await api('/tickets/search', { body: { query: { field: 'updated_at', operator: '>=', value: 1 } } }))).toMatchObject({ status: 400 });
  });
});

describe('teams', () => {
  it('GET /teams and /teams/{id}', async () => {
    expect(await ok(await api('/teams'))).toEqual({
      type: 'team.list',
      teams: [
        { type: 'team', id: '7700', name: 'Support', admin_ids: [5391001, 5391002, 5391003], assignment_limit: null, distribution_method: 'round_robin' },
        { type: 'team', id: '7701', name: 'Billing', admin_ids: [5391004], assignment_limit: 10, distribution_method: 'balanced' },
      ],
    });
    expect(await ok(await api('/teams/7701'))).toMatchObject({ name: 'Billing' });
    expect(await errorOf(await api('/teams/1'))).toMatchObject({ status: 404, code: 'team_not_found', message: 'Team not found' });
  });
});
