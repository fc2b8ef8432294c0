/**
 * The sandbox's in-memory workspace. Records hold what Intercom stores; `present.ts` turns them into
 * the JSON shapes of API 2.14. Everything here is plain data so tests can read and tweak it directly
 * (`sandbox.state.contacts.push(...)`).
 */
import type { FieldType, Scalar } from './search';

export type Role = 'user' | 'lead';

export interface AppRecord {
  id_code: string;
  name: string;
  region: string;
  timezone: string;
  created_at: number;
  identity_verification: boolean;
}

export interface AdminRecord {
  id: string; // numeric string: Intercom sends admin ids as strings but assignee ids as integers
  name: string;
  email: string;
  job_title: string;
  away_mode_enabled: boolean;
  away_mode_reassign: boolean;
  has_inbox_seat: boolean;
  team_ids: number[];
  avatar: string | null;
}

export interface LocationRecord {
  country: string | null;
  region: string | null;
  city: string | null;
  country_code: string | null;
  continent_code: string | null;
}

export interface AppliedTag {
  id: string;
  applied_at: number;
  applied_by: string; // admin id
}

export interface ContactRecord {
  id: string;
  external_id: string | null;
  role: Role;
  email: string | null;
  phone: string | null;
  name: string | null;
  avatar: string | null;
  owner_id: number | null;
  has_hard_bounced: boolean;
  marked_email_as_spam: boolean;
  unsubscribed_from_emails: boolean;
  created_at: number;
  updated_at: number;
  signed_up_at: number | null;
  last_seen_at: number | null;
  last_replied_at: number | null;
  last_contacted_at: number | null;
  last_email_opened_at: number | null;
  last_email_clicked_at: number | null;
  language_override: string | null;
  browser: string | null;
  browser_version: string | null;
  browser_language: string | null;
  os: string | null;
  location: LocationRecord;
  custom_attributes: Record<string, Scalar>;
  tags: AppliedTag[];
  company_ids: string[]; // Intercom ids of companies
}

export interface CompanyRecord {
  id: string;
  company_id: string; // the workspace's own id for the company
  name: string;
  /** null: never set (Intercom then leaves the field out of the company). */
  website: string | null;
  industry: string | null;
  size: number | null;
  monthly_spend: number;
  plan: { id: string; name: string } | null;
  created_at: number;
  updated_at: number;
  remote_created_at: number;
  /** null for a company no user of it has been seen with yet. */
  last_request_at: number | null;
  session_count: number;
  custom_attributes: Record<string, Scalar>;
  tag_ids: string[];
}

export interface TagRecord {
  id: string;
  name: string;
}

export type AuthorRef = { type: 'admin' | 'user' | 'lead' | 'bot'; id: string };

export type ConversationState = 'open' | 'closed' | 'snoozed';

export interface ConversationPartRecord {
  id: string;
  part_type: 'comment' | 'note' | 'quick_reply' | 'assignment' | 'assign_and_reopen' | 'close' | 'snoozed' | 'open';
  body: string | null;
  created_at: number;
  author: AuthorRef;
  /** The conversation's state once this part was added. */
  state: ConversationState;
  /** Assignment parts: who the conversation went to. */
  assigned_to: { type: 'admin' | 'team'; id: string } | null;
}

export interface ConversationRecord {
  id: string;
  title: string | null;
  created_at: number;
  updated_at: number;
  waiting_since: number | null;
  snoozed_until: number | null;
  state: ConversationState;
  read: boolean;
  priority: 'priority' | 'not_priority';
  admin_assignee_id: number | null;
  team_assignee_id: number | null;
  contact_ids: string[];
  tags: AppliedTag[];
  source: { id: string; type: 'conversation' | 'email'; delivered_as: string; subject: string; body: string; author: AuthorRef };
  parts: ConversationPartRecord[];
  rating: { rating: number; remark: string; created_at: number } | null;
}

/** Ticket types are read-only here, so they are kept in their API shape. */
export type TicketTypeJson = Record<string, unknown> & { id: string; name: string };

export interface NoteRecord {
  id: string;
  contact_id: string;
  admin_id: string;
  /** HTML, as Intercom stores it. */
  body: string;
  created_at: number;
}

export interface TeamRecord {
  id: string;
  name: string;
  admin_ids: number[];
  distribution_method: 'round_robin' | 'balanced';
  /** Only for balanced teams. */
  assignment_limit: number | null;
}

export type TicketStateCategory = 'submitted' | 'in_progress' | 'waiting_on_customer' | 'resolved';
export type TicketAttributeValue = string | number | boolean | null | unknown[];

