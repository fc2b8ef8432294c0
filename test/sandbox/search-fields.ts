/**
 * Which fields `POST /contacts/search`, `POST /conversations/search` and `POST /tickets/search` accept,
 * with their types — the "Accepted Fields" tables of the 2.14 description, plus `companies.id` /
 * `company_id` for contacts.
 */
import { ticketCategory } from './present-more';
import type { FieldDef, FieldType, Operator, Scalar, SearchSpec } from './search';
import { emailDomain, type ContactRecord, type ConversationRecord, type SandboxState, type TicketRecord } from './state';
import { attributesOf } from './ticket-input';

type Getter<T> = (item: T) => Scalar | readonly Scalar[] | undefined;
const f = <T>(type: FieldType, get: Getter<T>, extra: Partial<FieldDef<T>> = {}): FieldDef<T> => ({ type, get, ...extra });

const CONTACT_DATES = [
  'created_at', 'updated_at', 'signed_up_at', 'last_seen_at', 'last_contacted_at', 'last_replied_at',
  'last_email_opened_at', 'last_email_clicked_at',
] as const;
const CONTACT_STRINGS = [
  'id', 'role', 'name', 'avatar', 'phone', 'external_id', 'language_override', 'browser', 'browser_language', 'os',
] as const;
const CONTACT_BOOLS = ['unsubscribed_from_emails', 'marked_email_as_spam', 'has_hard_bounced'] as const;
const NULL_FIELDS = [
  'ios_last_seen_at', 'ios_app_version', 'ios_device', 'ios_app_device', 'ios_os_version', 'ios_app_name', 'ios_sdk_version',
  'android_last_seen_at', 'android_app_version', 'android_device', 'android_app_name', 'andoid_sdk_version', 'android_sdk_version', 'segment_id',
] as const;

export function contactSearchSpec(state: SandboxState): SearchSpec<ContactRecord> {
  const fixed = new Map<string, FieldDef<ContactRecord>>();
  for (const k of CONTACT_DATES) fixed.set(k, f('date', (c) => c[k]));
  for (const k of CONTACT_STRINGS) fixed.set(k, f('string', (c) => c[k]));
  for (const k of CONTACT_BOOLS) fixed.set(k, f('boolean', (c) => c[k]));
  for (const k of NULL_FIELDS) fixed.set(k, f(k.endsWith('_at') ? 'date' : 'string', () => null));
  fixed.set('email', f('string', (c) => c.email, { caseInsensitive: true }));
  fixed.set('email_domain', f('string', (c) => emailDomain(c.email), { caseInsensitive: true }));
  fixed.set('owner_id', f('integer', (c) => c.owner_id));
  fixed.set('location.country', f('string', (c) => c.location.country));
  fixed.set('location.region', f('string', (c) => c.location.region));
  fixed.set('location.city', f('string', (c) => c.location.city));
  fixed.set('tag_id', f('string', (c) => c.tags.map((t) => t.id), { multi: true, operators: ['=', '!='] }));
  const companyIds = f<ContactRecord>('string', (c) => c.company_ids, { multi: true });
  fixed.set('companies.id', companyIds);
  fixed.set('company_id', companyIds);

  return {
    field(name) {
      const known = fixed.get(name);
      if (known) return known;
      if (name.startsWith('custom_attributes.')) {
        const attr = name.slice('custom_attributes.'.length);
        const type = state.contactAttributes[attr];
        return type ? f(type, (c) => c.custom_attributes[attr]) : undefined;
      }
      return undefined;
    },
    id: (c) => c.id,
    defaultSort: { field: 'created_at', order: 'descending' },
    defaultPerPage: 50,
    maxPerPage: 150,
  };
}

