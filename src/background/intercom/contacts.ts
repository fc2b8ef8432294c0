/** Contacts: search (cursor-walked), get, create. */
import type { Intercom } from 'intercom-client';
import type { IntercomHttp } from './http';
import { ContactListSchema, ContactSchema, parse, type ContactData } from './shapes';

/** Intercom answers at most 150 contacts a page. */
export const MAX_PER_PAGE = 150;

/** Walks every page of a contact search, one request per page. */
export async function* searchContacts(
  http: IntercomHttp,
  query: Intercom.SearchRequest['query'],
  perPage = MAX_PER_PAGE,
): AsyncGenerator<ContactData[]> {
  let startingAfter: string | undefined;
  do {
    const body: Intercom.SearchRequest = {
      query,
      pagination: { per_page: perPage, ...(startingAfter ? { starting_after: startingAfter } : {}) },
    };
    const page = parse(ContactListSchema, await http.request('POST', '/contacts/search', { json: body, idempotent: true }));
    yield page.data;
    startingAfter = page.pages?.next?.starting_after ?? undefined;
  } while (startingAfter);
}

/** All contacts whose email is one of `emails`: one IN filter per chunk, each chunk paginated. */
export async function findByEmails(http: IntercomHttp, emails: string[]): Promise<ContactData[]> {
  const found: ContactData[] = [];
  for (let i = 0; i < emails.length; i += MAX_PER_PAGE) {
    const chunk = emails.slice(i, i + MAX_PER_PAGE);
    const query: Intercom.SingleFilterSearchRequest = { field: 'email', operator: 'IN', value: chunk };
    for await (const page of searchContacts(http, query)) found.push(...page);
  }
  return found;
}

export async function getContact(http: IntercomHttp, id: string): Promise<ContactData> {
  return parse(ContactSchema, await http.request('GET', `/contacts/${encodeURIComponent(id)}`));
}

export async function createLead(http: IntercomHttp, email: string, name?: string): Promise<ContactData> {
  const body: Intercom.CreateContactRequest = { role: 'lead', email, ...(name ? { name } : {}) };
  return parse(ContactSchema, await http.request('POST', '/contacts', { json: body }));
}
