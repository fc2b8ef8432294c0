/**
 * Injected faults and the rate limiter. Intercom spreads a private app's budget (10,000 calls a minute)
 * over fixed 10-second windows, hence the default 1,666 calls per 10 s window. Windows are aligned on
 * multiples of their length (Unix time), so `X-RateLimit-Reset` is a whole second and `Retry-After` the
 * whole seconds left until it.
 */
import { isRecord } from './http';

export const DEFAULT_RATE_LIMIT = 1666;
export const DEFAULT_WINDOW_SECONDS = 10;

export interface FailNextInput {
  count: number;
  /** Status to answer with (400–599). Optional when `dropConnection` is true. */
  status?: number;
  /** Only requests whose path is `path` or below it. */
  path?: string;
  /** Only requests with this method (e.g. `POST`). */
  method?: string;
  /**
   * Run the request for real first (the write IS applied), then answer with the failure anyway —
   * "the request reached Intercom but the answer was lost".
   */
  afterApply?: boolean;
  /** Destroy the connection without answering (after applying the request when `afterApply`). */
  dropConnection?: boolean;
}

export interface ForbidRule {
  /** The path, or a prefix of paths (`/messages` covers `/messages/…`). */
  path: string;
  method?: string;
  /** Default `api_plan_restricted` "Active subscription needed." (Intercom's 403 example). */
  code?: string;
  message?: string;
}

/** Intercom's permission scopes that the card depends on, and the paths a token without each may not use. */
export const SCOPE_PATHS = {
  read_conversations: ['GET /conversations', 'POST /conversations/search'],
  write_conversations: ['POST /conversations/*/reply', 'POST /conversations/*/parts', 'PUT /conversations/*', 'POST /conversations/*/tags', 'DELETE /conversations/*/tags'],
  read_tickets: ['GET /tickets', 'POST /tickets/search', 'GET /ticket_types'],
  write_tickets: ['PUT /tickets/*'],
  read_admins: ['GET /admins', 'GET /teams'],
  read_tags: ['GET /tags'],
  read_events: ['GET /events'],
  write_contacts: ['PUT /contacts/*', 'DELETE /contacts/*', 'POST /contacts/*/notes', 'POST /contacts/*/tags', 'DELETE /contacts/*/tags', 'POST /contacts/*/companies', 'DELETE /contacts/*/companies', 'POST /contacts/convert', 'POST /contacts/merge'],
} as const;
export type Scope = keyof typeof SCOPE_PATHS;

export interface FaultInput {
  /** Delay added before every API answer. */
  latencyMs?: number;
  /** Fail the next `count` matching API requests. `null` cancels. */
  failNext?: FailNextInput | null;
  /** Replace the rate limit (and restart the window count). `null` restores the default. */
  rateLimit?: { limit: number; windowSeconds?: number } | null;
  /** While true, the token is refused (401) as if it had been revoked in Intercom. */
  revokeToken?: boolean;
  /** Paths answered with 403 (after auth): a plan or token scope without access. `"POST /messages"` limits a rule to one method. `null`/`[]` clears. */
  forbidPaths?: (string | ForbidRule)[] | null;
  /**
   * A token (or an app's permissions) without these scopes: the paths each needs answer 403, as `forbidPaths`
   * would (added to them). `null`/`[]` clears. See SCOPE_PATHS.
   */
  lacksScopes?: Scope[] | null;
  /**
   * An action rather than a fault: merge contact `from` into `into` right now, as if someone did it in
   * Intercom behind the client's back. Handled by the server (it needs the workspace), not by `Faults`.
   */
  mergeContact?: { from: string; into: string };
  /** How a merged-away contact id answers: 410 `contact_merged` + canonical Link (default), or 404 as the description's prose says. */
  mergedContactStatus?: 404 | 410;
  /** `GET /companies?name=…|company_id=…`: a single `company` (default, what the SDK's union allows) or the `list` the schema documents. */
  companyLookup?: 'company' | 'list';
}

export interface ForbidSnapshot {
  path: string;
  /** null: every method. */
  method: string | null;
  code: string;
  message: string;
}

export interface FailureSnapshot {
  count: number;
  status: number | null;
  path: string | null;
  method: string | null;
  afterApply: boolean;
  dropConnection: boolean;
}

export interface FaultSnapshot {
  latencyMs: number;
  failNext: FailureSnapshot | null;
  rateLimit: { limit: number; windowSeconds: number };
  revokeToken: boolean;
  forbidPaths: ForbidSnapshot[];
  lacksScopes: ForbidSnapshot[];
  mergedContactStatus: 404 | 410;
  companyLookup: 'company' | 'list';
}

/** One injected failure, taken by a request. */
export interface Failure {
  status: number | null;
  afterApply: boolean;
  dropConnection: boolean;
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

const KNOWN_KEYS = new Set(['latencyMs', 'failNext', 'rateLimit', 'revokeToken', 'forbidPaths', 'lacksScopes', 'mergedContactStatus', 'companyLookup']);
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

function int(x: unknown, name: string, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
    throw new FaultError(`${name} must be an integer between ${min} and ${max}`);
  }
  return x;
}

function bool(x: unknown, name: string): boolean {
  if (x === undefined) return false;
  if (typeof x !== 'boolean') throw new FaultError(`${name} must be a boolean`);
  return x;
}

function pathOf(x: unknown, name: string): string {
  if (typeof x !== 'string' || !x.startsWith('/')) throw new FaultError(`${name} must be a path starting with '/'`);
  return x.replace(/\/+$/, '') || '/';
}

