/**
 * Quick actions: each kind of ActionSchema mapped onto the Intercom client (`runAction`), and for the outbox's
 * restart after a worker died mid-request, a check of whether it took effect (`verifyAction`).
 */
import type { Action, ActionResult } from '../protocol/actions';
import { AppError } from './errors';
import { attachContact, contactCompanies, detachContact, findCompanies, upsertCompany } from './intercom/companies';
import {
  addNote,
  contactNotes,
  contactTags,
  convertLeadToUser,
  getContact,
  sameText,
  tagContact,
  untagContact,
  updateContact,
  type ContactPatch,
} from './intercom/contacts';
import * as conv from './intercom/conversations';
import { submitEvent } from './intercom/events';
import { sendMessage } from './intercom/messages';
import { CompanySchema, parse, type ContactData, type TagData } from './intercom/shapes';
import { createTag, listTags, tagConversation, untagConversation } from './intercom/tags';
import { createTicket } from './intercom/tickets';
import type { ConversationData } from './intercom/shapes-inbox';
import { conversationSummary, directory, forgetWorkspace, ticketSummary } from './reads';
import type { Session } from './session';

/** The fresh view of a contact the action changed (its cached lookups are dropped first). */
async function contactResult(s: Session, contactId: string): Promise<ActionResult> {
  s.lookup.invalidateContact(contactId);
  return { contact: await s.lookup.get(contactId) };
}

async function conversationResult(s: Session, c: ConversationData | string): Promise<ActionResult> {
  const data = typeof c === 'string' ? await conv.getConversation(s.http, c) : c;
  return { conversation: conversationSummary(data, await directory(s)) };
}

async function tagById(s: Session, tagId: string): Promise<TagData> {
  return (await listTags(s.http)).find((t) => t.id === tagId) ?? { id: tagId, name: '' };
}

/** A company_id derived from the name when the user gave none, so that sending again updates rather than duplicates. */
export function companyIdFor(name: string, companyId?: string): string {
  if (companyId) return companyId;
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return slug || name;
}

const emailRefused = (c: ContactData) => !c.email || !!c.unsubscribed_from_emails || !!c.has_hard_bounced || !!c.marked_email_as_spam;

function contactPatch(a: Extract<Action, { kind: 'contact.update' }>): ContactPatch {
  const patch: ContactPatch = {};
  if (a.name !== undefined) patch.name = a.name;
  if (a.phone !== undefined) patch.phone = a.phone;
  if (a.customAttributes && Object.keys(a.customAttributes).length) patch.custom_attributes = a.customAttributes;
  return patch;
}

/** Sends one action as `adminId`, and answers what the panel shows at once. */
export async function runAction(s: Session, adminId: string, action: Action): Promise<ActionResult> {
  const { http } = s;
  switch (action.kind) {
    case 'tag.create': {
      const tag = await createTag(http, action.name);
      forgetWorkspace(s);
      return { tag: { id: tag.id, name: tag.name } };
    }
    case 'contact.tag': {
      const tag = await tagContact(http, action.contactId, action.tagId);
      return { tag: { id: tag.id, name: tag.name }, ...(await contactResult(s, action.contactId)) };
    }
    case 'contact.untag': {
      const tag = await untagContact(http, action.contactId, await tagById(s, action.tagId));
      return { tag: { id: tag.id, name: tag.name }, ...(await contactResult(s, action.contactId)) };
    }
    case 'contact.note':
      await addNote(http, action.contactId, action.body, adminId);
      return {};
    case 'contact.message': {
      const contact = await getContact(http, action.contactId);
      if (action.channel === 'email' && emailRefused(contact)) {
        const why = !contact.email ? 'This contact has no email address.' : 'This contact does not accept emails (unsubscribed, bounced or marked as spam).';
        throw new AppError('bad_request', { field: 'channel', detail: why });
      }
      const sent = await sendMessage(http, {
        channel: action.channel,
        ...(action.subject ? { subject: action.subject } : {}),
        body: action.body,
        template: action.template,
        fromAdminId: adminId,
        to: { type: contact.role === 'user' ? 'user' : 'lead', id: contact.id },
      });
      return { message: { id: sent.id, channel: action.channel } };
    }
    case 'contact.ticket': {
      const ticket = await createTicket(http, {
        ticketTypeId: action.ticketTypeId,
        contactId: action.contactId,
        title: action.title,
        ...(action.description ? { description: action.description } : {}),
        attributes: action.attributes,
        ...(action.companyId ? { companyId: action.companyId } : {}),
        ...(action.conversationId ? { conversationId: action.conversationId } : {}),
      });
      return { ticket: ticketSummary(ticket, await directory(s)) };
    }
    case 'contact.create-lead':
      return { contact: await s.lookup.createLead(action.email, action.name || undefined) };
    case 'contact.convert': {
      const contact = await getContact(http, action.contactId);
      await convertLeadToUser(http, contact.id, contact.email ? { email: contact.email } : {});
      return contactResult(s, contact.id);
    }
    case 'contact.update': {
      const patch = contactPatch(action);
      if (!Object.keys(patch).length) throw new AppError('bad_request', { field: 'name', detail: 'Nothing to change.' });
      await updateContact(http, action.contactId, patch);
      return contactResult(s, action.contactId);
    }
    case 'contact.attach-company': {
      const company = await attachContact(http, action.contactId, action.companyId);
      return { company: { id: company.id, name: company.name ?? '' }, ...(await contactResult(s, action.contactId)) };
    }
    case 'contact.create-company': {
      const created = await upsertCompany(http, { company_id: companyIdFor(action.name, action.companyId), name: action.name });
      await attachContact(http, action.contactId, created.id);
      return { company: { id: created.id, name: created.name ?? action.name }, ...(await contactResult(s, action.contactId)) };
    }
    case 'contact.detach-company': {
      const known = (await contactCompanies(http, action.contactId)).find((c) => c.id === action.companyId);
      const company = await detachContact(http, action.contactId, known ?? parse(CompanySchema, { id: action.companyId }));
      return { company: { id: company.id, name: company.name ?? '' }, ...(await contactResult(s, action.contactId)) };
    }
    case 'contact.event':
      await submitEvent(http, { name: action.name, contactId: action.contactId, metadata: action.metadata });
      return {};
    case 'conversation.reply':
      return conversationResult(s, await conv.reply(http, action.conversationId, action.messageType, adminId, action.body));
    case 'conversation.close':
      return conversationResult(s, await conv.close(http, action.conversationId, adminId));
    case 'conversation.open':
      return conversationResult(s, await conv.open(http, action.conversationId, adminId));
    case 'conversation.snooze':
      return conversationResult(s, await conv.snooze(http, action.conversationId, adminId, action.until));
    case 'conversation.assign':
      return conversationResult(
        s,
        await conv.assign(http, action.conversationId, adminId, { type: action.assigneeType, assigneeId: action.assigneeId }),
      );
    case 'conversation.tag': {
      const tag = await tagConversation(http, action.conversationId, action.tagId, adminId);
      return { tag: { id: tag.id, name: tag.name }, ...(await conversationResult(s, action.conversationId)) };
    }
    case 'conversation.untag': {
      const tag = await untagConversation(http, action.conversationId, await tagById(s, action.tagId), adminId);
      return { tag: { id: tag.id, name: tag.name }, ...(await conversationResult(s, action.conversationId)) };
    }
  }
}

