/**
 * Quick actions: each kind of ActionSchema mapped onto the Intercom client (`runAction`), and for the outbox's
 * restart after a worker died mid-request, a check of whether it took effect (`verifyAction`).
 */
import type { Action, ActionResult } from '../protocol/actions';
import { AppError } from './errors';
import { attachContact, attached, detachContact, findCompanies, getCompany, upsertCompany, type CompanyFields } from './intercom/companies';
import {
  addNote,
  appliedPatch,
  contactOrNull,
  convertLeadToUser,
  deleteContact,
  getContact,
  hasTag,
  mergeLeadIntoUser,
  noteSince,
  tagContact,
  untagContact,
  updateContact,
  type ContactPatch,
} from './intercom/contacts';
import * as conv from './intercom/conversations';
import { submitEvent } from './intercom/events';
import { sendMessage } from './intercom/messages';
import { CompanySchema, parse, type CompanyData, type ContactData, type TagData } from './intercom/shapes';
import { conversationTag, createTag, listTags, tagConversation, untagConversation } from './intercom/tags';
import { createTicket } from './intercom/tickets';
import type { ConversationData } from './intercom/shapes-inbox';
import { conversationSummary, directory, forgetWorkspace, ticketSummary } from './reads';
import type { Session } from './session';
import { companyView } from './picture';

/** The fresh view of a contact the action changed (its cached lookups are dropped first). */
async function contactResult(s: Session, contactId: string): Promise<ActionResult> {
  s.lookup.invalidateContact(contactId);
  return { contact: await s.lookup.get(contactId) };
}

async function survivorResult(s: Session, userId: string): Promise<ActionResult> {
  s.lookup.invalidateContact(userId);
  return { survivor: await s.lookup.get(userId) };
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
  if (a.ownerId !== undefined) patch.owner_id = a.ownerId === null ? null : Number(a.ownerId);
  if (a.unsubscribedFromEmails !== undefined) patch.unsubscribed_from_emails = a.unsubscribedFromEmails;
  return patch;
}

/** Whether Intercom no longer has this contact (a deleted one answers 404, a merged-away one 410). */
const gone = async (s: Session, contactId: string) => (await contactOrNull(s.http, contactId)) === null;

/** The fields of a company.update as Intercom names them (company_id is added by the caller). */
function companyPatch(a: Extract<Action, { kind: 'company.update' }>): Omit<CompanyFields, 'company_id'> {
  const patch: Omit<CompanyFields, 'company_id'> = {};
  if (a.name !== undefined) patch.name = a.name;
  if (a.plan !== undefined) patch.plan = a.plan;
  if (a.size !== undefined) patch.size = a.size;
  if (a.industry !== undefined) patch.industry = a.industry;
  if (a.monthlySpend !== undefined) patch.monthly_spend = a.monthlySpend;
  if (a.website !== undefined) patch.website = a.website;
  if (a.customAttributes && Object.keys(a.customAttributes).length) patch.custom_attributes = a.customAttributes;
  return patch;
}

async function companyResult(s: Session, c: CompanyData): Promise<ActionResult> {
  if (c.name) s.lookup.renameCompany(c.id, c.name);
  return { company: { id: c.id, name: c.name ?? '' }, companyView: companyView(c, await s.lookup.appInfo()) };
}

/** The company the contact joined or left, and the contact as it is now. */
async function withCompany(s: Session, c: CompanyData, contactId: string, name = ''): Promise<ActionResult> {
  return { company: { id: c.id, name: c.name ?? name }, ...(await contactResult(s, contactId)) };
}

type Kind = Action['kind'];
type Of<K extends Kind> = Extract<Action, { kind: K }>;

/**
 * One entry per action kind: `run` sends it as `adminId` and answers what the card shows at once; `verify`
 * tells, for an action a stopped worker sent at `sentAt` (Unix ms) without seeing the answer, whether it took
 * effect: true (applied), false (provably not: safe to send), null (Intercom cannot tell: the user decides).
 */
