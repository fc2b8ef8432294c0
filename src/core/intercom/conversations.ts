/** Conversations: search (a contact's), get as plain text, reply or note as an admin, close, open, snooze, assign. */
import type { Intercom } from 'intercom-client';
import type { IntercomHttp } from './http';
import { searchPage, searchPages, type OnePage } from './paginate';
import { sameText, type SearchQuery } from './contacts';
import { ConversationListSchema, ConversationSchema, type ConversationData } from './shapes-inbox';
import { parse } from './shapes';

const path = (id: string, rest = '') => `/conversations/${encodeURIComponent(id)}${rest}`;

export function searchConversations(http: IntercomHttp, query: SearchQuery): AsyncGenerator<ConversationData[]> {
  return searchPages(http, '/conversations/search', query, ConversationListSchema, (p) => p.conversations, {
    perPage: 150,
    sort: { field: 'updated_at', order: 'descending' },
  });
}

/** A contact's conversations, most recently updated first; only the open ones if asked. */
export function conversationsOfContact(http: IntercomHttp, contactId: string, openOnly = false): AsyncGenerator<ConversationData[]> {
  const byContact: Intercom.SingleFilterSearchRequest = { field: 'contact_ids', operator: '=', value: contactId };
  return searchConversations(
    http,
    openOnly ? { operator: 'AND', value: [byContact, { field: 'open', operator: '=', value: 'true' }] } : byContact,
  );
}

/** A conversation with its parts, bodies as plain text. */
export async function getConversation(http: IntercomHttp, id: string): Promise<ConversationData> {
  return parse(ConversationSchema, await http.request('GET', path(id), { searchParams: { display_as: 'plaintext' } }));
}

/** Replies as an admin: a comment the customer sees, or an internal note. */
export async function reply(
  http: IntercomHttp,
  id: string,
  kind: 'comment' | 'note',
  adminId: string,
  body: string,
): Promise<ConversationData> {
  const request: Intercom.AdminReplyConversationRequest = { message_type: kind, type: 'admin', admin_id: adminId, body };
  const sentAt = Math.floor(Date.now() / 1000) - 60;
  return manage(http, id, request, replied(kind, body, adminId, sentAt), '/reply');
}

/**
 * What each write to a conversation leaves behind, as tests of the conversation read afterwards: after a lost
 * answer (here) and after a worker stopped mid-request (core/actions.ts), whether it took effect.
 */
export const replied = (kind: string, body: string, adminId: string, since: number) => (c: ConversationData) =>
  (c.conversation_parts?.conversation_parts ?? []).some(
    (p) => p.part_type === kind && sameText(p.body, body) && (p.created_at ?? 0) >= since && (!p.author?.id || p.author.id === adminId),
  );
export const isClosed = (c: ConversationData) => c.state === 'closed';
export const isOpen = (c: ConversationData) => c.state === 'open';
export const snoozedTill = (until: number) => (c: ConversationData) => c.state === 'snoozed' && c.snoozed_until === until;
/** Assigned to this admin or team; assignee "0": to no one of that kind. */
export const assignedTo = (to: { type: 'admin' | 'team'; assigneeId: string }) => (c: ConversationData) => {
  const now = to.type === 'admin' ? c.admin_assignee_id : c.team_assignee_id;
  return to.assigneeId === '0' ? !now || now === '0' : now === to.assigneeId;
};

/** Sends a state change (`/parts`), and after a lost answer checks the conversation's state. */
async function manage(
  http: IntercomHttp,
  id: string,
  body: Intercom.ConversationsManageRequestBody | Intercom.AdminReplyConversationRequest,
  took: (c: ConversationData) => boolean,
  rest = '/parts',
): Promise<ConversationData> {
  return parse(
    ConversationSchema,
    await http.request('POST', path(id, rest), {
      json: body,
      verify: async () => {
        const c = await getConversation(http, id);
        return took(c) ? c : undefined;
      },
    }),
  );
}

export function close(http: IntercomHttp, id: string, adminId: string, body?: string): Promise<ConversationData> {
  return manage(http, id, { message_type: 'close', type: 'admin', admin_id: adminId, ...(body ? { body } : {}) }, isClosed);
}

export function open(http: IntercomHttp, id: string, adminId: string): Promise<ConversationData> {
  return manage(http, id, { message_type: 'open', admin_id: adminId }, isOpen);
}

/** Snoozes until a time (Unix seconds). */
export function snooze(http: IntercomHttp, id: string, adminId: string, until: number): Promise<ConversationData> {
  return manage(http, id, { message_type: 'snoozed', admin_id: adminId, snoozed_until: until }, snoozedTill(until));
}

/** Assigns to an admin or a team; assignee `"0"` unassigns. */
export function assign(
  http: IntercomHttp,
  id: string,
  adminId: string,
  to: { type: 'admin' | 'team'; assigneeId: string },
): Promise<ConversationData> {
  return manage(http, id, { message_type: 'assignment', type: to.type, admin_id: adminId, assignee_id: to.assigneeId }, assignedTo(to));
}

export type ConversationFilter = 'open' | 'closed' | 'all';

/** One page of a contact's conversations (open, closed or all), most recently updated first. */
export function conversationsPage(
  http: IntercomHttp,
  contactId: string,
  filter: ConversationFilter,
  perPage: number,
  cursor?: string,
): Promise<OnePage<ConversationData>> {
  const byContact: Intercom.SingleFilterSearchRequest = { field: 'contact_ids', operator: '=', value: contactId };
  const query: SearchQuery =
    filter === 'all'
      ? byContact
      : { operator: 'AND', value: [byContact, filter === 'open' ? { field: 'open', operator: '=', value: 'true' } : { field: 'state', operator: '=', value: 'closed' }] };
  return searchPage(http, '/conversations/search', query, ConversationListSchema, (p) => p.conversations, {
    perPage,
    sort: { field: 'updated_at', order: 'descending' },
    ...(cursor ? { cursor } : {}),
  });
}
