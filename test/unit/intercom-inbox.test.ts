// @vitest-environment node
/** The worker's client for conversations, tickets, messages, events, admins and teams, against the sandbox. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { listAdmins, listTeams, getMe } from '../../src/core/intercom/admins';
import * as conv from '../../src/core/intercom/conversations';
import { submitEvent } from '../../src/core/intercom/events';
import { sendMessage } from '../../src/core/intercom/messages';
import { collect } from '../../src/core/intercom/paginate';
import { createTag, listTags, tagConversation, untagConversation } from '../../src/core/intercom/tags';
import * as tickets from '../../src/core/intercom/tickets';
import { calls, useSandbox } from './intercom-sandbox';

const env = useSandbox();
const me = () => env.sandbox.state.meAdminId;
const aConversation = () => env.sandbox.state.conversations.find((c) => c.state === 'open')!;

describe('conversations', () => {
  it('finds a contact’s conversations, newest first', async () => {
    const http = env.client();
    const target = aConversation();
    const contactId = target.contact_ids[0]!;
    const found = await collect(conv.conversationsOfContact(http, contactId));
    expect(found.map((c) => c.id)).toContain(target.id);
    const updated = found.map((c) => c.updated_at ?? 0);
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    const open = await collect(conv.conversationsOfContact(http, contactId, true));
    expect(open.every((c) => c.open !== false && c.state !== 'closed')).toBe(true);
  });

  it('reads a conversation with its parts as plain text', async () => {
    const c = await conv.getConversation(env.client(), aConversation().id);
    expect(c.conversation_parts?.conversation_parts.length).toBeGreaterThan(0);
    expect(calls(env.sandbox, 'GET', `/conversations/${c.id}`)[0]!.query).toMatchObject({ display_as: 'plaintext' });
  });

  it('replies and notes as an admin, closes, reopens, snoozes, assigns and unassigns', async () => {
    const http = env.client();
    const id = aConversation().id;
    const replied = await conv.reply(http, id, 'comment', me(), 'Thanks — looking into it now.');
    expect(replied.conversation_parts?.conversation_parts.some((p) => p.body?.includes('looking into it'))).toBe(true);
    await conv.reply(http, id, 'note', me(), 'Internal: check their plan limits.');
    expect((await conv.close(http, id, me())).state).toBe('closed');
    expect((await conv.open(http, id, me())).state).toBe('open');
    const until = Math.floor(Date.now() / 1000) + 3600;
    expect(await conv.snooze(http, id, me(), until)).toMatchObject({ state: 'snoozed', snoozed_until: until });
    const other = env.sandbox.state.admins.find((a) => a.id !== me())!;
    expect((await conv.assign(http, id, me(), { type: 'admin', assigneeId: other.id })).admin_assignee_id).toBe(other.id);
    const [team] = await listTeams(http);
    expect((await conv.assign(http, id, me(), { type: 'team', assigneeId: team!.id })).team_assignee_id).toBe(team!.id);
    const unassigned = await conv.assign(http, id, me(), { type: 'admin', assigneeId: '0' });
    expect([null, '0']).toContain(unassigned.admin_assignee_id);
  });

  it('tags and untags a conversation', async () => {
    const http = env.client();
    const id = aConversation().id;
    const tag = await createTag(http, 'Escalated (test)');
    await tagConversation(http, id, tag.id, me());
    expect((await conv.getConversation(http, id)).tags?.tags.map((t) => t.id)).toContain(tag.id);
    await untagConversation(http, id, tag, me());
    expect((await conv.getConversation(http, id)).tags?.tags.map((t) => t.id)).not.toContain(tag.id);
    expect((await listTags(http)).map((t) => t.name)).toContain('Escalated (test)');
  });
});

describe('tickets', () => {
  it('lists ticket types with their attributes, creates a ticket linked to a conversation, reads it and finds it by contact', async () => {
    const http = env.client();
    const types = await tickets.listTicketTypes(http);
    expect(types.length).toBeGreaterThan(0);
    // Intercom links a conversation to back-office and tracker tickets, not to customer tickets.
    const type = types.find((t) => t.category !== 'Customer')!;
    expect((type.ticket_type_attributes ?? []).map((a) => a.name)).toEqual(expect.arrayContaining(['_default_title_']));
    const full = await tickets.getTicketType(http, type.id);
    const required = (full.ticket_type_attributes ?? []).filter((a) => a.required_to_create && !a.name.startsWith('_default_'));
    const attributes = Object.fromEntries(
      required.map((a) => [a.name, a.data_type === 'integer' || a.data_type === 'decimal' ? 3 : a.data_type === 'boolean' ? true : a.data_type === 'list' ? (a.input_options?.list_options as Array<{ id: string }>)[0]!.id : 'value']),
    );
    const c = aConversation();
    const ticket = await tickets.createTicket(http, {
      ticketTypeId: type.id,
      contactId: c.contact_ids[0]!,
      title: 'Export to CSV fails',
      description: 'The export button spins forever.',
      attributes,
      conversationId: c.id,
    });
    expect(ticket.ticket_attributes).toMatchObject({ _default_title_: 'Export to CSV fails' });
    expect((await tickets.getTicket(http, ticket.id)).id).toBe(ticket.id);
    const mine = await collect(tickets.ticketsOfContact(http, c.contact_ids[0]!));
    expect(mine.map((t) => t.id)).toContain(ticket.id);
  });

  it('refuses a ticket missing a required attribute with Intercom’s field-level error', async () => {
    const http = env.client();
    const types = await Promise.all((await tickets.listTicketTypes(http)).map((t) => tickets.getTicketType(http, t.id)));
    const strict = types.find((t) => (t.ticket_type_attributes ?? []).some((a) => a.required_to_create && !a.name.startsWith('_default_')));
    expect(strict, 'the sandbox seeds a ticket type with a required attribute').toBeDefined();
    const err = await tickets
      .createTicket(http, { ticketTypeId: strict!.id, contactId: env.sandbox.state.contacts[0]!.id, title: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(['bad_request', 'unprocessable']).toContain((err as AppError).info.code);
  });
});

describe('messages, events, admins', () => {
  it('sends an in-app and an email message from an admin to a user', async () => {
    const http = env.client();
    const user = env.sandbox.state.contacts.find((c) => c.role === 'user' && c.email)!;
    const inapp = await sendMessage(http, { channel: 'inapp', body: 'Your export is ready.', template: 'plain', fromAdminId: me(), to: { type: 'user', id: user.id } });
    expect(inapp.message_type).toBe('inapp');
    expect(calls(env.sandbox, 'POST', '/messages')[0]!.body).toMatchObject({ message_type: 'inapp', from: { type: 'admin', id: Number(me()) } });
    const email = await sendMessage(http, { channel: 'email', subject: 'Your renewal', body: 'Hi!', template: 'personal', fromAdminId: me(), to: { type: 'user', id: user.id } });
    expect(email.message_type).toBe('email');
  });

  it('refuses an email without a subject before sending anything', async () => {
    const user = env.sandbox.state.contacts[0]!;
    const err = await sendMessage(env.client(), { channel: 'email', body: 'Hi', template: 'plain', fromAdminId: me(), to: { type: 'user', id: user.id } }).catch((e: unknown) => e);
    expect((err as AppError).info).toMatchObject({ code: 'bad_request', field: 'subject' });
    expect(calls(env.sandbox, 'POST', '/messages')).toHaveLength(0);
  });

  it('submits a data event with flat metadata, and refuses more than 10 keys before sending', async () => {
    const http = env.client();
    const user = env.sandbox.state.contacts[0]!;
    await submitEvent(http, { name: 'viewed-pricing', contactId: user.id, metadata: { plan: 'pro', seats: 12, annual: true } });
    expect(calls(env.sandbox, 'POST', '/events')[0]).toMatchObject({ status: 202, body: { event_name: 'viewed-pricing', id: user.id, metadata: { plan: 'pro', seats: '12', annual: 'true' } } });
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
    const err = await submitEvent(http, { name: 'too-much', contactId: user.id, metadata: many }).catch((e: unknown) => e);
    expect((err as AppError).info).toMatchObject({ code: 'bad_request', field: 'metadata' });
    expect(calls(env.sandbox, 'POST', '/events')).toHaveLength(1);
  });

  it('names the token’s admin, the workspace’s admins and its teams', async () => {
    const http = env.client();
    expect((await getMe(http)).id).toBe(me());
    expect((await listAdmins(http)).map((a) => a.id)).toEqual(env.sandbox.state.admins.map((a) => a.id));
    expect((await listTeams(http)).length).toBeGreaterThan(0);
  });
});
