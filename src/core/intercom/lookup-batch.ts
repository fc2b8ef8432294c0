/** The endpoint's lookups: addresses asked for within a window of a few milliseconds go to Intercom in one search. */
import type { ContactView } from '../../protocol/schemas';
import type { Priority } from './limiter';
import type { Batcher, Search } from './lookup';

/** Addresses waiting for the next coalesced search. */
interface Pending {
  emails: Set<string>;
  priority: Priority;
  result: Promise<Map<string, ContactView | null>>;
}

/** Joins each search's addresses to the one that leaves at the end of the current window (one is opened if none). */
export function batchWithin(windowMs: number): Batcher {
  return (search: Search): Search => {
    let pending: Pending | null = null;
    return (emails, priority) => {
      if (!pending) {
        const next: Pending = {
          emails: new Set<string>(),
          priority,
          result: new Promise((resolve) => setTimeout(resolve, windowMs)).then(() => {
            if (pending === next) pending = null;
            return search([...next.emails], next.priority);
          }),
        };
        pending = next;
      }
      for (const e of emails) pending.emails.add(e);
      if (priority === 'user') pending.priority = 'user';
      return pending.result;
    };
  };
}
