/**
 * Quick actions: every write the panel can ask for, as one discriminated union. Each goes through the
 * worker's persisted outbox, which answers with an OutboxEntry. Pure valibot and types: safe in every context.
 */
import * as v from 'valibot';
import { CountSchema, EmailSchema, filled, most, type ErrorInfo, type NamedRef } from './schemas';

/** Intercom ids: word characters, dots, colons and dashes — never only dots (`..` would change a request's path). */
export const IdSchema = v.pipe(v.string(), v.regex(/^[\w.:-]{1,64}$/), v.regex(/[^.]/));
const Text = (max: number) => v.pipe(v.string(), v.trim(), filled, most(max));
// Bounds through v.check, which the worker carries anyway: maxEntries and maxValue would each bring one more
// valibot action into its bundle for the same test.
const upTo = (n: number) => v.check((x: number) => x <= n);
const Scalar = v.union([v.pipe(v.string(), most(1000)), v.number(), v.boolean()]);

export const ActionSchema = v.union([
  v.object({ kind: v.literal('tag.create'), name: Text(255) }),
  v.object({ kind: v.literal('contact.tag'), contactId: IdSchema, tagId: IdSchema }),
  v.object({ kind: v.literal('contact.untag'), contactId: IdSchema, tagId: IdSchema }),
  v.object({ kind: v.literal('contact.note'), contactId: IdSchema, body: Text(10_000) }),
  v.object({
    kind: v.literal('contact.message'),
    contactId: IdSchema,
    channel: v.picklist(['inapp', 'email']),
    subject: v.optional(v.pipe(v.string(), v.trim(), most(255))),
    body: Text(10_000),
    template: v.picklist(['plain', 'personal']),
  }),
  v.object({
    kind: v.literal('contact.ticket'),
    contactId: IdSchema,
    ticketTypeId: IdSchema,
    title: Text(255),
    description: v.optional(v.pipe(v.string(), most(10_000))),
    /** The ticket type's other attributes, by attribute name. */
    attributes: v.optional(v.record(v.pipe(v.string(), most(255)), Scalar), {}),
    conversationId: v.optional(IdSchema),
    companyId: v.optional(IdSchema),
  }),
  v.object({ kind: v.literal('contact.create-lead'), email: EmailSchema, name: v.optional(v.pipe(v.string(), v.trim(), most(255))) }),
  v.object({ kind: v.literal('contact.convert'), contactId: IdSchema }),
  v.object({
    kind: v.literal('contact.update'),
    contactId: IdSchema,
    name: v.optional(v.pipe(v.string(), v.trim(), most(255))),
    phone: v.optional(v.pipe(v.string(), v.trim(), most(64))),
    customAttributes: v.optional(v.record(v.pipe(v.string(), most(255)), v.nullable(Scalar))),
    /** The admin who owns the contact; null: no owner. */
    ownerId: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^\d{1,20}$/)))),
    unsubscribedFromEmails: v.optional(v.boolean()),
  }),
  /** Deletes the contact in Intercom (it cannot be undone: the card asks first, naming who). */
  v.object({ kind: v.literal('contact.delete'), contactId: IdSchema }),
  /** Merges the lead `contactId` into the user `intoId`: the user remains, the lead is gone. */
  v.object({ kind: v.literal('contact.merge'), contactId: IdSchema, intoId: IdSchema }),
  v.object({ kind: v.literal('contact.attach-company'), contactId: IdSchema, companyId: IdSchema }),
  /** Creates the company (or updates the one with that company_id), then attaches the contact. */
  v.object({
    kind: v.literal('contact.create-company'),
    contactId: IdSchema,
    name: Text(255),
    companyId: v.optional(v.pipe(v.string(), v.trim(), filled, most(255))),
  }),
  v.object({ kind: v.literal('contact.detach-company'), contactId: IdSchema, companyId: IdSchema }),
  v.object({
    kind: v.literal('contact.event'),
    contactId: IdSchema,
    name: Text(255),
    metadata: v.optional(v.pipe(v.record(v.pipe(v.string(), filled, most(255)), Scalar), v.check((o) => Object.keys(o).length <= 10)), {}),
  }),
  /** A company's standard fields and custom attributes (POST /companies, matched by its company_id). */
  v.object({
    kind: v.literal('company.update'),
    companyId: IdSchema,
    name: v.optional(Text(255)),
    plan: v.optional(v.pipe(v.string(), v.trim(), most(255))),
    size: v.optional(v.pipe(CountSchema, upTo(10_000_000))),
    industry: v.optional(v.pipe(v.string(), v.trim(), most(255))),
    /** Whole units: Intercom truncates fractions. */
    monthlySpend: v.optional(v.pipe(CountSchema, upTo(1e12))),
    website: v.optional(v.pipe(v.string(), v.trim(), most(255))),
    customAttributes: v.optional(v.pipe(v.record(v.pipe(v.string(), filled, most(255)), v.nullable(Scalar)), v.check((o) => Object.keys(o).length <= 100))),
  }),
  v.object({ kind: v.literal('conversation.reply'), conversationId: IdSchema, messageType: v.picklist(['comment', 'note']), body: Text(10_000) }),
  v.object({ kind: v.literal('conversation.close'), conversationId: IdSchema }),
  v.object({ kind: v.literal('conversation.open'), conversationId: IdSchema }),
  v.object({ kind: v.literal('conversation.snooze'), conversationId: IdSchema, until: CountSchema }),
  /** assigneeId "0" unassigns. */
  v.object({ kind: v.literal('conversation.assign'), conversationId: IdSchema, assigneeType: v.picklist(['admin', 'team']), assigneeId: IdSchema }),
  v.object({ kind: v.literal('conversation.tag'), conversationId: IdSchema, tagId: IdSchema }),
  v.object({ kind: v.literal('conversation.untag'), conversationId: IdSchema, tagId: IdSchema }),
]);
export type Action = v.InferOutput<typeof ActionSchema>;
export type ActionInput = v.InferInput<typeof ActionSchema>;

