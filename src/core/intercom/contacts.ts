/** Contacts: search, get (following merges), create, update, lead → user, merge, delete; their tags and notes. */
import type { Intercom } from 'intercom-client';
import { AppError } from '../errors';
import type { IntercomHttp } from './http';
import type { Priority } from './limiter';
import { collect, listPage, listPages, searchPage, searchPages, type OnePage } from './paginate';
import {
  ContactListSchema,
  ContactSchema,
  DeletedSchema,
  NoteListSchema,
  NoteSchema,
  TagListSchema,
  TagSchema,
  parse,
  type ContactData,
  type NoteData,
  type TagData,
} from './shapes';

/** Intercom answers at most 150 contacts a page. */
export const MAX_PER_PAGE = 150;
/**
 * A search query: one filter, or an AND/OR group of filters and groups. Intercom accepts groups and filters
 * side by side in one group; the SDK's type allows only one kind per group, so ours is wider.
 */
export type SearchFilter = Intercom.SingleFilterSearchRequest;
export type SearchQuery = SearchFilter | { operator: 'AND' | 'OR'; value: SearchQuery[] };
export type ContactQuery = SearchQuery;
const path = (id: string, rest = '') => `/contacts/${encodeURIComponent(id)}${rest}`;

/** Walks every page of a contact search (nested AND/OR filters, any operator, optional sort). */
export function searchContacts(
  http: IntercomHttp,
  query: ContactQuery,
  opts: { perPage?: number; priority?: Priority; sort?: { field: string; order: 'ascending' | 'descending' } } = {},
): AsyncGenerator<ContactData[]> {
  return searchPages(http, '/contacts/search', query, ContactListSchema, (p) => p.data, { perPage: MAX_PER_PAGE, ...opts });
}

/** All contacts whose email is one of `emails`: one IN filter per 150 addresses, each chunk paginated. */
export async function findByEmails(http: IntercomHttp, emails: string[], priority: Priority = 'user'): Promise<ContactData[]> {
  const found: ContactData[] = [];
  for (let i = 0; i < emails.length; i += MAX_PER_PAGE) {
    const query: Intercom.SingleFilterSearchRequest = { field: 'email', operator: 'IN', value: emails.slice(i, i + MAX_PER_PAGE) };
    found.push(...(await collect(searchContacts(http, query, { priority }))));
  }
  return found;
}

/** A contact by id. One that was merged into another (410) is followed to the one it became. */
export async function getContact(http: IntercomHttp, id: string, followMerge = true): Promise<ContactData> {
  try {
    return parse(ContactSchema, await http.request('GET', path(id)));
  } catch (e) {
    if (followMerge && e instanceof AppError && e.info.code === 'gone' && e.info.canonicalId) return getContact(http, e.info.canonicalId, false);
    throw e;
  }
}

/** A contact, or null when Intercom no longer has it (deleted, or merged away). */
export async function contactOrNull(http: IntercomHttp, id: string): Promise<ContactData | null> {
  try {
    return await getContact(http, id, false);
  } catch (e) {
    if (e instanceof AppError && (e.info.code === 'not_found' || e.info.code === 'gone')) return null;
    throw e;
  }
}

export type NewContact = { role: 'user' | 'lead'; email?: string; external_id?: string; name?: string; phone?: string; custom_attributes?: Record<string, unknown> };

/** Creates a user or a lead. Not checkable after a lost answer (new contacts are not searchable at once). */
export async function createContact(http: IntercomHttp, contact: NewContact): Promise<ContactData> {
  const body: Intercom.CreateContactRequest = contact as Intercom.CreateContactRequest;
  return parse(ContactSchema, await http.request('POST', '/contacts', { json: body }));
}

export function createLead(http: IntercomHttp, email: string, name?: string): Promise<ContactData> {
  return createContact(http, { role: 'lead', email, ...(name ? { name } : {}) });
}

export type ContactPatch = Partial<Omit<NewContact, 'role'>> & {
  role?: 'user' | 'lead';
  /** Intercom takes the owner's admin id as an integer (null: no owner). */
  owner_id?: number | null;
  unsubscribed_from_emails?: boolean;
};

/** Updates fields; after a lost answer, reads the contact back to see whether the fields took. */
export async function updateContact(http: IntercomHttp, id: string, patch: ContactPatch): Promise<ContactData> {
  return parse(
    ContactSchema,
    await http.request('PUT', path(id), {
      json: patch,
      verify: async () => {
        const now = await getContact(http, id, false);
        return appliedPatch(now, patch) ? now : undefined;
      },
    }),
  );
}

