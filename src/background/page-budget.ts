/**
 * How many addresses one page may have looked up in Intercom in the background per minute. A page decides
 * which addresses it shows, and a hostile one could keep changing them; its background lookups (the panel
 * resolving what the page shows) are capped, so one page never spends more than a fixed share of the
 * workspace's rate budget. What the user asks for (a search, a card, an action) is never charged.
 */
import { AppError } from '../core/errors';

/**
 * A hundred searches' worth (150 addresses each) a minute — about 1% of a private app's 10,000 calls a minute:
 * someone paging through lists of 1,000 people is never held back, a page that keeps inventing addresses is.
 */
export const PAGE_ADDRESSES_PER_MINUTE = 15_000;
const WINDOW_MS = 60_000;
const MAX_PAGES = 1000;

export class PageBudget {
  readonly #pages = new Map<string, { start: number; used: number }>();

  readonly #perMinute: number;
  readonly #now: () => number;

  constructor(perMinute = PAGE_ADDRESSES_PER_MINUTE, now: () => number = Date.now) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  /** Charges `page` for `n` uncached addresses, or refuses (rate_limited, with when to try again). */
  charge(page: string, n: number): void {
    const at = this.#now();
    let entry = this.#pages.get(page);
    if (!entry || at - entry.start >= WINDOW_MS) entry = { start: at, used: 0 };
    if (entry.used + n > this.#perMinute) {
      const retryAfter = Math.max(1, Math.ceil((entry.start + WINDOW_MS - at) / 1000));
      throw new AppError('rate_limited', { retryAfter });
    }
    entry.used += n;
    this.#pages.delete(page);
    this.#pages.set(page, entry);
    if (this.#pages.size > MAX_PAGES) this.#pages.delete(this.#pages.keys().next().value!);
  }
}