export interface TicketRecord {
  id: string;
  /** The number shown in the Inbox ("#12"): not usable in API paths. */
  ticket_id: string;
  ticket_type_id: string;
  attributes: Record<string, TicketAttributeValue>;
  state: TicketStateCategory;
  contact_ids: string[];
  company_id: string | null;
  admin_assignee_id: string | null;
  team_assignee_id: string | null;
  created_at: number;
  updated_at: number;
  open: boolean;
  snoozed_until: number | null;
  linked_conversation_ids: string[];
  parts: { id: string; part_type: string; state: TicketStateCategory; previous: TicketStateCategory; created_at: number; author: AuthorRef }[];
}

export interface MessageRecord {
  id: string;
  type: 'admin_message' | 'user_message';
  message_type: 'inapp' | 'email';
  subject: string | null;
  body: string;
  template: 'plain' | 'personal' | null;
  from: AuthorRef;
  /** Contact ids of the recipients (admin messages). */
  to: string[];
  created_at: number;
  conversation_id: string | null;
}

export type EventMetadataValue = string | number | boolean | null | { url: string; value: string } | { amount: number; currency: string };

export interface EventRecord {
  event_name: string;
  created_at: number;
  /** The Intercom id of the contact the event is about. */
  contact_id: string;
  /** How the request named the contact. */
  identified_by: 'id' | 'user_id' | 'email';
  metadata: Record<string, EventMetadataValue>;
  /** Sandbox clock (Unix seconds) when the event arrived. */
  received_at: number;
}

/** A custom data attribute's description beyond its type. */
export interface AttributeMeta {
  label?: string;
  description?: string;
  /** A list attribute: the values it may take. */
  options?: string[];
  /** false: shown in Intercom but not writable through the API (PUT answers 400). Default true. */
  apiWritable?: boolean;
  archived?: boolean;
}

/**
 * A segment: contacts matching a rule, kept as a contact search query (the same filters `POST /contacts/search`
 * takes), so membership follows the data like Intercom's own segments do. `person_type`: `user` (users only)
 * or `contact` (leads only).
 */
export interface SegmentRecord {
  id: string;
  name: string;
  person_type: 'user' | 'contact';
  created_at: number;
  updated_at: number;
  query: unknown;
}

export interface SandboxState {
  app: AppRecord;
  /** Id of the admin who owns the access token (`GET /me`). */
  meAdminId: string;
  admins: AdminRecord[];
  contacts: ContactRecord[];
  companies: CompanyRecord[];
  tags: TagRecord[];
  ticketTypes: TicketTypeJson[];
  conversations: ConversationRecord[];
  notes: NoteRecord[];
  teams: TeamRecord[];
  tickets: TicketRecord[];
  /** Messages sent through `POST /messages`, oldest first. */
  messages: MessageRecord[];
  /** Data events accepted by `POST /events` (duplicates Intercom ignores are not recorded twice). */
  events: EventRecord[];
  /** Segments (`GET /segments`, `GET /contacts/{id}/segments`). */
  segments: SegmentRecord[];
  /** Contacts merged away: old id → the id of the contact they were merged into. */
  merged: Record<string, string>;
  /** Contact data attributes (custom attributes) and their types; others are refused like Intercom does. */
  contactAttributes: Record<string, FieldType>;
  /** How `GET /data_attributes` describes each of them (label, a list's options, read-only ones); absent: defaults. */
  contactAttributeMeta: Record<string, AttributeMeta>;
  /** Counter for ids of objects created through the API. */
  seq: number;
}

/** The next number for an id of something created through the API (unique within the workspace). */
export function nextSeq(state: SandboxState): number {
  return state.seq++;
}

/** A Mongo-style ObjectId (24 hex chars) as Intercom uses for contacts and companies; deterministic. */
export function objectId(createdAt: number, n: number): string {
  return createdAt.toString(16).padStart(8, '0') + 'a1c0ffee42' + n.toString(16).padStart(6, '0');
}

export function emailDomain(email: string | null): string {
  if (!email) return '';
  const at = email.lastIndexOf('@');
  return at === -1 ? '' : email.slice(at + 1).toLowerCase();
}

export function findContact(state: SandboxState, id: string): ContactRecord | undefined {
  return state.contacts.find((c) => c.id === id);
}

export function findCompany(state: SandboxState, id: string): CompanyRecord | undefined {
  return state.companies.find((c) => c.id === id);
}

export function companyUserCount(state: SandboxState, companyId: string): number {
  return state.contacts.filter((c) => c.role === 'user' && c.company_ids.includes(companyId)).length;
}

/** Where a merged-away contact id ended up (following merges of merges), or undefined if it was never merged. */
export function canonicalContactId(state: SandboxState, id: string): string | undefined {
  let at = state.merged[id];
  for (let hops = 0; at !== undefined && state.merged[at] !== undefined && hops < 100; hops++) at = state.merged[at];
  return at;
}