/** What a finished action gives back, for the panel to show at once. */
export interface ActionResult {
  contact?: import('./schemas').ContactView;
  tag?: NamedRef;
  company?: NamedRef;
  /** company.update: the company as it is now. */
  companyView?: import('./picture').CompanyView;
  ticket?: TicketSummary;
  conversation?: ConversationSummary;
  message?: { id: string; channel: 'inapp' | 'email' };
  /** The contact no longer exists in Intercom (deleted). */
  deleted?: { id: string };
  /** After a merge: the user that remains, with what the lead had. */
  survivor?: import('./schemas').ContactView;
}

export type OutboxState = 'pending' | 'sending' | 'done' | 'failed' | 'uncertain' | 'cancelled';

export interface OutboxEntry {
  /** Chosen by the page (a UUID): submitting the same id twice never sends twice. */
  id: string;
  action: Action;
  state: OutboxState;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  /** A bulk run's entries share one. */
  batchId?: string;
  /** The workspace it was queued in, and is sent in (absent: queued before there were several). */
  workspaceId?: string;
  error?: ErrorInfo;
  result?: ActionResult;
}

export const OutboxIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{8,64}$/));

// ---- what the panel reads ----

export interface AdminRef {
  id: string;
  name: string;
  email: string | null;
}

export interface TicketAttributeView {
  name: string;
  label: string;
  description: string | null;
  dataType: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'files' | string;
  required: boolean;
  multiline: boolean;
  options: Array<{ id: string; label: string }>;
}

export interface TicketTypeView {
  id: string;
  name: string;
  description: string | null;
  category: string | null;
  /** Without `_default_title_` / `_default_description_`, which the form always has. */
  attributes: TicketAttributeView[];
}

/** Parts of a workspace a token may lack the permission (or the plan) to read. */
export type OptionalRead = 'admins' | 'teams' | 'tags' | 'ticketTypes' | 'conversations' | 'tickets';

export interface WorkspaceView {
  appId: string;
  me: AdminRef;
  /** Who writes as: Settings' choice, else the token's admin. */
  actingAdminId: string;
  admins: AdminRef[];
  teams: NamedRef[];
  tags: NamedRef[];
  ticketTypes: TicketTypeView[];
  /** What Intercom refused to this token (403, 404, 501): those lists are empty because they cannot be read. */
  unavailable?: OptionalRead[];
  /** Writes Intercom refused to this token when tried (403): the card no longer offers them. */
  refusedWrites?: string[];
}

export interface ConversationSummary {
  id: string;
  title: string | null;
  state: 'open' | 'closed' | 'snoozed' | string;
  updatedAt: number | null;
  snoozedUntil: number | null;
  assignee: { type: 'admin' | 'team'; id: string; name: string } | null;
  /** The last part, as plain text. */
  lastPart: string;
  tags: NamedRef[];
  url: string;
}

export interface ConversationPartView {
  id: string;
  partType: string | null;
  author: string | null;
  /** HTML as Intercom sent it: the widget sanitises it (DOMPurify) before showing it. */
  body: string;
  createdAt: number | null;
}

export interface ConversationDetail extends ConversationSummary {
  parts: ConversationPartView[];
}

export interface TicketSummary {
  id: string;
  ticketId: string | null;
  typeName: string | null;
  state: string | null;
  title: string | null;
  url: string;
}

export interface ContactActivity {
  /** Open conversations, newest first. */
  conversations: ConversationSummary[];
  tickets: TicketSummary[];
  /** Sections this token may not read: each says so on its own, the rest of the card works. */
  unavailable?: OptionalRead[];
}

export interface CompanyRef extends NamedRef {
  companyId: string | null;
}
