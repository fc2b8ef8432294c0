/**
 * Reads behind the card's fuller picture (issue 14): the people at a site's domain, a company's card and
 * people, a contact's notes, conversations (open, closed or all), data events, tickets with their detail,
 * and segments. Each list is one page at a time with an opaque cursor for "Show more"; a list the token may
 * not read answers `unavailable` instead of failing the card.
 */
import type { NamedRef } from '../protocol/schemas';
import type { CompanyView, ConversationFilter, EventView, NoteView, Page, SegmentsView, SitePeople, TicketDetail } from '../protocol/picture';
import type { ContactView } from '../protocol/schemas';
import { optional } from './optional';
import { companyContacts, getCompany } from './intercom/companies';
import { contactNotesPage, contactsAtDomain } from './intercom/contacts';
import { conversationsPage } from './intercom/conversations';
import { listEvents } from './intercom/events';
import { webAppBase } from './intercom/lookup';
import type { OnePage } from './intercom/paginate';
import { contactSegments } from './intercom/segments';
import type { CompanyData } from './intercom/shapes';
import type { DataEventData } from './intercom/shapes-picture';
import { getTicket, ticketsPage } from './intercom/tickets';
import type { TicketData } from './intercom/shapes-inbox';
import { conversationSummary, directory, plainText, ticketSummary } from './reads';
import type { Session } from './session';

/** Rows per "Show more". */
export const PAGE_SIZE = { people: 5, notes: 5, conversations: 5, events: 5, tickets: 5 } as const;

/** A page, or "this token may not read it" (403, 404, 501) with nothing in it. */
async function optionalPage<T>(read: Promise<Page<T>>): Promise<Page<T>> {
  const missing: string[] = [];
  const page = await optional(read, { items: [], next: null }, 'list', missing);
  return missing.length ? { ...page, unavailable: true } : page;
}

const mapPage = async <A, B>(page: Promise<OnePage<A>>, f: (items: A[]) => B[] | Promise<B[]>): Promise<Page<B>> => {
  const p = await page;
  return { items: await f(p.items), next: p.next };
};

/**
 * Contacts whose address is at `domain` (the panel chose it: the registrable domain of its tab, never a free-mail
 * one — src/protocol/site.ts).
 */
export async function sitePeople(s: Session, domain: string, cursor?: string): Promise<SitePeople> {
  return optionalPage(mapPage(contactsAtDomain(s.http, domain, PAGE_SIZE.people, cursor), (c) => s.lookup.views(c)));
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.url === 'string') return typeof o.value === 'string' && o.value ? `${o.value} (${o.url})` : o.url;
    if (typeof o.amount === 'number' && typeof o.currency === 'string') return `${(o.amount / 100).toFixed(2)} ${o.currency.toUpperCase()}`;
    if (typeof o.label === 'string') return o.label;
  }
  try {
    return JSON.stringify(v).slice(0, 500);
  } catch {
    return '';
  }
}

export function companyView(c: CompanyData, app: { idCode: string; region: string | null }): CompanyView {
  const raw = c as CompanyData & { tags?: { tags?: Array<{ id?: unknown; name?: unknown }> } | null };
  const custom: CompanyView['customAttributes'] = {};
  for (const [k, value] of Object.entries(c.custom_attributes ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) custom[k] = value as string | number | boolean | null;
  }
  const plan = c.plan && !Array.isArray(c.plan) ? (c.plan.name ?? null) : null;
  const tags: NamedRef[] = (raw.tags?.tags ?? []).flatMap((t) =>
    t && (typeof t.id === 'string' || typeof t.id === 'number') ? [{ id: String(t.id), name: typeof t.name === 'string' ? t.name : '' }] : [],
  );
  return {
    id: c.id,
    companyId: c.company_id,
    name: c.name ?? '',
    plan,
    size: c.size,
    industry: c.industry,
    monthlySpend: c.monthly_spend,
    userCount: c.user_count,
    website: c.website,
    customAttributes: custom,
    tags,
    url: `${webAppBase(app.region)}/a/apps/${encodeURIComponent(app.idCode)}/companies/${encodeURIComponent(c.id)}`,
  };
}

export async function companyCard(s: Session, id: string): Promise<CompanyView> {
  const [c, app] = await Promise.all([getCompany(s.http, id), s.lookup.appInfo()]);
  return companyView(c, app);
}

export function companyPeople(s: Session, id: string, cursor?: string): Promise<Page<ContactView>> {
  return optionalPage(mapPage(companyContacts(s.http, id, PAGE_SIZE.people, cursor), (c) => s.lookup.views(c)));
}

export function notesOfContact(s: Session, contactId: string, cursor?: string): Promise<Page<NoteView>> {
  return optionalPage(
    mapPage(contactNotesPage(s.http, contactId, PAGE_SIZE.notes, cursor), (notes) =>
      notes.map((n) => ({ id: n.id, body: n.body ?? '', author: n.author?.name ?? null, createdAt: n.created_at })),
    ),
  );
}

export async function conversationsOf(s: Session, contactId: string, filter: ConversationFilter, cursor?: string): Promise<Page<ReturnType<typeof conversationSummary>>> {
  const d = await directory(s);
  return optionalPage(mapPage(conversationsPage(s.http, contactId, filter, PAGE_SIZE.conversations, cursor), (cs) => cs.map((c) => conversationSummary(c, d))));
}

export function eventView(e: DataEventData): EventView {
  return {
    name: e.event_name,
    createdAt: e.created_at,
    metadata: Object.entries(e.metadata ?? {}).map(([key, value]) => ({ key, value: text(value) })),
  };
}

export function eventsOf(s: Session, contactId: string, cursor?: string): Promise<Page<EventView>> {
  return optionalPage(mapPage(listEvents(s.http, contactId, PAGE_SIZE.events, cursor), (es) => es.map(eventView)));
}

export async function ticketsOf(s: Session, contactId: string, cursor?: string): Promise<Page<ReturnType<typeof ticketSummary>>> {
  const d = await directory(s);
  return optionalPage(mapPage(ticketsPage(s.http, contactId, PAGE_SIZE.tickets, cursor), (ts) => ts.map((t) => ticketSummary(t, d))));
}

export function ticketDetailView(t: TicketData, summary: ReturnType<typeof ticketSummary>): TicketDetail {
  const state = t.ticket_state;
  const attrs = t.ticket_attributes ?? {};
  const description = attrs._default_description_;
  return {
    ...summary,
    category: typeof state === 'string' ? state : (state?.category ?? null),
    open: t.open ?? null,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    description: typeof description === 'string' ? plainText(description) || null : null,
    attributes: Object.entries(attrs)
      .filter(([k, v]) => k !== '_default_title_' && k !== '_default_description_' && v !== null && v !== '')
      .map(([name, v]) => ({ name, value: Array.isArray(v) ? v.map(text).join(', ') : text(v) })),
  };
}

export async function ticketDetail(s: Session, id: string): Promise<TicketDetail> {
  const [t, d] = await Promise.all([getTicket(s.http, id), directory(s)]);
  return ticketDetailView(t, ticketSummary(t, d));
}

export async function segmentsOf(s: Session, contactId: string): Promise<SegmentsView> {
  const missing: string[] = [];
  const segments = await optional(contactSegments(s.http, contactId), [], 'segments', missing);
  return {
    segments: segments.map((x) => ({ id: x.id, name: x.name ?? '' })),
    ...(missing.length ? { unavailable: true } : {}),
  };
}
