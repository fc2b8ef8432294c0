/**
 * What a token can read, checked rather than guessed (Settings → Test connection): one small read of each part
 * of the workspace the card shows. A part Intercom refuses (403), does not have (404) or does not offer (501) is
 * reported as not readable — that section of the card then explains itself; any other failure fails the check.
 * Writes are not tried (a check must change nothing): a write the token may not do fails with its own sentence.
 */
import type { ReadCheck, ReadPart } from '../protocol/schemas';
import { listAdmins, listTeams } from './intercom/admins';
import { listCompanies } from './intercom/companies';
import { findByEmails } from './intercom/contacts';
import { conversationsOfContact } from './intercom/conversations';
import type { IntercomHttp } from './intercom/http';
import { listTags } from './intercom/tags';
import { listTicketTypes, ticketsOfContact } from './intercom/tickets';
import { optional } from './optional';

const first = async <T>(pages: AsyncGenerator<T>): Promise<void> => {
  await pages.next();
  await pages.return(undefined as T);
};

/** A contact id no workspace has: searches for it read nothing but still need the permission. */
const NOBODY = '000000000000000000000000';

const CHECKS: Record<ReadPart, (http: IntercomHttp) => Promise<unknown>> = {
  contacts: (http) => findByEmails(http, ['permission-check@example.invalid']),
  companies: (http) => first(listCompanies(http)),
  conversations: (http) => first(conversationsOfContact(http, NOBODY)),
  tickets: (http) => first(ticketsOfContact(http, NOBODY)),
  ticketTypes: (http) => listTicketTypes(http),
  tags: (http) => listTags(http),
  admins: (http) => listAdmins(http),
  teams: (http) => listTeams(http),
};

export async function readChecks(http: IntercomHttp): Promise<ReadCheck[]> {
  const refused: ReadPart[] = [];
  const parts = Object.keys(CHECKS) as ReadPart[];
  await Promise.all(parts.map((part) => optional(CHECKS[part](http), null, part, refused)));
  return parts.map((part) => ({ part, ok: !refused.includes(part) }));
}
