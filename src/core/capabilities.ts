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
  segments: (http) => listSegments(http),
  events: (http) => listEvents(http, NOBODY, 1),
};

export function readChecks(http: IntercomHttp): Promise<ReadCheck[]> {
  return Promise.all(
    (Object.keys(CHECKS) as ReadPart[]).map(async (part) => ({
      part,
      ok: await CHECKS[part](http).then(
        () => true,
        (err: unknown) => {
          const info = err instanceof AppError ? err.info : null;
          // Events are listed per contact: Intercom answers NOBODY "User Not Found" only once the token may read them.
          if (part === 'events' && info?.code === 'not_found') return true;
          // /me has just answered to this token: a 401 here is this part refused to it, not a bad token.
          if (info && (/^(forbidden|not_found|unauthorized)$/.test(info.code) || info.status === 501)) return false;
          throw err;
        },
      ),
    })),
  );
}