function methodOf(x: unknown, name: string): string | null {
  if (x === undefined || x === null) return null;
  if (typeof x !== 'string' || !METHODS.has(x.toUpperCase())) throw new FaultError(`${name} must be one of ${[...METHODS].join(', ')}`);
  return x.toUpperCase();
}

// A rule's path covers itself and what is below it; a `*` segment stands for any one segment.
const under = (path: string, prefix: string) => {
  if (!prefix.includes('*')) return prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);
  const pattern = prefix.split('/').map((seg) => (seg === '*' ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${pattern}(?:/|$)`).test(path);
};

function readFailNext(f: unknown): FailureSnapshot | null {
  if (f === null) return null;
  if (!isRecord(f)) throw new FaultError('failNext must be an object');
  const dropConnection = bool(f.dropConnection, 'failNext.dropConnection');
  const status = f.status === undefined && dropConnection ? null : int(f.status, 'failNext.status', 400, 599);
  return {
    count: int(f.count, 'failNext.count', 0, 1_000_000),
    status,
    path: f.path === undefined ? null : pathOf(f.path, 'failNext.path'),
    method: methodOf(f.method, 'failNext.method'),
    afterApply: bool(f.afterApply, 'failNext.afterApply'),
    dropConnection,
  };
}

function readForbid(list: unknown): ForbidSnapshot[] {
  if (list === null) return [];
  if (!Array.isArray(list)) throw new FaultError('forbidPaths must be an array');
  return list.map((entry: unknown, i) => {
    const name = `forbidPaths[${i}]`;
    if (typeof entry === 'string') {
      const m = /^(?:([A-Za-z]+)\s+)?(\/.*)$/.exec(entry.trim());
      if (!m?.[2]) throw new FaultError(`${name} must be a path or "METHOD /path"`);
      return { path: pathOf(m[2], name), method: methodOf(m[1], name), code: 'api_plan_restricted', message: 'Active subscription needed.' };
    }
    if (!isRecord(entry)) throw new FaultError(`${name} must be a string or an object`);
    const text = (k: string, dflt: string) => {
      const v = entry[k];
      if (v === undefined) return dflt;
      if (typeof v !== 'string' || v === '') throw new FaultError(`${name}.${k} must be a non-empty string`);
      return v;
    };
    return {
      path: pathOf(entry.path, `${name}.path`),
      method: methodOf(entry.method, `${name}.method`),
      code: text('code', 'api_plan_restricted'),
      message: text('message', 'Active subscription needed.'),
    };
  });
}

function readScopes(list: unknown): ForbidSnapshot[] {
  if (list === null) return [];
  if (!Array.isArray(list)) throw new FaultError('lacksScopes must be an array');
  return list.flatMap((scope: unknown, i) => {
    if (typeof scope !== 'string' || !Object.prototype.hasOwnProperty.call(SCOPE_PATHS, scope)) {
      throw new FaultError(`lacksScopes[${i}] must be one of ${Object.keys(SCOPE_PATHS).join(', ')}`);
    }
    return readForbid(
      SCOPE_PATHS[scope as Scope].map((rule) => {
        const [method, path] = rule.split(' ');
        return { method, path, code: 'forbidden', message: `The app has no ${scope} permission.` };
      }),
    );
  });
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
      forbidPaths: [],
      lacksScopes: [],
      mergedContactStatus: 410,
      companyLookup: 'company',
    };
  }

  /** Merges `input` into the current faults. Throws `FaultError` on malformed input or unknown keys (nothing changes then). */
  set(input: FaultInput | unknown): void {
    if (!isRecord(input)) throw new FaultError('faults must be a JSON object');
    for (const key of Object.keys(input)) {
      if (key === 'mergeContact') throw new FaultError('mergeContact acts on the workspace: set it through sandbox.faults.set or POST /__sandbox/faults');
      if (!KNOWN_KEYS.has(key)) throw new FaultError(`unknown fault '${key}'`);
    }
    const next: FaultSnapshot = { ...this.s };
    let restartWindow = false;
    if (input.latencyMs !== undefined) next.latencyMs = int(input.latencyMs, 'latencyMs', 0, 60_000);
    if (input.failNext !== undefined) next.failNext = readFailNext(input.failNext);
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
    if (input.forbidPaths !== undefined) next.forbidPaths = readForbid(input.forbidPaths);
    if (input.lacksScopes !== undefined) next.lacksScopes = readScopes(input.lacksScopes);
    if (input.mergedContactStatus !== undefined) {
      if (input.mergedContactStatus !== 404 && input.mergedContactStatus !== 410) throw new FaultError('mergedContactStatus must be 404 or 410');
      next.mergedContactStatus = input.mergedContactStatus;
    }
    if (input.companyLookup !== undefined) {
      if (input.companyLookup !== 'company' && input.companyLookup !== 'list') throw new FaultError("companyLookup must be 'company' or 'list'");
      next.companyLookup = input.companyLookup;
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

  /** If an injected failure applies to this request, uses it up and returns it. */
  takeFailure(path: string, method = 'GET'): Failure | null {
    const f = this.s.failNext;
    if (!f || f.count <= 0) return null;
    if (f.path !== null && !under(path, f.path)) return null;
    if (f.method !== null && f.method !== method.toUpperCase()) return null;
    const left = f.count - 1;
    this.s = { ...this.s, failNext: left > 0 ? { ...f, count: left } : null };
    return { status: f.status, afterApply: f.afterApply, dropConnection: f.dropConnection };
  }

  /** The 403 rule covering this request, if any. */
  forbidden(path: string, method: string): ForbidSnapshot | undefined {
    return [...this.s.forbidPaths, ...this.s.lacksScopes].find((r) => under(path, r.path) && (r.method === null || r.method === method.toUpperCase()));
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
