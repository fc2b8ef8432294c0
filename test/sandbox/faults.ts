/**
 * Injected faults and the rate limiter. Intercom spreads a private app's budget (10,000 calls a minute)
 * over fixed 10-second windows, hence the default 1,666 calls per 10 s window.
 */
import { isRecord } from './http';

export const DEFAULT_RATE_LIMIT = 1666;
export const DEFAULT_WINDOW_SECONDS = 10;

export interface FaultInput {
  /** Delay added before every API answer. */
  latencyMs?: number;
  /** Answer the next `count` API requests (only those whose path is `path` or below it, if given) with `status`. */
  failNext?: { count: number; status: number; path?: string } | null;
  /** Replace the rate limit (and restart the window count). `null` restores the default. */
  rateLimit?: { limit: number; windowSeconds?: number } | null;
  /** While true, the token is refused (401) as if it had been revoked in Intercom. */
  revokeToken?: boolean;
}

export interface FaultSnapshot {
  latencyMs: number;
  failNext: { count: number; status: number; path: string | null } | null;
  rateLimit: { limit: number; windowSeconds: number };
  revokeToken: boolean;
}

export interface RateInfo {
  limit: number;
  remaining: number;
  /** Unix seconds at which the current window ends. */
  reset: number;
  exceeded: boolean;
  /** Whole seconds until the window ends (at least 1). */
  retryAfter: number;
}

export class FaultError extends Error {}

function int(x: unknown, name: string, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
    throw new FaultError(`${name} must be an integer between ${min} and ${max}`);
  }
  return x;
}

export class Faults {
  private s: FaultSnapshot = Faults.initial();
  private windowStart = -1;
  private used = 0;

  constructor(private readonly nowMs: () => number = Date.now) {}

  private static initial(): FaultSnapshot {
    return {
      latencyMs: 0,
      failNext: null,
      rateLimit: { limit: DEFAULT_RATE_LIMIT, windowSeconds: DEFAULT_WINDOW_SECONDS },
      revokeToken: false,
    };
  }

  /** Merges `input` into the current faults. Throws `FaultError` on malformed input (nothing changes then). */
  set(input: FaultInput | unknown): void {
    if (!isRecord(input)) throw new FaultError('faults must be a JSON object');
    const next: FaultSnapshot = { ...this.s };
    let restartWindow = false;
    if (input.latencyMs !== undefined) next.latencyMs = int(input.latencyMs, 'latencyMs', 0, 60_000);
    if (input.failNext !== undefined) {
      const f = input.failNext;
      if (f === null) next.failNext = null;
      else if (!isRecord(f)) throw new FaultError('failNext must be an object');
      else {
        if (f.path !== undefined && (typeof f.path !== 'string' || !f.path.startsWith('/'))) {
          throw new FaultError("failNext.path must be a path starting with '/'");
        }
        next.failNext = {
          count: int(f.count, 'failNext.count', 0, 1_000_000),
          status: int(f.status, 'failNext.status', 400, 599),
          path: typeof f.path === 'string' ? f.path.replace(/\/+$/, '') || '/' : null,
        };
      }
    }
    if (input.rateLimit !== undefined) {
      const r = input.rateLimit;
      if (r === null) next.rateLimit = Faults.initial().rateLimit;
      else if (!isRecord(r)) throw new FaultError('rateLimit must be an object');
      else {
        next.rateLimit = {
          limit: int(r.limit, 'rateLimit.limit', 0, 1_000_000),
          windowSeconds: r.windowSeconds === undefined ? DEFAULT_WINDOW_SECONDS : int(r.windowSeconds, 'rateLimit.windowSeconds', 1, 86_400),
        };
      }
      restartWindow = true;
    }
    if (input.revokeToken !== undefined) {
      if (typeof input.revokeToken !== 'boolean') throw new FaultError('revokeToken must be a boolean');
      next.revokeToken = input.revokeToken;
    }
    this.s = next;
    if (restartWindow) this.windowStart = -1;
  }

  clear(): void {
    this.s = Faults.initial();
    this.windowStart = -1;
    this.used = 0;
  }

  get current(): FaultSnapshot {
    return structuredClone(this.s);
  }

  /** If an injected failure applies to this path, uses it up and returns its status. */
  takeFailure(path: string): number | null {
    const f = this.s.failNext;
    if (!f || f.count <= 0) return null;
    if (f.path !== null && f.path !== '/' && path !== f.path && !path.startsWith(`${f.path}/`)) return null;
    const left = f.count - 1;
    this.s = { ...this.s, failNext: left > 0 ? { ...f, count: left } : null };
    return f.status;
  }

  private roll(): { end: number; now: number } {
    const now = this.nowMs();
    const size = this.s.rateLimit.windowSeconds * 1000;
    const start = Math.floor(now / size) * size;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    return { end: start + size, now };
  }

  private info(exceeded: boolean, window = this.roll()): RateInfo {
    const { end, now } = window;
    return {
      limit: this.s.rateLimit.limit,
      remaining: Math.max(0, this.s.rateLimit.limit - this.used),
      reset: Math.ceil(end / 1000),
      exceeded,
      retryAfter: Math.max(1, Math.ceil((end - now) / 1000)),
    };
  }

  /** Counts one API call against the current window. */
  consume(): RateInfo {
    const window = this.roll();
    if (this.used >= this.s.rateLimit.limit) return this.info(true, window);
    this.used += 1;
    return this.info(false, window);
  }

  /** The current window without counting a call. */
  peek(): RateInfo {
    return this.info(false);
  }
}