/** Whether the contact has every field of the patch (also how a quick action's update is verified after a restart). */
export function appliedPatch(c: ContactData, patch: ContactPatch): boolean {
  const record = c as unknown as Record<string, unknown>;
  return Object.entries(patch).every(([key, want]) => {
    if (key === 'custom_attributes') {
      const have = c.custom_attributes ?? {};
      return Object.entries(want as Record<string, unknown>).every(([k, v]) => (have[k] ?? null) === v);
    }
    // Intercom answers the owner's id as a number or a string.
    if (key === 'owner_id') return String(record[key] ?? '') === String(want ?? '');
    // A flag Intercom leaves out or sends as null is off.
    if (typeof want === 'boolean') return !!record[key] === want;
    return (record[key] ?? null) === want;
  });
}

/** Lead → user: the same contact, now a user (Intercom needs an email or external_id on a user). */
export function convertLeadToUser(http: IntercomHttp, id: string, ids: { email?: string; external_id?: string } = {}): Promise<ContactData> {
  return updateContact(http, id, { role: 'user', ...ids });
}

/** Merges a lead into a user; the lead is gone afterwards (its id answers 410). */
export async function mergeLeadIntoUser(http: IntercomHttp, leadId: string, userId: string): Promise<ContactData> {
  const body: Intercom.MergeContactsRequest = { from: leadId, into: userId };
  return parse(
    ContactSchema,
    await http.request('POST', '/contacts/merge', {
      json: body,
      verify: async () => ((await contactOrNull(http, leadId)) === null ? getContact(http, userId) : undefined),
    }),
  );
}

export async function deleteContact(http: IntercomHttp, id: string): Promise<{ id: string; deleted: boolean }> {
  return parse(
    DeletedSchema,
    await http.request('DELETE', path(id), {
      verify: async () => ((await contactOrNull(http, id)) === null ? { id, deleted: true } : undefined),
    }),
  );
}

export async function contactTags(http: IntercomHttp, id: string): Promise<TagData[]> {
  return parse(TagListSchema, await http.request('GET', path(id, '/tags'))).data;
}

/** The contact's tag with this id, if it has it (how a tag or untag is verified). */
export const hasTag = async (http: IntercomHttp, contactId: string, tagId: string) => (await contactTags(http, contactId)).find((t) => t.id === tagId);

export async function tagContact(http: IntercomHttp, contactId: string, tagId: string): Promise<TagData> {
  return parse(
    TagSchema,
    await http.request('POST', path(contactId, '/tags'), { json: { id: tagId }, verify: () => hasTag(http, contactId, tagId) }),
  );
}

export async function untagContact(http: IntercomHttp, contactId: string, tag: TagData): Promise<TagData> {
  return parse(
    TagSchema,
    await http.request('DELETE', path(contactId, `/tags/${encodeURIComponent(tag.id)}`), {
      verify: async () => ((await hasTag(http, contactId, tag.id)) ? undefined : tag),
    }),
  );
}

/** A contact's notes, newest first, page by page. */
export function contactNotes(http: IntercomHttp, id: string): AsyncGenerator<NoteData[]> {
  return listPages(http, path(id, '/notes'), NoteListSchema, (p) => p.data);
}

/** Adds a note as an admin; after a lost answer, looks for that note among the newest ones. */
export async function addNote(http: IntercomHttp, contactId: string, body: string, adminId: string): Promise<NoteData> {
  const sentAt = Math.floor(Date.now() / 1000) - 60;
  return parse(
    NoteSchema,
    await http.request('POST', path(contactId, '/notes'), { json: { body, admin_id: adminId }, verify: () => noteSince(http, contactId, body, adminId, sentAt) }),
  );
}

/** Among the contact's newest notes, this text by this admin (or by nobody named) stored at `since` (Unix s) or later. */
export async function noteSince(http: IntercomHttp, contactId: string, body: string, adminId: string, since: number): Promise<NoteData | undefined> {
  const first = await contactNotes(http, contactId).next();
  const newest: NoteData[] = first.done ? [] : first.value;
  return newest.find((n) => sameText(n.body, body) && (n.created_at ?? 0) >= since && (!n.author || n.author.id === adminId));
}

/** Intercom may wrap plain text in <p>: compare the text. */
export function sameText(html: string | null, text: string): boolean {
  const plain = (html ?? '').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  return plain === text.replace(/\s+/g, ' ').trim();
}

/** One page of a contact's notes, newest first: for "Show more". */
export function contactNotesPage(http: IntercomHttp, id: string, perPage: number, cursor?: string): Promise<OnePage<NoteData>> {
  return listPage(http, path(id, '/notes'), NoteListSchema, (p) => p.data, perPage, cursor);
}

/** One page of the contacts whose address is at `domain` (Intercom's `email_domain` search field), newest first. */
export function contactsAtDomain(http: IntercomHttp, domain: string, perPage: number, cursor?: string): Promise<OnePage<ContactData>> {
  return searchPage(http, '/contacts/search', { field: 'email_domain', operator: '=', value: domain }, ContactListSchema, (p) => p.data, {
    perPage,
    sort: { field: 'last_seen_at', order: 'descending' },
    ...(cursor ? { cursor } : {}),
  });
}
