/**
 * The worker's only door to Intercom. It holds the token for the length of a call, pins the API version,
 * spends the shared rate-limit budget, resends what is safe to resend, and turns every failure into an
 * AppError a person can act on.
 */
import ky, { TimeoutError } from 'ky';
import { AppError } from '../errors';
import { errorFromResponse } from './errors';
import { RateLimiter, type Priority, type Sleep } from './limiter';

export const INTERCOM_VERSION = '2.14';
/** A 429 whose window resets later than this is reported to the user rather than waited out. */
const MAX_RATE_WAIT_S = 15;
const TIMEOUT_MS = 15_000;
/** One try and at most two more. */
const MAX_ATTEMPTS = 3;

function uncertain(cause: AppError): AppError {
  const { status, requestId, detail } = cause.info;
  return new AppError('uncertain', { ...(status ? { status } : {}), ...(requestId ? { requestId } : {}), detail: detail ?? cause.info.code });
}

export interface Connection {
  baseUrl: string;
  token: string;
}

export interface RequestOptions {
  json?: unknown;
  searchParams?: Record<string, string | number>;
  /** Reads (GET, and searches sent as POST) may be resent after a timeout or 5xx; writes may not. */
  idempotent?: boolean;
  /** What the user just asked for goes before background lookups. */
  priority?: Priority;
  /**
   * For a write whose answer was lost (timeout, 5xx, dropped connection): reads Intercom to tell whether it
   * took effect. Answers what the write would have answered if it did, `undefined` if it did not.
   */
  verify?: () => Promise<unknown>;
}

/** A network failure where the request cannot have left the browser. */
function notSent(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

export class IntercomHttp {
  readonly #conn: Connection;
  readonly #limiter: RateLimiter;
  readonly #sleep: Sleep;
  readonly #timeoutMs: number;

  constructor(
    conn: Connection,
    limiter: RateLimiter = new RateLimiter(),
    sleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
    timeoutMs = TIMEOUT_MS,
  ) {
    this.#conn = conn;
    this.#limiter = limiter;
    this.#sleep = sleep;
    this.#timeoutMs = timeoutMs;
  }

  get baseUrl(): string {
    return this.#conn.baseUrl;
  }

  /**
   * Sends one request, within the shared rate limit. A 429 is waited out and resent (it was not applied);
   * reads are resent after a timeout, a 5xx or a network failure; a write whose answer was lost is checked
   * with `verify` and resent only if it provably did not take effect, and otherwise fails as `uncertain`
   * ("may have been sent"), so nothing is ever sent twice without the user's say.
   */
  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
    try {
      return await this.#send<T>(method, path, opts);
    } catch (e) {
      // What a support ticket to Intercom needs besides its request id: which request, and when (never a query or body).
      if (e instanceof AppError && !e.info.request) {
        e.info.request = `${method} ${path.split(/[?#]/, 1)[0]}`;
        e.info.at ??= Date.now();
      }
      throw e;
    }
  }

  async #send<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: RequestOptions): Promise<T> {
    refuseDotSegments(path);
    const read = opts.idempotent ?? method === 'GET';
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#limiter.run(() => this.#once(method, path, opts), opts.priority ?? 'user');
      if (outcome.ok) return outcome.value as T;
      const err = outcome.error;
      const last = attempt >= MAX_ATTEMPTS - 1;
      if (err.info.code === 'rate_limited') {
        const wait = err.info.retryAfter ?? 10;
        this.#limiter.exhausted(wait);
        if (!last && wait <= MAX_RATE_WAIT_S) continue;
        throw err;
      }
      const lost = (err.info.status ?? 0) >= 500 || err.info.code === 'timeout' || err.info.code === 'unreachable';
      if (!lost) throw err;
      if (read || (err.info.code === 'unreachable' && notSent())) {
        if (last) throw err;
        await this.#sleep(250 * 4 ** attempt);
        continue;
      }
      // A write whose answer was lost: it may have been applied.
      if (!opts.verify) throw uncertain(err);
      let applied: unknown;
      try {
        applied = await opts.verify();
      } catch {
        throw uncertain(err);
      }
      if (applied !== undefined) return applied as T;
      if (last) throw err;
    }
  }

  async #once(
    method: string,
    path: string,
    opts: RequestOptions,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: AppError }> {
    let res: Response;
    try {
      res = await ky(path.replace(/^\//, ''), {
        prefixUrl: this.#conn.baseUrl,
        method,
        body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
        searchParams: opts.searchParams,
        headers: {
          Authorization: `Bearer ${this.#conn.token}`,
          'Intercom-Version': INTERCOM_VERSION,
          Accept: 'application/json',
          ...(opts.json === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        timeout: this.#timeoutMs,
        retry: 0,
        throwHttpErrors: false,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        fetch: plainFetch,
      });
    } catch (e) {
      if (e instanceof TimeoutError) return { ok: false, error: new AppError('timeout', { detail: hostOf(this.#conn.baseUrl) }) };
      return { ok: false, error: new AppError('unreachable', { detail: hostOf(this.#conn.baseUrl) }) };
    }
    this.#limiter.observe(res.headers);
    if (!res.ok) return { ok: false, error: await errorFromResponse(res) };
    if (res.status === 202 || res.status === 204) return { ok: true, value: null };
    try {
      return { ok: true, value: await res.json() };
    } catch {
      return { ok: false, error: new AppError('server', { status: res.status }) };
    }
  }
}

/**
 * ky hands fetch a clone of its request, whose body is one branch of a tee, and on the way out cancels the
 * other branch. When fetch fails before reading the body (a refused connection), that cancel never settles
 * (a tee's cancel waits for both branches) and the call hangs. Reading the body here first avoids it.
 */
async function plainFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (!(input instanceof Request)) return fetch(input, init);
  const body = input.method === 'GET' || input.method === 'HEAD' ? undefined : await input.text();
  return fetch(input.url, {
    method: input.method,
    headers: input.headers,
    body,
    signal: input.signal,
    redirect: input.redirect,
    credentials: input.credentials,
    cache: input.cache,
  });
}

/**
 * An id of `.` or `..` (encodeURIComponent leaves dots alone) would make `/contacts/{id}/tags` another path once
 * the URL is resolved. Every path goes through here, so no path builder can be tricked by an id.
 */
export function refuseDotSegments(path: string): void {
  const segments = path.split(/[?#]/, 1)[0]!.split('/');
  if (segments.some((seg) => /^(?:\.|%2e){1,2}$/i.test(seg))) {
    throw new AppError('bad_request', { field: 'id' });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