/**
 * Whether an action sent at `sentAt` (Unix ms) by a worker that died before the answer took effect:
 * true (applied), false (provably not: safe to send), null (Intercom cannot tell us: the user decides).
 */
export async function verifyAction(s: Session, adminId: string, action: Action, sentAt: number): Promise<boolean | null> {
  const { http } = s;
  const since = Math.floor(sentAt / 1000) - 60;
  switch (action.kind) {
    // Creating a tag by name twice does no harm: just send it.
    case 'tag.create':
      return false;
    case 'contact.tag':
      return (await contactTags(http, action.contactId)).some((t) => t.id === action.tagId);
    case 'contact.untag':
      return !(await contactTags(http, action.contactId)).some((t) => t.id === action.tagId);
    case 'contact.note': {
      const first = await contactNotes(http, action.contactId).next();
      const notes = first.done ? [] : first.value;
      return notes.some((n) => sameText(n.body, action.body) && (n.created_at ?? 0) >= since && (!n.author || n.author.id === adminId));
    }
    case 'contact.convert':
      return (await getContact(http, action.contactId)).role === 'user';
    case 'contact.update': {
      const c = await getContact(http, action.contactId, false);
      const patch = contactPatch(action);
      const custom = c.custom_attributes ?? {};
      return (
        (patch.name === undefined || c.name === patch.name) &&
        (patch.phone === undefined || c.phone === patch.phone) &&
        Object.entries(patch.custom_attributes ?? {}).every(([k, v]) => custom[k] === v)
      );
    }
    case 'contact.attach-company':
      return (await contactCompanies(http, action.contactId)).some((c) => c.id === action.companyId);
    case 'contact.detach-company':
      return !(await contactCompanies(http, action.contactId)).some((c) => c.id === action.companyId);
    case 'contact.create-company': {
      const [company] = await findCompanies(http, { company_id: companyIdFor(action.name, action.companyId) });
      if (!company) return false;
      return (await contactCompanies(http, action.contactId)).some((c) => c.id === company.id) ? true : false;
    }
    case 'conversation.reply': {
      const c = await conv.getConversation(http, action.conversationId);
      return (c.conversation_parts?.conversation_parts ?? []).some(
        (p) => p.part_type === action.messageType && sameText(p.body, action.body) && (p.created_at ?? 0) >= since && (!p.author?.id || p.author.id === adminId),
      );
    }
    case 'conversation.close':
      return (await conv.getConversation(http, action.conversationId)).state === 'closed';
    case 'conversation.open':
      return (await conv.getConversation(http, action.conversationId)).state === 'open';
    case 'conversation.snooze': {
      const c = await conv.getConversation(http, action.conversationId);
      return c.state === 'snoozed' && c.snoozed_until === action.until;
    }
    case 'conversation.assign': {
      const c = await conv.getConversation(http, action.conversationId);
      const now = action.assigneeType === 'admin' ? c.admin_assignee_id : c.team_assignee_id;
      return action.assigneeId === '0' ? !now || now === '0' : now === action.assigneeId;
    }
    case 'conversation.tag':
      return (await conv.getConversation(http, action.conversationId)).tags?.tags.some((t) => t.id === action.tagId) ?? false;
    case 'conversation.untag':
      return !((await conv.getConversation(http, action.conversationId)).tags?.tags.some((t) => t.id === action.tagId) ?? false);
    // Messages, tickets, new leads and events cannot be found again reliably.
    case 'contact.message':
    case 'contact.ticket':
    case 'contact.create-lead':
    case 'contact.event':
      return null;
  }
}

/** What the panel shows for an action found to have taken effect after a restart. */
export async function resultAfterVerify(s: Session, action: Action): Promise<ActionResult> {
  if ('contactId' in action) return contactResult(s, action.contactId);
  if ('conversationId' in action) return conversationResult(s, action.conversationId);
  return {};
}
