/**
 * One rate-limit budget for the whole worker. Intercom spreads its per-minute limit over 10-second windows
 * and says where we stand on every answer (X-RateLimit-Limit / Remaining / Reset). The limiter
 *  - serves what the user just asked for before background work (page lookups), whatever arrived first;
 *  - keeps the last tenth of each window for the user: background work waits for the next window instead;
 *  - paces requests when the window is nearly spent, instead of running into 429s;
 *  - after a 429, sends nothing until the time Intercom asked for has passed;
 *  - keeps at most a few requests in flight.
 */
export type Priority = 'user' | 'background';

export interface Sleep {
  (ms: number): Promise<void>;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Part of a window's budget only the user may spend. */
const USER_RESERVE = 0.1;

interface Waiter {
  priority: Priority;
  go: () => void;
}

export class RateLimiter {
  #limit = Infinity;
  #remaining = Infinity;
  #resetAt = 0; // ms since epoch
  #blockedUntil = 0; // after a 429
  #active = 0;
  readonly #queue: Waiter[] = [];

  readonly #maxConcurrent: number;
  readonly #sleep: Sleep;
  readonly #now: () => number;

  constructor(maxConcurrent = 4, sleep: Sleep = realSleep, now: () => number = Date.now) {
    this.#maxConcurrent = maxConcurrent;
    this.#sleep = sleep;
    this.#now = now;
  }

  /**
   * Milliseconds a request of this priority must wait before it is sent, given what Intercom last said:
   * after a 429, when the window is spent, or (background work) when only the user's reserve is left.
   */
  blockedMs(priority: Priority = 'user'): number {
    const now = this.#now();
    if (now < this.#blockedUntil) return this.#blockedUntil - now;
    if (now >= this.#resetAt) return 0; // a new window: its budget is unknown until the next answer
    const untilReset = this.#resetAt - now;
    if (this.#remaining <= 0) return untilReset;
    if (priority === 'background' && this.#remaining <= this.#reserve()) return untilReset;
    return 0;
  }

  /** When the window is nearly spent, a user request waits its share of the time left. */
  paceMs(): number {
    const now = this.#now();
    if (now >= this.#resetAt || this.#remaining > this.#reserve()) return 0;
    return Math.floor((this.#resetAt - now) / (Math.max(this.#remaining, 0) + 1));
  }

  #reserve(): number {
    // Rounded down: a tiny budget (a few requests a window) is not halved by the reserve.
    return Number.isFinite(this.#limit) ? Math.floor(this.#limit * USER_RESERVE) : 0;
  }

  async run<T>(task: () => Promise<T>, priority: Priority = 'user'): Promise<T> {
    await this.#slot(priority);
    try {
      for (let wait = this.blockedMs(priority); wait > 0; wait = this.blockedMs(priority)) await this.#sleep(wait);
      const pace = this.paceMs();
      if (pace > 0) await this.#sleep(pace);
      if (Number.isFinite(this.#remaining)) this.#remaining--;
      return await task();
    } finally {
      this.#active--;
      this.#release();
    }
  }

  /** Reads the budget from an answer's headers. */
  observe(headers: Headers): void {
    const limit = Number(headers.get('X-RateLimit-Limit'));
    const remaining = Number(headers.get('X-RateLimit-Remaining'));
    const reset = Number(headers.get('X-RateLimit-Reset'));
    if (headers.has('X-RateLimit-Limit') && limit > 0) this.#limit = limit;
    if (headers.has('X-RateLimit-Remaining') && Number.isFinite(remaining)) this.#remaining = remaining;
    if (reset > 0) this.#resetAt = reset * 1000;
  }

  /** A 429: nothing more for the time Intercom asked (Retry-After, else until X-RateLimit-Reset). */
  exhausted(retryAfterSeconds: number): void {
    // After the wait the budget is unknown until the next answer's headers say it.
    this.#remaining = Infinity;
    this.#blockedUntil = this.#now() + retryAfterSeconds * 1000;
  }

  /** Waits for a free slot; user requests go ahead of queued background ones. */
  #slot(priority: Priority): Promise<void> {
    if (this.#active < this.#maxConcurrent && !this.#queue.length) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const waiter: Waiter = { priority, go: resolve };
      if (priority === 'user') {
        const firstBackground = this.#queue.findIndex((w) => w.priority === 'background');
        this.#queue.splice(firstBackground === -1 ? this.#queue.length : firstBackground, 0, waiter);
      } else {
        this.#queue.push(waiter);
      }
    });
  }

  #release(): void {
    const next = this.#queue.shift();
    if (next) {
      this.#active++;
      next.go();
    }
  }
}
