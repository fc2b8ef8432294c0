/**
 * One rate-limit budget for the whole worker. Intercom spreads its per-minute limit over 10-second windows
 * and tells us where we stand on every answer (X-RateLimit-Limit / Remaining / Reset). When the budget of
 * the current window is spent, callers wait for the reset instead of collecting 429s; at most a few
 * requests are in flight at once.
 */
export interface Sleep {
  (ms: number): Promise<void>;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  private remaining = Infinity;
  private resetAt = 0; // ms since epoch
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly maxConcurrent = 4,
    private readonly sleep: Sleep = realSleep,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds a new request should wait before it is sent, given what Intercom last told us. */
  waitMs(): number {
    if (this.remaining > 0) return 0;
    return Math.max(0, this.resetAt - this.now());
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxConcurrent) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      const wait = this.waitMs();
      if (wait > 0) await this.sleep(wait);
      if (this.remaining !== Infinity) this.remaining--;
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  /** Reads the budget from an answer's headers. */
  observe(headers: Headers): void {
    const remaining = Number(headers.get('X-RateLimit-Remaining'));
    const reset = Number(headers.get('X-RateLimit-Reset'));
    if (headers.has('X-RateLimit-Remaining') && Number.isFinite(remaining)) this.remaining = remaining;
    if (reset > 0) this.resetAt = reset * 1000;
    if (this.resetAt && this.now() >= this.resetAt && this.remaining <= 0) this.remaining = 1;
  }

  /** A 429: nothing more for the time Intercom asked (Retry-After, else until X-RateLimit-Reset). */
  exhausted(retryAfterSeconds: number): void {
    this.remaining = 0;
    this.resetAt = this.now() + retryAfterSeconds * 1000;
  }
}
