/**
 * Merging a contact into another (`POST /contacts/merge`, and the `mergeContact` fault that does the same
 * behind a client's back). The contact merged away disappears from lookups, lists and searches; its id
 * is remembered so a later `GET /contacts/{old id}` can answer 410 `contact_merged` with a canonical Link.
 */
import { FaultError } from './faults';
import { isRecord } from './http';
import { findContact, type ContactRecord, type SandboxState } from './state';

/** Checks the `mergeContact` fault's `{from, into}` (two different existing contacts). Throws FaultError. */
export function readMergeFault(state: SandboxState, input: unknown): [ContactRecord, ContactRecord] {
  if (!isRecord(input) || typeof input.from !== 'string' || typeof input.into !== 'string') {
    throw new FaultError('mergeContact must be {from: contactId, into: contactId}');
  }
  const from = findContact(state, input.from);
  const into = findContact(state, input.into);
  if (!from) throw new FaultError(`mergeContact.from: no contact ${input.from}`);
  if (!into) throw new FaultError(`mergeContact.into: no contact ${input.into}`);
  if (from === into) throw new FaultError('mergeContact: from and into are the same contact');
  return [from, into];
}

/** Moves what `from` has onto `into`, removes `from` and records where it went. */
export function mergeContacts(state: SandboxState, from: ContactRecord, into: ContactRecord, now: number): void {
  for (const tag of from.tags) if (!into.tags.some((t) => t.id === tag.id)) into.tags.push({ ...tag });
  for (const id of from.company_ids) if (!into.company_ids.includes(id)) into.company_ids.push(id);
  // The target's own values win; the merged contact only fills gaps.
  into.custom_attributes = { ...from.custom_attributes, ...into.custom_attributes };
  into.email ??= from.email;
  into.phone ??= from.phone;
  into.name ??= from.name;
  into.owner_id ??= from.owner_id;
  const latest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  into.last_seen_at = latest(into.last_seen_at, from.last_seen_at);
  into.last_replied_at = latest(into.last_replied_at, from.last_replied_at);
  into.last_contacted_at = latest(into.last_contacted_at, from.last_contacted_at);
  into.updated_at = Math.max(now, into.updated_at);

  const swap = (ids: string[]) => [...new Set(ids.map((id) => (id === from.id ? into.id : id)))];
  for (const n of state.notes) if (n.contact_id === from.id) n.contact_id = into.id;
  for (const cv of state.conversations) {
    cv.contact_ids = swap(cv.contact_ids);
    if (cv.source.author.id === from.id) cv.source.author = { type: into.role, id: into.id };
    for (const p of cv.parts) if (p.author.id === from.id) p.author = { type: into.role, id: into.id };
  }
  for (const t of state.tickets) t.contact_ids = swap(t.contact_ids);
  for (const m of state.messages) {
    m.to = swap(m.to);
    if (m.from.id === from.id) m.from = { type: into.role, id: into.id };
  }
  for (const e of state.events) if (e.contact_id === from.id) e.contact_id = into.id;

  state.contacts = state.contacts.filter((c) => c !== from);
  state.merged[from.id] = into.id;
}