interface Handler<K extends Kind> {
  run(s: Session, adminId: string, a: Of<K>): Promise<ActionResult>;
  verify(s: Session, adminId: string, a: Of<K>, since: number): Promise<boolean | null>;
}

/** Messages, tickets, new leads and events cannot be found again reliably. */
const cannotTell = async (): Promise<null> => null;

// The tests the Intercom client makes of a write whose answer was lost (core/intercom/*), made again here.
const contactHasTag = async (s: Session, contactId: string, tagId: string) => !!(await hasTag(s.http, contactId, tagId));
const inCompany = async (s: Session, contactId: string, companyId: string) => !!(await attached(s.http, contactId, companyId));
const conversationHasTag = async (s: Session, id: string, tagId: string) => !!(await conversationTag(s.http, id, tagId));
/** Verifies a conversation action by a test of the conversation as it is now. */
const conversationIs =
  <K extends Kind>(test: (a: Of<K>, adminId: string, since: number) => (c: ConversationData) => boolean) =>
  async (s: Session, adminId: string, a: Of<K> & { conversationId: string }, since: number) =>
    test(a, adminId, since)(await conv.getConversation(s.http, a.conversationId));
const tagOf = (tag: TagData) => ({ tag: { id: tag.id, name: tag.name } });
const assignee = (a: Of<'conversation.assign'>) => ({ type: a.assigneeType, assigneeId: a.assigneeId });

