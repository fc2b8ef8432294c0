/**
 * `POST /events`: a data event about a contact, named by `id` (Intercom id, leads included), `user_id`
 * (external id) or `email` (a user's). Answers `202 Accepted` with an empty body; accepted events are in
 * `state.events`. Like Intercom, an event with the same contact, name and `created_at` as one already
 * received is a duplicate: accepted (202) and ignored.
 *
 * Metadata must be flat: strings, numbers, booleans, plus the two documented objects — rich links
 * `{url, value}` and monetary amounts `{amount (cents), currency}`. At most 10 keys: the description says
 * Intercom silently ignores keys past the 10th; the sandbox refuses them (400) so that a client losing
 * data that way is caught in tests.
 *
 * `GET /events?type=user&intercom_user_id=…` (or `user_id`, `email`): the contact's events of the last 90 days,
 * newest first, `per_page` at a time, with `pages.next` a link carrying `before` (milliseconds) to the next page;
 * `summary=true` answers an `event.summary` (name, first, last, count per event name) instead.
 */
import { invalid, notFound, required } from '../errors';
import { bodyObject, intParam, isRecord, optId, optInteger, optText, type Ctx, type Route } from '../http';
import { findContact, type ContactRecord, type EventMetadataValue, type EventRecord } from '../state';

export const MAX_EVENT_METADATA_KEYS = 10;