export function conversationSearchSpec(state: SandboxState): SearchSpec<ConversationRecord> {
  const fixed = new Map<string, FieldDef<ConversationRecord>>([
    ['id', f('string', (c) => c.id)],
    ['title', f('string', (c) => c.title)],
    ['created_at', f('date', (c) => c.created_at)],
    ['updated_at', f('date', (c) => c.updated_at)],
    ['waiting_since', f('date', (c) => c.waiting_since)],
    ['snoozed_until', f('date', (c) => c.snoozed_until)],
    ['state', f('string', (c) => c.state)],
    ['open', f('boolean', (c) => c.state !== 'closed')],
    ['read', f('boolean', (c) => c.read)],
    ['priority', f('string', (c) => c.priority)],
    ['admin_assignee_id', f('integer', (c) => c.admin_assignee_id)],
    ['team_assignee_id', f('integer', (c) => c.team_assignee_id)],
    ['contact_ids', f('string', (c) => c.contact_ids, { multi: true })],
    ['tag_ids', f('string', (c) => c.tags.map((t) => t.id), { multi: true })],
    ['source.type', f('string', (c) => c.source.type)],
    ['source.id', f('string', (c) => c.source.id)],
    ['source.delivered_as', f('string', (c) => c.source.delivered_as)],
    ['source.subject', f('string', (c) => c.source.subject)],
    ['source.body', f('string', (c) => c.source.body)],
    ['source.author.id', f('string', (c) => c.source.author.id)],
    ['source.author.type', f('string', (c) => c.source.author.type)],
    [
      'source.author.email',
      f('string', (c) => state.contacts.find((x) => x.id === c.source.author.id)?.email ?? null, { caseInsensitive: true }),
    ],
    ['conversation_rating.score', f('integer', (c) => c.rating?.rating ?? null)],
  ]);
  return {
    field: (name) => fixed.get(name),
    id: (c) => c.id,
    defaultSort: { field: 'created_at', order: 'descending' },
    defaultPerPage: 20,
    maxPerPage: 150,
  };
}

/** Ticket search's `category` takes these terms, not the category names. */
const CATEGORY_TERM = { Customer: 'request', 'Back-office': 'task', Tracker: 'tracker' } as const;
/** "You may use the `<=` or `>=` operators to search by `created_at`." */
const CREATED_AT_OPS: readonly Operator[] = ['=', '>', '<', '>=', '<='];
const ATTR_TYPES: Record<string, FieldType> = { string: 'string', list: 'string', integer: 'integer', decimal: 'float', boolean: 'boolean', datetime: 'date' };

export function ticketSearchSpec(state: SandboxState): SearchSpec<TicketRecord> {
  const typeOf = (t: TicketRecord) => state.ticketTypes.find((x) => x.id === t.ticket_type_id);
  const attr = (t: TicketRecord, name: string): Scalar => {
    const v = t.attributes[name];
    return Array.isArray(v) || v === undefined ? null : v;
  };
  const fixed = new Map<string, FieldDef<TicketRecord>>([
    ['id', f('string', (t) => t.id)],
    ['created_at', f('date', (t) => t.created_at, { operators: CREATED_AT_OPS })],
    ['updated_at', f('date', (t) => t.updated_at)],
    ['title', f('string', (t) => attr(t, '_default_title_'))],
    ['description', f('string', (t) => attr(t, '_default_description_'))],
    ['category', f('string', (t) => CATEGORY_TERM[ticketCategory(typeOf(t))])],
    ['ticket_type_id', f('string', (t) => t.ticket_type_id)],
    ['contact_ids', f('string', (t) => t.contact_ids, { multi: true })],
    ['teammate_ids', f('string', (t) => [...new Set(t.parts.filter((p) => p.author.type === 'admin').map((p) => p.author.id))], { multi: true })],
    ['admin_assignee_id', f('string', (t) => t.admin_assignee_id)],
    ['team_assignee_id', f('string', (t) => t.team_assignee_id)],
    ['open', f('boolean', (t) => t.open)],
    ['state', f('string', (t) => t.state)],
    ['snoozed_until', f('date', (t) => t.snoozed_until)],
  ]);
  return {
    field(name) {
      const known = fixed.get(name);
      if (known) return known;
      const m = /^ticket_attribute\.(.+)$/.exec(name);
      if (!m) return undefined;
      for (const type of state.ticketTypes) {
        const a = attributesOf(type).find((x) => x.id === m[1]);
        const t = a ? ATTR_TYPES[a.data_type] : undefined;
        if (a && t) return f(t, (ticket) => (ticket.ticket_type_id === type.id ? attr(ticket, a.name) : null));
      }
      return undefined;
    },
    id: (t) => t.id,
    defaultSort: { field: 'created_at', order: 'descending' },
    defaultPerPage: 20,
    maxPerPage: 150,
  };
}