const ACTIONS: { [K in Kind]: Handler<K> } = {
  'tag.create': {
    async run(s, _admin, a) {
      const tag = await createTag(s.http, a.name);
      forgetWorkspace(s);
      return tagOf(tag);
    },
    // Creating a tag by name twice does no harm: just send it.
    verify: async () => false,
  },
  'contact.tag': {
    run: async (s, _admin, a) => ({ ...tagOf(await tagContact(s.http, a.contactId, a.tagId)), ...(await contactResult(s, a.contactId)) }),
    verify: (s, _admin, a) => contactHasTag(s, a.contactId, a.tagId),
  },
  'contact.untag': {
    run: async (s, _admin, a) => ({ ...tagOf(await untagContact(s.http, a.contactId, await tagById(s, a.tagId))), ...(await contactResult(s, a.contactId)) }),
    verify: async (s, _admin, a) => !(await contactHasTag(s, a.contactId, a.tagId)),
  },
  'contact.note': {
    async run(s, adminId, a) {
      await addNote(s.http, a.contactId, a.body, adminId);
      return {};
    },
    verify: async (s, adminId, a, since) => !!(await noteSince(s.http, a.contactId, a.body, adminId, since)),
  },
  'contact.message': {
    async run(s, adminId, a) {
      const contact = await getContact(s.http, a.contactId);
      // The card words the refusal itself (it knows the contact); the code and field say which it was.
      if (a.channel === 'email' && emailRefused(contact)) throw new AppError('bad_request', { field: contact.email ? 'channel' : 'email' });
      const sent = await sendMessage(s.http, {
        channel: a.channel,
        ...(a.subject ? { subject: a.subject } : {}),
        body: a.body,
        template: a.template,
        fromAdminId: adminId,
        to: { type: contact.role === 'user' ? 'user' : 'lead', id: contact.id },
      });
      return { message: { id: sent.id, channel: a.channel } };
    },
    verify: cannotTell,
  },
  'contact.ticket': {
    async run(s, _admin, a) {
      const ticket = await createTicket(s.http, {
        ticketTypeId: a.ticketTypeId,
        contactId: a.contactId,
        title: a.title,
        ...(a.description ? { description: a.description } : {}),
        attributes: a.attributes,
        ...(a.companyId ? { companyId: a.companyId } : {}),
        ...(a.conversationId ? { conversationId: a.conversationId } : {}),
      });
      return { ticket: ticketSummary(ticket, await directory(s)) };
    },
    verify: cannotTell,
  },
  'contact.create-lead': {
    run: async (s, _admin, a) => ({ contact: await s.lookup.createLead(a.email, a.name || undefined) }),
    verify: cannotTell,
  },
  'contact.convert': {
    async run(s, _admin, a) {
      const contact = await getContact(s.http, a.contactId);
      await convertLeadToUser(s.http, contact.id, contact.email ? { email: contact.email } : {});
      return contactResult(s, contact.id);
    },
    verify: async (s, _admin, a) => (await getContact(s.http, a.contactId)).role === 'user',
  },
  'contact.update': {
    async run(s, _admin, a) {
      const patch = contactPatch(a);
      if (!Object.keys(patch).length) throw new AppError('bad_request', { field: 'name' });
      await updateContact(s.http, a.contactId, patch);
      return contactResult(s, a.contactId);
    },
    // The same test updateContact makes of a lost answer.
    verify: async (s, _admin, a) => appliedPatch(await getContact(s.http, a.contactId, false), contactPatch(a)),
  },
  'contact.delete': {
    async run(s, _admin, a) {
      await deleteContact(s.http, a.contactId);
      s.lookup.invalidateContact(a.contactId);
      return { deleted: { id: a.contactId } };
    },
    // Deleted already: nothing to send again. Still there: it provably did not happen.
    verify: (s, _admin, a) => gone(s, a.contactId),
  },
  'contact.merge': {
    async run(s, _admin, a) {
      const lead = await getContact(s.http, a.contactId, false);
      const into = await getContact(s.http, a.intoId, false);
      // Intercom merges only a lead into a user: say so before sending anything it would refuse.
      if (lead.role !== 'lead') throw new AppError('bad_request', { field: 'from' });
      if (into.role !== 'user') throw new AppError('bad_request', { field: 'into' });
      await mergeLeadIntoUser(s.http, a.contactId, a.intoId);
      s.lookup.invalidateContact(a.contactId);
      return survivorResult(s, a.intoId);
    },
    verify: (s, _admin, a) => gone(s, a.contactId),
  },
  'contact.attach-company': {
    async run(s, _admin, a) {
      const company = await attachContact(s.http, a.contactId, a.companyId);
      return withCompany(s, company, a.contactId);
    },
    verify: (s, _admin, a) => inCompany(s, a.contactId, a.companyId),
  },
  'contact.create-company': {
    async run(s, _admin, a) {
      const created = await upsertCompany(s.http, { company_id: companyIdFor(a.name, a.companyId), name: a.name });
      await attachContact(s.http, a.contactId, created.id);
      return withCompany(s, created, a.contactId, a.name);
    },
    async verify(s, _admin, a) {
      const [company] = await findCompanies(s.http, { company_id: companyIdFor(a.name, a.companyId) });
      return company ? inCompany(s, a.contactId, company.id) : false;
    },
  },
  'contact.detach-company': {
    async run(s, _admin, a) {
      const known = await attached(s.http, a.contactId, a.companyId);
      const company = await detachContact(s.http, a.contactId, known ?? parse(CompanySchema, { id: a.companyId }));
      return withCompany(s, company, a.contactId);
    },
    verify: async (s, _admin, a) => !(await inCompany(s, a.contactId, a.companyId)),
  },
  'contact.event': {
    async run(s, _admin, a) {
      await submitEvent(s.http, { name: a.name, contactId: a.contactId, metadata: a.metadata });
      return {};
    },
    verify: cannotTell,
  },
  'company.update': {
    async run(s, _admin, a) {
      const patch = companyPatch(a);
      if (!Object.keys(patch).length) throw new AppError('bad_request', { field: 'name' });
      // Intercom updates a company through its create call, matched by the workspace's own company_id.
      const now = await getCompany(s.http, a.companyId);
      if (!now.company_id) throw new AppError('bad_request', { field: 'company_id' });
      const updated = await upsertCompany(s.http, { company_id: now.company_id, ...patch });
      return companyResult(s, updated);
    },
    async verify(s, _admin, a) {
      const c = await getCompany(s.http, a.companyId);
      const p = companyPatch(a);
      const plan = c.plan && !Array.isArray(c.plan) ? (c.plan.name ?? '') : '';
      const custom = c.custom_attributes ?? {};
      return (
        (p.name === undefined || c.name === p.name) &&
        (p.plan === undefined || plan === p.plan) &&
        (p.size === undefined || c.size === p.size) &&
        (p.industry === undefined || (c.industry ?? '') === p.industry) &&
        (p.monthly_spend === undefined || c.monthly_spend === p.monthly_spend) &&
        (p.website === undefined || (c.website ?? '') === p.website) &&
        Object.entries(p.custom_attributes ?? {}).every(([k, v]) => custom[k] === v)
      );
    },
  },
  'conversation.reply': {
    run: async (s, adminId, a) => conversationResult(s, await conv.reply(s.http, a.conversationId, a.messageType, adminId, a.body)),
    verify: conversationIs((a, adminId, since) => conv.replied(a.messageType, a.body, adminId, since)),
  },
  'conversation.close': {
    run: async (s, adminId, a) => conversationResult(s, await conv.close(s.http, a.conversationId, adminId)),
    verify: conversationIs(() => conv.isClosed),
  },
  'conversation.open': {
    run: async (s, adminId, a) => conversationResult(s, await conv.open(s.http, a.conversationId, adminId)),
    verify: conversationIs(() => conv.isOpen),
  },
  'conversation.snooze': {
    run: async (s, adminId, a) => conversationResult(s, await conv.snooze(s.http, a.conversationId, adminId, a.until)),
    verify: conversationIs((a) => conv.snoozedTill(a.until)),
  },
  'conversation.assign': {
    run: async (s, adminId, a) => conversationResult(s, await conv.assign(s.http, a.conversationId, adminId, assignee(a))),
    verify: conversationIs((a) => conv.assignedTo(assignee(a))),
  },
  'conversation.tag': {
    run: async (s, adminId, a) => ({ ...tagOf(await tagConversation(s.http, a.conversationId, a.tagId, adminId)), ...(await conversationResult(s, a.conversationId)) }),
    verify: (s, _admin, a) => conversationHasTag(s, a.conversationId, a.tagId),
  },
  'conversation.untag': {
    run: async (s, adminId, a) =>
      ({ ...tagOf(await untagConversation(s.http, a.conversationId, await tagById(s, a.tagId), adminId)), ...(await conversationResult(s, a.conversationId)) }),
    verify: async (s, _admin, a) => !(await conversationHasTag(s, a.conversationId, a.tagId)),
  },
};

