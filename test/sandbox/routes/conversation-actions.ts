/**
 * Acting on a conversation: `POST /conversations/{id}/reply` (an admin's comment, note or quick reply,
 * or a contact's comment) and `POST /conversations/{id}/parts` (close, snooze, open, assign). Each adds a
 * conversation part and answers the whole conversation, parts included.
 */
import { ApiError, invalid, notFound, required } from '../errors';
import { bodyObject, optId, optInteger, optText, type Ctx, type Reply, type Route } from '../http';
import { bodyAdmin, conversationOr404 } from '../lookups';
import { presentConversation } from '../present';
import { toHtmlBody } from '../present-conversation';
import { findContact, nextSeq, type AuthorRef, type ContactRecord, type ConversationPartRecord, type ConversationRecord } from '../state';

const assigneeNotFound = () => new ApiError(404, [{ code: 'assignee_not_found', message: 'Assignee not found' }]);

function addPart(ctx: Ctx, cv: ConversationRecord, part: Omit<ConversationPartRecord, 'id' | 'state' | 'created_at'> & { created_at?: number }): void {
  const at = part.created_at ?? ctx.now();
  cv.parts.push({ ...part, id: String(90_000_000 + nextSeq(ctx.state)), created_at: at, state: cv.state });
  cv.updated_at = Math.max(cv.updated_at, at);
}

const answer = (ctx: Ctx, cv: ConversationRecord): Reply => ({ body: presentConversation(ctx.state, cv, { withParts: true }) });

function optBody(body: Record<string, unknown>): string | null {
  const text = optText(body, 'body');
  return text === undefined || text.trim() === '' ? null : toHtmlBody(text);
}

/** The contact a contact reply comes from: `intercom_user_id`, `user_id` (external id) or `email`. */
function replyingContact(ctx: Ctx, body: Record<string, unknown>): ContactRecord {
  const intercomId = optId(body, 'intercom_user_id');
  const userId = optText(body, 'user_id');
  const email = optText(body, 'email')?.toLowerCase();
  let contact: ContactRecord | undefined;
  if (intercomId !== undefined) contact = findContact(ctx.state, intercomId);
  else if (userId !== undefined) contact = ctx.state.contacts.find((c) => c.external_id === userId);
  else if (email !== undefined) contact = ctx.state.contacts.find((c) => c.email?.toLowerCase() === email && c.role === 'user') ?? ctx.state.contacts.find((c) => c.email?.toLowerCase() === email);
  else throw required('intercom_user_id');
  if (!contact) throw notFound('User Not Found');
  return contact;
}

function reply(ctx: Ctx): Reply {
  const body = bodyObject(ctx.body);
  const messageType = body.message_type;
  const type = body.type;
  const createdAt = optInteger(body, 'created_at');
  if (type === 'admin') {
    if (messageType !== 'comment' && messageType !== 'note' && messageType !== 'quick_reply') {
      throw invalid("message_type must be 'comment', 'note' or 'quick_reply'", 'message_type');
    }
    const cv = conversationOr404(ctx);
    const admin = bodyAdmin(ctx, body);
    const html = optBody(body);
    if (messageType === 'quick_reply') {
      if (!Array.isArray(body.reply_options) || body.reply_options.length === 0) throw required('reply_options');
    } else if (html === null) {
      throw invalid('Body is required', 'body');
    }
    const author: AuthorRef = { type: 'admin', id: admin.id };
    if (messageType === 'comment') {
      cv.waiting_since = null;
      cv.read = true;
      for (const id of cv.contact_ids) {
        const c = findContact(ctx.state, id);
        if (c) c.last_contacted_at = createdAt ?? ctx.now();
      }
    }
    addPart(ctx, cv, { part_type: messageType, body: messageType === 'quick_reply' ? null : html, author, assigned_to: null, created_at: createdAt });
    return answer(ctx, cv);
  }
  if (type === 'user' || type === 'lead' || type === 'contact') {
    if (messageType !== 'comment' && messageType !== 'quick_reply') throw invalid("message_type must be 'comment' for a contact's reply", 'message_type');
    const contact = replyingContact(ctx, body);
    const cv =
      ctx.params.id === 'last'
        ? [...ctx.state.conversations].filter((c) => c.contact_ids.includes(contact.id)).sort((a, b) => b.updated_at - a.updated_at)[0]
        : conversationOr404(ctx);
    if (!cv) throw notFound();
    const html = optBody(body);
    if (messageType === 'comment' && html === null) throw invalid('Body is required', 'body');
    const at = createdAt ?? ctx.now();
    cv.state = 'open';
    cv.snoozed_until = null;
    cv.waiting_since ??= at;
    cv.read = false;
    contact.last_replied_at = at;
    addPart(ctx, cv, { part_type: messageType, body: html, author: { type: contact.role, id: contact.id }, assigned_to: null, created_at: at });
    return answer(ctx, cv);
  }
  throw invalid("type must be 'admin' or 'user'", 'type');
}