function metadataValue(key: string, v: unknown): EventMetadataValue {
  const field = `metadata.${key}`;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (isRecord(v)) {
    const keys = Object.keys(v).sort().join(',');
    if (keys === 'url,value' && typeof v.url === 'string' && /^https?:\/\//.test(v.url) && typeof v.value === 'string') return { url: v.url, value: v.value };
    if (keys === 'amount,currency' && typeof v.amount === 'number' && Number.isInteger(v.amount) && v.amount >= 0 && typeof v.currency === 'string') {
      return { amount: v.amount, currency: v.currency };
    }
  }
  throw invalid(
    `Metadata '${key}' is not supported: values must be strings, numbers or booleans, a rich link {url, value} or a monetary amount {amount, currency} (nested JSON is not supported)`,
    field,
  );
}

function eventContact(ctx: Ctx, body: Record<string, unknown>): { contact: ContactRecord; by: EventRecord['identified_by'] } {
  const id = optId(body, 'id') ?? optId(body, 'intercom_user_id');
  const userId = optText(body, 'user_id');
  const email = optText(body, 'email')?.toLowerCase();
  let found: ContactRecord | undefined;
  let by: EventRecord['identified_by'];
  if (id !== undefined) {
    found = findContact(ctx.state, id);
    by = 'id';
  } else if (userId !== undefined) {
    found = ctx.state.contacts.find((c) => c.role === 'user' && c.external_id === userId);
    by = 'user_id';
  } else if (email !== undefined) {
    found = ctx.state.contacts.find((c) => c.role === 'user' && c.email?.toLowerCase() === email);
    by = 'email';
  } else {
    throw invalid('One of id, user_id or email is required to identify the contact', 'id');
  }
  if (!found) throw notFound('User Not Found');
  return { contact: found, by };
}

export const eventRoutes: Route[] = [
  {
    method: 'POST',
    path: '/events',
    handler(ctx) {
      const body = bodyObject(ctx.body);
      const name = optText(body, 'event_name')?.trim();
      if (name === undefined || name === '') throw required('event_name');
      const createdAt = optInteger(body, 'created_at');
      if (createdAt === undefined) throw required('created_at');
      const raw = body.metadata ?? {};
      if (!isRecord(raw)) throw invalid('metadata must be an object', 'metadata');
      const keys = Object.keys(raw);
      if (keys.length > MAX_EVENT_METADATA_KEYS) {
        throw invalid(`An event can have at most ${MAX_EVENT_METADATA_KEYS} metadata keys, got ${keys.length}`, 'metadata');
      }
      const metadata: Record<string, EventMetadataValue> = {};
      for (const key of keys) metadata[key] = metadataValue(key, raw[key]);
      const { contact, by } = eventContact(ctx, body);
      const duplicate = ctx.state.events.some((e) => e.contact_id === contact.id && e.event_name === name && e.created_at === createdAt);
      if (!duplicate) {
        ctx.state.events.push({ event_name: name, created_at: createdAt, contact_id: contact.id, identified_by: by, metadata, received_at: ctx.now() });
      }
      return { status: 202 };
    },
  },
];

const LIST_DAYS = 90;

function queryContact(ctx: Ctx): ContactRecord {
  if (ctx.query.get('type') !== 'user') throw invalid("type must be 'user'", 'type');
  const id = ctx.query.get('intercom_user_id');
  const userId = ctx.query.get('user_id');
  const email = ctx.query.get('email')?.toLowerCase();
  let found: ContactRecord | undefined;
  if (id) found = findContact(ctx.state, id);
  else if (userId) found = ctx.state.contacts.find((c) => c.role === 'user' && c.external_id === userId);
  else if (email) found = ctx.state.contacts.find((c) => c.role === 'user' && c.email?.toLowerCase() === email);
  else throw invalid('One of intercom_user_id, user_id or email is required', 'intercom_user_id');
  if (!found) throw notFound('User Not Found');
  return found;
}

eventRoutes.push({
  method: 'GET',
  path: '/events',
  handler(ctx) {
    const contact = queryContact(ctx);
    const since = ctx.now() - LIST_DAYS * 86_400;
    // Newest first; events of the same second keep the order they arrived in (the later first), each with its own millisecond.
    const mine = ctx.state.events
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.contact_id === contact.id && e.created_at >= since)
      .sort((a, b) => b.e.created_at - a.e.created_at || b.i - a.i);
    const keyed = mine.map(({ e }, k) => {
      const sameSecondBefore = mine.slice(0, k).filter((x) => x.e.created_at === e.created_at).length;
      return { e, key: e.created_at * 1000 + 999 - Math.min(sameSecondBefore, 999) };
    });
    const who = { email: contact.email ?? '', intercom_user_id: contact.id, user_id: contact.external_id ?? '' };
    if (ctx.query.get('summary') === 'true') {
      const byName = new Map<string, { name: string; first: number; last: number; count: number }>();
      for (const { e } of keyed) {
        const s = byName.get(e.event_name) ?? { name: e.event_name, first: e.created_at, last: e.created_at, count: 0 };
        s.first = Math.min(s.first, e.created_at);
        s.last = Math.max(s.last, e.created_at);
        s.count++;
        byName.set(e.event_name, s);
      }
      return { body: { type: 'event.summary', ...who, events: [...byName.values()].map((s) => ({ ...s, first: new Date(s.first * 1000).toISOString(), last: new Date(s.last * 1000).toISOString(), description: '' })) } };
    }
    const perPage = intParam(ctx.query, 'per_page', 50, 1, 100);
    const beforeRaw = ctx.query.get('before');
    const before = beforeRaw === null ? Infinity : Number(beforeRaw);
    if (!Number.isFinite(before) && beforeRaw !== null) throw invalid('before must be a timestamp in milliseconds', 'before');
    const rest = keyed.filter((x) => x.key < before);
    const page = rest.slice(0, perPage);
    const more = rest.length > perPage;
    const next = new URLSearchParams({ type: 'user', intercom_user_id: contact.id, per_page: String(perPage), before: String(page.at(-1)?.key ?? 0) });
    return {
      body: {
        type: 'event.list',
        events: page.map(({ e }) => ({
          type: 'event',
          event_name: e.event_name,
          created_at: e.created_at,
          ...who,
          metadata: { ...e.metadata },
        })),
        pages: more ? { next: `${ctx.baseUrl}/events?${next.toString()}` } : {},
      },
    };
  },
});