function handlerOf<K extends Kind>(a: Of<K>): Handler<K> {
  return ACTIONS[a.kind as K];
}

/** Sends one action as `adminId`, and answers what the card shows at once. */
export function runAction(s: Session, adminId: string, action: Action): Promise<ActionResult> {
  return handlerOf(action).run(s, adminId, action);
}

/** After a stop mid-request: did the action sent at `sentAt` (Unix ms) take effect? (see Handler.verify) */
export function verifyAction(s: Session, adminId: string, action: Action, sentAt: number): Promise<boolean | null> {
  // A minute of slack for clocks: Intercom stamps what it stored with its own.
  return handlerOf(action).verify(s, adminId, action, Math.floor(sentAt / 1000) - 60);
}

/** What the card shows for an action found to have taken effect after a restart. */
export async function resultAfterVerify(s: Session, action: Action): Promise<ActionResult> {
  if (action.kind === 'contact.delete') {
    s.lookup.invalidateContact(action.contactId);
    return { deleted: { id: action.contactId } };
  }
  if (action.kind === 'contact.merge') {
    s.lookup.invalidateContact(action.contactId);
    return survivorResult(s, action.intoId);
  }
  if (action.kind === 'company.update') return companyResult(s, await getCompany(s.http, action.companyId));
  if ('contactId' in action) return contactResult(s, action.contactId);
  if ('conversationId' in action) return conversationResult(s, action.conversationId);
  return {};
}
