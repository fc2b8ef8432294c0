/**
 * Records → JSON for notes (`note`), teams (`team`), tickets (`ticket`) and messages (`message`),
 * shaped like the examples of the 2.14 description.
 */
import type { Json } from './present';
import { presentAuthor } from './present-conversation';
import { findContact, type AdminRecord, type MessageRecord, type NoteRecord, type SandboxState, type TeamRecord, type TicketRecord, type TicketTypeJson } from './state';

type Obj = { [key: string]: Json | undefined };

/** An admin as notes and messages embed it (the `admin` schema, short form of the examples). */
export function presentAdminShort(a: AdminRecord): Obj {
  return { type: 'admin', id: a.id, name: a.name, email: a.email, away_mode_enabled: a.away_mode_enabled, away_mode_reassign: a.away_mode_reassign };
}

export function presentNote(state: SandboxState, n: NoteRecord): Obj {
  const admin = state.admins.find((a) => a.id === n.admin_id);
  return {
    type: 'note',
    id: n.id,
    created_at: n.created_at,
    contact: { type: 'contact', id: n.contact_id },
    author: admin ? presentAdminShort(admin) : { type: 'admin', id: n.admin_id },
    body: n.body,
  };
}

export function presentTeam(t: TeamRecord): Obj {
  return {
    type: 'team',
    id: t.id,
    name: t.name,
    admin_ids: [...t.admin_ids],
    assignment_limit: t.assignment_limit,
    distribution_method: t.distribution_method,
  };
}

type TicketStateJson = { type: string; id: string; category: string; internal_label: string; external_label: string };

export function ticketStatesOf(type: TicketTypeJson): TicketStateJson[] {
  const states = type.ticket_states as { data?: TicketStateJson[] } | undefined;
  return states?.data ?? [];
}

export function ticketCategory(type: TicketTypeJson | undefined): 'Customer' | 'Back-office' | 'Tracker' {
  const c = type?.category;
  return c === 'Back-office' || c === 'Tracker' ? c : 'Customer';
}

export function presentTicket(state: SandboxState, t: TicketRecord): Obj {
  const type = state.ticketTypes.find((x) => x.id === t.ticket_type_id);
  const category = ticketCategory(type);
  const ticketState = type ? ticketStatesOf(type).find((s) => s.category === t.state) : undefined;
  return {
    type: 'ticket',
    id: t.id,
    ticket_id: t.ticket_id,
    category,
    ticket_attributes: structuredClone(t.attributes) as Json,
    ticket_state: ticketState ? { ...ticketState } : { type: 'ticket_state', id: '0', category: t.state, internal_label: t.state, external_label: t.state },
    ticket_type: type ? (structuredClone(type) as Json) : null,
    contacts: {
      type: 'contact.list',
      contacts: t.contact_ids.map((id) => ({ type: 'contact', id, external_id: findContact(state, id)?.external_id ?? null })),
    },
    admin_assignee_id: t.admin_assignee_id ?? '0',
    team_assignee_id: t.team_assignee_id ?? '0',
    created_at: t.created_at,
    updated_at: t.updated_at,
    ticket_parts: {
      type: 'ticket_part.list',
      ticket_parts: t.parts.map((p) => {
        const author = presentAuthor(state, p.author);
        return {
          type: 'ticket_part',
          id: p.id,
          part_type: p.part_type,
          ticket_state: p.state,
          previous_ticket_state: p.previous,
          created_at: p.created_at,
          updated_at: p.created_at,
          author: { ...author, type: p.author.type === 'lead' ? 'user' : p.author.type },
          attachments: [],
          redacted: false,
        };
      }),
      total_count: t.parts.length,
    },
    open: t.open,
    ...(t.snoozed_until === null ? {} : { snoozed_until: t.snoozed_until }),
    linked_objects: {
      type: 'list',
      data: t.linked_conversation_ids.map((id) => ({ type: 'conversation', id, category: null })),
      total_count: t.linked_conversation_ids.length,
      has_more: false,
    },
    is_shared: category === 'Customer',
  };
}

export function presentMessage(state: SandboxState, m: MessageRecord): Obj {
  const conversation = m.conversation_id === null ? {} : { conversation_id: m.conversation_id };
  if (m.type === 'user_message') {
    return { type: 'user_message', id: m.id, created_at: m.created_at, body: m.body, message_type: m.message_type, ...conversation };
  }
  const owner = state.admins.find((a) => a.id === m.from.id);
  return {
    type: 'admin_message',
    id: m.id,
    created_at: m.created_at,
    ...(m.subject === null ? {} : { subject: m.subject }),
    body: m.body,
    message_type: m.message_type,
    ...(owner ? { owner: presentAdminShort(owner) } : {}),
    ...conversation,
  };
}
