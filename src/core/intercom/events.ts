/** Data events: something a contact did, with up to 10 flat metadata keys. */
import type { Intercom } from 'intercom-client';
import { AppError } from '../errors';
import type { IntercomHttp } from './http';
import type { OnePage } from './paginate';
import { parse } from './shapes';
import { DataEventListSchema, type DataEventData } from './shapes-picture';

export const MAX_METADATA_KEYS = 10;

export interface NewEvent {
  name: string;
  contactId: string;
  /** Unix seconds; now if omitted. */
  createdAt?: number;
  metadata?: Record<string, string | number | boolean>;
}

/** Submits an event (Intercom answers 202, no body). Checked before sending: Intercom would refuse it anyway. */
export async function submitEvent(http: IntercomHttp, e: NewEvent): Promise<void> {
  const metadata = e.metadata ?? {};
  const keys = Object.keys(metadata);
  if (!e.name.trim()) throw new AppError('bad_request', { field: 'event_name' });
  if (keys.length > MAX_METADATA_KEYS) throw new AppError('bad_request', { field: 'metadata' });
  for (const [k, v] of Object.entries(metadata)) {
    if (v !== null && typeof v === 'object') throw new AppError('bad_request', { field: `metadata.${k}` });
  }
  const body: Intercom.CreateDataEventRequest = {
    event_name: e.name.trim(),
    created_at: e.createdAt ?? Math.floor(Date.now() / 1000),
    id: e.contactId,
    ...(keys.length ? { metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, String(v)])) } : {}),
  };
  await http.request('POST', '/events', { json: body });
}

/** What of a `pages.next` link is carried over to the next request: paging only, never who or where. */
const IDENTITY = new Set(['type', 'intercom_user_id', 'user_id', 'email']);
const PARAM = /^[a-z_]{1,32}$/;
const VALUE = /^[\w.:-]{0,64}$/;

/** The paging parameters of a next-page link (its host is ignored: requests only ever go to the configured API). */
export function eventsCursor(next: string | null | undefined): string | null {
  if (!next) return null;
  let url: URL;
  try {
    url = new URL(next, 'https://api.intercom.io');
  } catch {
    return null;
  }
  const kept = new URLSearchParams();
  for (const [k, val] of url.searchParams) if (!IDENTITY.has(k) && PARAM.test(k) && VALUE.test(val)) kept.append(k, val);
  return kept.size ? kept.toString() : null;
}

/**
 * A contact's data events (the last 90 days, newest first), one page at a time: `GET /events?type=user&
 * intercom_user_id=…`, which also lists leads. `cursor`: from the previous page (eventsCursor).
 */
export async function listEvents(http: IntercomHttp, contactId: string, perPage: number, cursor?: string): Promise<OnePage<DataEventData>> {
  const searchParams = new URLSearchParams({ type: 'user', intercom_user_id: contactId, per_page: String(perPage) });
  for (const [k, val] of new URLSearchParams(cursor ?? '')) {
    if (!IDENTITY.has(k) && PARAM.test(k) && VALUE.test(val)) searchParams.set(k, val);
  }
  const page = parse(DataEventListSchema, await http.request('GET', '/events', { searchParams: Object.fromEntries(searchParams), idempotent: true }));
  return { items: page.events, next: page.events.length ? eventsCursor(page.pages?.next) : null };
}
