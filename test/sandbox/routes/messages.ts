/**
 * `POST /messages`: an admin's in-app message or email to contacts (or a contact's message to the team).
 * Admin messages carry a `conversation_id` only with `create_conversation_without_contact_reply: true`
 * ("there will be no conversation present until the contact responds"); contact messages always start one.
 *
 * `message_type` takes `inapp` (what the SDK and the examples send) and `in_app` (the request enum).
 * Errors as documented: 400 "Body is required", 422 "No subject supplied for email message"; an email to
 * a contact without an address is a 422 too.
 */
import { ApiError, invalid, notFound, required } from '../errors';
import { bodyObject, isRecord, optId, optInteger, optText, type Ctx, type Route } from '../http';
import { adminNotFound } from '../lookups';
import { presentMessage } from '../present-more';
import { toHtmlBody } from '../present-conversation';
import { findContact, nextSeq, type AuthorRef, type ContactRecord, type ConversationRecord, type MessageRecord } from '../state';

function recipients(ctx: Ctx, raw: unknown, field: string): ContactRecord[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw required(field);
  return list.map((r: unknown, i) => {
    const at = Array.isArray(raw) ? `${field}[${i}]` : field;
    if (!isRecord(r)) throw invalid(`${at} must be an object with a type and an id`, at);
    if (r.type !== 'user' && r.type !== 'lead') throw invalid(`${at}.type must be 'user' or 'lead'`, `${at}.type`);
    const id = optId(r, 'id');
    const userId = optText(r, 'user_id');
    const email = optText(r, 'email')?.toLowerCase();
    const match = (c: ContactRecord) =>
      c.role === r.type && (id !== undefined ? c.id === id : userId !== undefined ? c.external_id === userId : email !== undefined && c.email?.toLowerCase() === email);
    if (id === undefined && userId === undefined && email === undefined) throw required(`${at}.id`);
    const contact = ctx.state.contacts.find(match);
    if (!contact) throw notFound(r.type === 'lead' ? 'Lead Not Found' : 'User Not Found');
    return contact;
  });
}

function startConversation(ctx: Ctx, m: { author: AuthorRef; contacts: string[]; subject: string; body: string; email: boolean; at: number }): ConversationRecord {
  const n = nextSeq(ctx.state);
  const byContact = m.author.type !== 'admin';
  const cv: ConversationRecord = {
    id: String(32_000 + n),
    title: null,
    created_at: m.at,
    updated_at: m.at,
    waiting_since: byContact ? m.at : null,
    snoozed_until: null,
    state: 'open',
    read: !byContact,
    priority: 'not_priority',
    admin_assignee_id: null,
    team_assignee_id: null,
    contact_ids: m.contacts,
    tags: [],
    source: {
      id: String(403_919_000 + n),
      type: m.email ? 'email' : 'conversation',
      delivered_as: byContact ? 'customer_initiated' : 'admin_initiated',
      subject: m.subject,
      body: m.body,
      author: m.author,
    },
    parts: [],
    rating: null,
  };
  ctx.state.conversations.push(cv);
  return cv;
}

export const messageRoutes: Route[] = [
  {
    method: 'POST',
    path: '/messages',
    handler(ctx) {
      const body = bodyObject(ctx.body);
      const from = body.from === undefined || body.from === null ? { type: 'admin', id: ctx.state.meAdminId } : body.from;
      if (!isRecord(from)) throw invalid('from must be an object with a type and an id', 'from');
      const text = optText(body, 'body');
      const html = text === undefined || text.trim() === '' ? null : toHtmlBody(text);
      const at = optInteger(body, 'created_at') ?? ctx.now();
      const n = nextSeq(ctx.state);

      if (from.type === 'user' || from.type === 'lead' || from.type === 'contact') {
        const contact = findContact(ctx.state, optId(from, 'id') ?? '');
        if (!contact) throw notFound('User Not Found');
        if (html === null || text === undefined) throw invalid('Body is required', 'body');
        const author: AuthorRef = { type: contact.role, id: contact.id };
        const cv = startConversation(ctx, { author, contacts: [contact.id], subject: '', body: html, email: false, at });
        const message: MessageRecord = { id: cv.source.id, type: 'user_message', message_type: 'inapp', subject: null, body: text, template: null, from: author, to: [], created_at: at, conversation_id: cv.id };
        ctx.state.messages.push(message);
        return { body: presentMessage(ctx.state, message) };
      }
      if (from.type !== 'admin') throw invalid("from.type must be 'admin'", 'from.type');
      const admin = ctx.state.admins.find((a) => a.id === optId(from, 'id'));
      if (!admin) throw adminNotFound();

      const rawType = body.message_type;
      if (rawType === undefined || rawType === null) throw required('message_type');
      if (rawType !== 'inapp' && rawType !== 'in_app' && rawType !== 'email') throw invalid("message_type must be 'inapp' or 'email'", 'message_type');
      const messageType = rawType === 'email' ? 'email' : 'inapp';
      if (html === null || text === undefined) throw invalid('Body is required', 'body');
      const subject = optText(body, 'subject');
      if (messageType === 'email' && (subject === undefined || subject.trim() === '')) {
        throw new ApiError(422, [{ code: 'parameter_not_found', message: 'No subject supplied for email message' }]);
      }
      const template = body.template ?? (messageType === 'email' ? 'plain' : null);
      if (template !== null && template !== 'plain' && template !== 'personal') throw invalid("template must be 'plain' or 'personal'", 'template');
      if (body.to === undefined || body.to === null) throw required('to');
      const to = recipients(ctx, body.to, 'to');
      for (const key of ['cc', 'bcc'] as const) if (body[key] !== undefined && body[key] !== null) recipients(ctx, body[key], key);
      if (messageType === 'email') {
        const noEmail = to.find((c) => c.email === null);
        if (noEmail) throw new ApiError(422, [{ code: 'parameter_invalid', message: `Contact ${noEmail.id} has no email address to send an email to`, field: 'to' }]);
      }
      const openConversation = body.create_conversation_without_contact_reply;
      if (openConversation !== undefined && typeof openConversation !== 'boolean') {
        throw invalid('create_conversation_without_contact_reply must be a boolean', 'create_conversation_without_contact_reply');
      }
      const author: AuthorRef = { type: 'admin', id: admin.id };
      const cv = openConversation === true
        ? startConversation(ctx, { author, contacts: to.map((c) => c.id), subject: subject ?? '', body: html, email: messageType === 'email', at })
        : null;
      for (const c of to) c.last_contacted_at = at;
      const message: MessageRecord = {
        id: String(19_000 + n),
        type: 'admin_message',
        message_type: messageType,
        subject: subject ?? null,
        body: text,
        template,
        from: author,
        to: to.map((c) => c.id),
        created_at: at,
        conversation_id: cv?.id ?? null,
      };
      ctx.state.messages.push(message);
      return { body: presentMessage(ctx.state, message) };
    },
  },
];
