/**
 * Conversations in the shapes of API 2.14: `conversation` (GET, reply, manage) and
 * `conversation_list_item` (search). `display_as=plaintext` turns the HTML bodies into text.
 */
import type { Json } from './present';
import { findContact, type AuthorRef, type ConversationPartRecord, type ConversationRecord, type SandboxState } from './state';

type Obj = { [key: string]: Json | undefined };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** Intercom's plaintext rendering of a body: block ends become new lines, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>\s*/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * How Intercom stores a body it is sent: HTML as it comes (minus any <html>/<body> wrapper, inline
 * content wrapped in a paragraph), plain text escaped and wrapped ("Hello" → "<p>Hello</p>").
 */
export function toHtmlBody(body: string): string {
  const trimmed = body.trim();
  if (/<\/?[a-z][^>]*>/i.test(trimmed)) {
    const html = trimmed.replace(/<\/?(html|body)[^>]*>/gi, '').trim();
    return /^<(p|div|h[1-6]|ul|ol|blockquote|pre|table)[\s>]/i.test(html) ? html : `<p>${html}</p>`;
  }
  const escaped = trimmed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escaped.split(/\n{2,}/).map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`).join('');
}

export function presentAuthor(state: SandboxState, ref: AuthorRef): Obj {
  if (ref.type === 'admin' || ref.type === 'bot') {
    const admin = state.admins.find((a) => a.id === ref.id);
    if (ref.type === 'bot' || !admin) return { type: ref.type, id: ref.id, name: 'Operator', email: `operator+${state.app.id_code}@intercom.io` };
    return { type: ref.type, id: ref.id, name: admin.name, email: admin.email };
  }
  const contact = findContact(state, ref.id);
  return { type: ref.type, id: ref.id, name: contact?.name ?? null, email: contact?.email ?? '' };
}

function statistics(cv: ConversationRecord): Obj {
  const at = (types: ConversationPartRecord['part_type'][]) => cv.parts.filter((p) => types.includes(p.part_type)).map((p) => p.created_at);
  const adminReplies = cv.parts.filter((p) => p.part_type === 'comment' && p.author.type === 'admin').map((p) => p.created_at);
  const closes = at(['close']);
  const assignments = at(['assignment', 'assign_and_reopen']);
  const lastClose = cv.parts.filter((p) => p.part_type === 'close').pop();
  const firstReply = adminReplies[0];
  const firstClose = closes[0];
  const last = <T>(xs: T[]) => xs[xs.length - 1];
  return {
    type: 'conversation_statistics',
    first_contact_reply_at: cv.created_at,
    ...(firstReply === undefined ? {} : { first_admin_reply_at: firstReply, time_to_admin_reply: firstReply - cv.created_at, last_admin_reply_at: last(adminReplies) }),
    ...(assignments[0] === undefined ? {} : { first_assignment_at: assignments[0], last_assignment_at: last(assignments) }),
    ...(firstClose === undefined || !lastClose
      ? {}
      : {
          first_close_at: firstClose,
          last_close_at: lastClose.created_at,
          time_to_first_close: firstClose - cv.created_at,
          time_to_last_close: lastClose.created_at - cv.created_at,
          last_closed_by_id: lastClose.author.id,
        }),
    count_reopens: at(['open', 'assign_and_reopen']).length,
    count_assignments: assignments.length,
    count_conversation_parts: cv.parts.length + 1,
  };
}

export interface ConversationView {
  /** The full `conversation` with its parts (GET and actions); without: `conversation_list_item` (search). */
  withParts: boolean;
  plaintext?: boolean;
}

export function presentConversation(state: SandboxState, cv: ConversationRecord, view: ConversationView | boolean): Obj {
  const { withParts, plaintext = false } = typeof view === 'boolean' ? { withParts: view } : view;
  const text = (body: string | null) => (body !== null && plaintext ? htmlToText(body) : body);
  const tickets = state.tickets.filter((t) => t.linked_conversation_ids.includes(cv.id));
  const typeOf = (id: string) => state.ticketTypes.find((t) => t.id === id);
  const teammateIds = [...new Set(cv.parts.filter((p) => p.author.type === 'admin').map((p) => p.author.id))];
  const out: Obj = {
    type: 'conversation',
    id: cv.id,
    title: cv.title,
    created_at: cv.created_at,
    updated_at: cv.updated_at,
    waiting_since: cv.waiting_since,
    snoozed_until: cv.snoozed_until,
    open: cv.state !== 'closed',
    state: cv.state,
    read: cv.read,
    priority: cv.priority,
    admin_assignee_id: cv.admin_assignee_id,
    team_assignee_id: cv.team_assignee_id,
    tags: {
      type: 'tag.list',
      tags: cv.tags.map((t) => ({
        type: 'tag',
        id: t.id,
        name: state.tags.find((x) => x.id === t.id)?.name ?? '',
        applied_at: t.applied_at,
        applied_by: { type: 'admin', id: t.applied_by },
      })),
    },
    conversation_rating: cv.rating
      ? {
          rating: cv.rating.rating,
          remark: cv.rating.remark,
          created_at: cv.rating.created_at,
          updated_at: cv.rating.created_at,
          contact: { type: 'contact', id: cv.contact_ids[0] ?? '', external_id: findContact(state, cv.contact_ids[0] ?? '')?.external_id ?? null },
          teammate: { type: 'admin', id: cv.admin_assignee_id === null ? null : String(cv.admin_assignee_id) },
        }
      : null,
    source: {
      type: cv.source.type,
      id: cv.source.id,
      delivered_as: cv.source.delivered_as,
      subject: cv.source.subject,
      body: text(cv.source.body) ?? '',
      author: presentAuthor(state, cv.source.author),
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: {
      type: 'contact.list',
      contacts: cv.contact_ids.map((id) => ({ type: 'contact', id, external_id: findContact(state, id)?.external_id ?? null })),
    },
    teammates: { type: 'admin.list', teammates: teammateIds.map((id) => ({ type: 'admin', id })) },
    custom_attributes: {},
    first_contact_reply: cv.source.author.type === 'admin' ? null : { created_at: cv.created_at, type: 'conversation', url: null },
    sla_applied: null,
    statistics: statistics(cv),
    linked_objects: {
      type: 'list',
      total_count: tickets.length,
      has_more: false,
      data: tickets.map((t) => ({ type: 'ticket', id: t.id, category: (typeOf(t.ticket_type_id)?.category as string | undefined) ?? null })),
    },
    ai_agent_participated: false,
  };
  if (withParts) {
    out.conversation_parts = {
      type: 'conversation_part.list',
      conversation_parts: cv.parts.map((p) => ({
        type: 'conversation_part',
        id: p.id,
        part_type: p.part_type,
        body: text(p.body),
        created_at: p.created_at,
        updated_at: p.created_at,
        notified_at: p.created_at,
        assigned_to: p.assigned_to ? { type: p.assigned_to.type, id: p.assigned_to.id } : null,
        author: presentAuthor(state, p.author),
        attachments: [],
        external_id: null,
        redacted: false,
        state: p.state,
        tags: [],
      })),
      total_count: cv.parts.length,
    };
  }
  return out;
}
