/**
 * What a token can read, checked rather than guessed (Settings → Test connection): one small read of each part
 * of the workspace the card shows. A part Intercom refuses (403, or 401 once /me has answered to the same token),
 * does not have (404) or does not offer (501) is reported as not readable — that section of the card then
 * explains itself; any other failure fails the check.
 * Writes are not tried (a check must change nothing): a write the token may not do fails with its own sentence.
 */
import type { ReadCheck, ReadPart } from '../protocol/schemas';
import { AppError } from './errors';
import { listAdmins, listTeams } from './intercom/admins';
import { listCompanies } from './intercom/companies';
import { findByEmails } from './intercom/contacts';
import { conversationsOfContact } from './intercom/conversations';
import { listEvents } from './intercom/events';
import type { IntercomHttp } from './intercom/http';
import { listSegments } from './intercom/segments';
import { listTags } from './intercom/tags';
import { listTicketTypes, ticketsOfContact } from './intercom/tickets';
import { optional } from './optional';

const first = async <T>(pages: AsyncGenerator<T>): Promise<void> => {
  await pages.next();
  await pages.return(undefined as T);
};

/** A contact id no workspace has: searches for it read nothing but still need the permission. */
const NOBODY = '000000000000000000000000';

const code = (err: unknown) => (err instanceof AppError ? err.info.code : null);

const CHECKS: Record<ReadPart, (http: IntercomHttp) => Promise<unknown>> = {
  contacts: (http) => findByEmails(http, ['permission-check@example.invalid']),
  companies: (http) => first(listCompanies(http)),
  conversations: (http) => first(conversationsOfContact(http, NOBODY)),
  tickets: (http) => first(ticketsOfContact(http, NOBODY)),
  ticketTypes: (http) => listTicketTypes(http),
  tags: (http) => listTags(http),
  admins: (http) => listAdmins(http),
  teams: (http) => listTeams(http),
  segments: (http) => listSegments(http),
  // Events are listed per contact: Intercom answers NOBODY "User Not Found" (404) only once the token may read them.
  events: (http) => listEvents(http, NOBODY, 1).catch((err: unknown) => {
    if (code(err) !== 'not_found') throw err;
  }),
};

export async function readChecks(http: IntercomHttp): Promise<ReadCheck[]> {
  const refused: ReadPart[] = [];
  const parts = Object.keys(CHECKS) as ReadPart[];
  // /me has just answered to this token: a 401 on one part is that part refused to it, not a bad token.
  const refusal = (err: unknown) => {
    throw code(err) === 'unauthorized' ? new AppError('forbidden') : err;
  };
  await Promise.all(parts.map((part) => optional(CHECKS[part](http).catch(refusal), null, part, refused)));
  return parts.map((part) => ({ part, ok: !refused.includes(part) }));
}
