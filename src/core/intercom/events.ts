/** Data events: something a contact did, with up to 10 flat metadata keys. */
import type { Intercom } from 'intercom-client';
import { AppError } from '../errors';
import type { IntercomHttp } from './http';

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
  if (!e.name.trim()) throw new AppError('bad_request', { field: 'event_name', detail: 'An event needs a name.' });
  if (keys.length > MAX_METADATA_KEYS) {
    throw new AppError('bad_request', { field: 'metadata', detail: `At most ${MAX_METADATA_KEYS} metadata keys (got ${keys.length}).` });
  }
  for (const [k, v] of Object.entries(metadata)) {
    if (v !== null && typeof v === 'object') throw new AppError('bad_request', { field: `metadata.${k}`, detail: 'Metadata values must be flat.' });
  }
  const body: Intercom.CreateDataEventRequest = {
    event_name: e.name.trim(),
    created_at: e.createdAt ?? Math.floor(Date.now() / 1000),
    id: e.contactId,
    ...(keys.length ? { metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, String(v)])) } : {}),
  };
  await http.request('POST', '/events', { json: body });
}
