/**
 * The worker's only door to Intercom. It holds the token for the length of a call, pins the API version,
 * reads the rate-limit headers, retries reads (never writes) on transient failures, and turns every
 * failure into an AppError.
 */
import ky, { TimeoutError } from 'ky';
import { AppError } from '../errors';
import { errorFromResponse, retryAfterSeconds } from './errors';
import { RateLimiter, type Sleep } from './limiter';

export const INTERCOM_VERSION = '2.14';
/** A 429 whose window resets later than this is reported to the user rather than waited out. */
const MAX_RATE_WAIT_S = 15;
const TIMEOUT_MS = 15_000;

export interface Connection {
  baseUrl: string;
  token: string;
}

export interface RequestOptions {
  json?: unknown;
  searchParams?: Record<string, string | number>;
  /** Reads may be resent after a timeout or 5xx; writes may not (they may have been applied). */
  idempotent?: boolean;
}

export class IntercomHttp {
  constructor(
    private readonly conn: Connection,
    private readonly limiter: RateLimiter = new RateLimiter(),
    private readonly sleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  get baseUrl(): string {
    return this.conn.baseUrl;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
    const idempotent = opts.idempotent ?? method === 'GET';
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.limiter.run(() => this.once(method, path, opts));
      if (outcome.ok) return outcome.value as T;
      const err = outcome.error;
      const status = err.info.status ?? 0;
      // A 429 was not applied, so any request may be resent once the window resets.
      if (err.info.code === 'rate_limited') {
        const wait = err.info.retryAfter ?? 10;
        this.limiter.exhausted(wait);
        if (attempt < 2 && wait <= MAX_RATE_WAIT_S) continue;
        throw err;
      }
      const transient = status >= 500 || err.info.code === 'timeout' || err.info.code === 'unreachable';
      if (idempotent && transient && attempt < 2) {
        await this.sleep(250 * 4 ** attempt);
        continue;
      }
      throw err;
    }
  }

  private async once(
    method: string,
    path: string,
    opts: RequestOptions,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: AppError }> {
    let res: Response;
    try {
      res = await ky(path.replace(/^\//, ''), {
        prefixUrl: this.conn.baseUrl,
        method,
        body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
        searchParams: opts.searchParams,
        headers: {
          Authorization: `Bearer ${this.conn.token}`,
          'Intercom-Version': INTERCOM_VERSION,
          Accept: 'application/json',
          ...(opts.json === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        timeout: TIMEOUT_MS,
        retry: 0,
        throwHttpErrors: false,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        fetch: plainFetch,
      });
    } catch (e) {
      if (e instanceof TimeoutError) return { ok: false, error: new AppError('timeout', { detail: hostOf(this.conn.baseUrl) }) };
      return { ok: false, error: new AppError('unreachable', { detail: hostOf(this.conn.baseUrl) }) };
    }
    this.limiter.observe(res.headers);
    if (!res.ok) {
      const error = await errorFromResponse(res);
      if (res.status === 429 && error.info.retryAfter === undefined) error.info.retryAfter = retryAfterSeconds(res.headers) ?? 10;
      return { ok: false, error };
    }
    if (res.status === 202 || res.status === 204) return { ok: true, value: null };
    try {
      return { ok: true, value: await res.json() };
    } catch {
      return { ok: false, error: new AppError('server', { status: res.status, detail: 'Intercom sent an answer that is not JSON.' }) };
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

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