function manage(ctx: Ctx): Reply {
  const body = bodyObject(ctx.body);
  const cv = conversationOr404(ctx);
  const messageType = body.message_type;
  if (messageType === undefined || messageType === null) throw required('message_type');
  const admin = bodyAdmin(ctx, body);
  const author: AuthorRef = { type: 'admin', id: admin.id };
  const html = optBody(body);
  switch (messageType) {
    case 'close':
      if (body.type !== undefined && body.type !== 'admin') throw invalid("type must be 'admin'", 'type');
      cv.state = 'closed';
      cv.snoozed_until = null;
      cv.waiting_since = null;
      addPart(ctx, cv, { part_type: 'close', body: html, author, assigned_to: null });
      return answer(ctx, cv);
    case 'open':
      cv.state = 'open';
      cv.snoozed_until = null;
      addPart(ctx, cv, { part_type: 'open', body: html, author, assigned_to: null });
      return answer(ctx, cv);
    case 'snoozed': {
      const until = optInteger(body, 'snoozed_until');
      if (until === undefined) throw required('snoozed_until');
      if (until <= ctx.now()) throw invalid('snoozed_until must be in the future', 'snoozed_until');
      cv.state = 'snoozed';
      cv.snoozed_until = until;
      addPart(ctx, cv, { part_type: 'snoozed', body: html, author, assigned_to: null });
      return answer(ctx, cv);
    }
    case 'assignment': {
      const kind = body.type;
      if (kind !== 'admin' && kind !== 'team') throw invalid("type must be 'admin' or 'team'", 'type');
      const assignee = optId(body, 'assignee_id');
      if (assignee === undefined) throw required('assignee_id');
      const unassign = assignee === '0';
      if (!unassign && kind === 'admin' && !ctx.state.admins.some((a) => a.id === assignee)) throw assigneeNotFound();
      if (!unassign && kind === 'team' && !ctx.state.teams.some((t) => t.id === assignee)) throw assigneeNotFound();
      if (kind === 'admin') cv.admin_assignee_id = unassign ? null : Number(assignee);
      else cv.team_assignee_id = unassign ? null : Number(assignee);
      const reopen = !unassign && cv.state !== 'open';
      if (reopen) {
        cv.state = 'open';
        cv.snoozed_until = null;
      }
      addPart(ctx, cv, { part_type: reopen ? 'assign_and_reopen' : 'assignment', body: html, author, assigned_to: unassign ? null : { type: kind, id: assignee } });
      return answer(ctx, cv);
    }
    default:
      throw invalid("message_type must be 'close', 'snoozed', 'open' or 'assignment'", 'message_type');
  }
}

export const conversationActionRoutes: Route[] = [
  { method: 'POST', path: '/conversations/:id/reply', handler: reply },
  { method: 'POST', path: '/conversations/:id/parts', handler: manage },
];
