/**
 * The card's fuller picture (issue 14): people at the tab's site, a company's card, a contact's history and
 * segments. Pure valibot and types: safe in every context.
 */
import * as v from 'valibot';
import { most, type ContactView, type NamedRef } from './schemas';
import type { ConversationSummary, TicketSummary } from './actions';

/** An opaque "next page" token the worker handed out, sent back as it was. */
export const CursorSchema = v.pipe(v.string(), most(512), v.regex(/^[\x21-\x7e]+$/));

/** A registrable domain (`acme.co.uk`), as the panel derived it from its tab's host (src/protocol/site.ts). */
export const DomainSchema = v.pipe(v.string(), v.trim(), v.transform((s) => s.toLowerCase()), most(253), v.regex(/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u));

export const ConversationFilterSchema = v.picklist(['open', 'closed', 'all']);
export type ConversationFilter = v.InferOutput<typeof ConversationFilterSchema>;

/** One page of a list; `next` asks for the following one (null: that was the last). */
export interface Page<T> {
  items: T[];
  next: string | null;
  /** The token may not read this list (403), or the workspace does not have it (404, 501). */
  unavailable?: boolean;
}

/** The people at one domain, a page at a time. */
export type SitePeople = Page<ContactView>;

export interface CompanyView {
  id: string;
  companyId: string | null;
  name: string;
  plan: string | null;
  size: number | null;
  industry: string | null;
  monthlySpend: number | null;
  userCount: number | null;
  website: string | null;
  customAttributes: Record<string, string | number | boolean | null>;
  tags: NamedRef[];
  /** The company's page in the Intercom web app. */
  url: string;
}

export interface NoteView {
  id: string;
  /** HTML as Intercom stores it: the widget sanitises it before showing it. */
  body: string;
  author: string | null;
  createdAt: number | null;
}

export interface EventView {
  name: string;
  createdAt: number | null;
  /** Flat metadata as text (rich links and amounts written out). */
  metadata: Array<{ key: string; value: string }>;
}

export interface TicketDetail extends TicketSummary {
  /** The ticket's state category (`submitted`, `in_progress`, `waiting_on_customer`, `resolved`). */
  category: string | null;
  open: boolean | null;
  createdAt: number | null;
  updatedAt: number | null;
  description: string | null;
  /** The ticket type's other attributes, as text. */
  attributes: Array<{ name: string; value: string }>;
}

export interface SegmentsView {
  segments: NamedRef[];
  unavailable?: boolean;
}

export type { ConversationSummary, TicketSummary };
