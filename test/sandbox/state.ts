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
  website: string;
  industry: string;
  size: number;
  monthly_spend: number;
  plan: { id: string; name: string } | null;
  created_at: number;
  updated_at: number;
  remote_created_at: number;
  last_request_at: number;
  session_count: number;
  custom_attributes: Record<string, Scalar>;
  tag_ids: string[];
}

export interface TagRecord {
  id: string;
  name: string;
}

export type AuthorRef = { type: 'admin' | 'user' | 'lead' | 'bot'; id: string };

export interface ConversationPartRecord {
  id: string;
  part_type: 'comment' | 'note' | 'assignment' | 'close' | 'snoozed' | 'open';
  body: string | null;
  created_at: number;
  author: AuthorRef;
}

export interface ConversationRecord {
  id: string;
  title: string | null;
  created_at: number;
  updated_at: number;
  waiting_since: number | null;
  snoozed_until: number | null;
  state: 'open' | 'closed' | 'snoozed';
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
  /** Contact data attributes (custom attributes) and their types; others are refused like Intercom does. */
  contactAttributes: Record<string, FieldType>;
  /** Counter for ids of objects created through the API. */
  seq: number;
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
