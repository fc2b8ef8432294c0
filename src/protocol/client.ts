/**
 * How the widget calls whoever holds the token: one `Transport` interface, two implementations. Inside the
 * extension that is the service worker (extension messaging); in a team's own page (`<sidekick-contact>`) it
 * is their endpoint (HTTP, `POST {endpoint}/rpc/{route}` with `{ input }`, answering the same `Result`).
 * Components never pick one: the host passes it by context (src/widget/host.tsx).
 */
import { ERROR_CODES } from './constants';
import type { ErrorCode, ErrorInfo, Result } from './schemas';
import type { RouteInput, RouteName, RouteOutput } from './messages';

export class RpcError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.detail ?? info.code);
    this.name = 'RpcError';
  }
}

/** What a page shows for a failed call: the worker's error, or "internal" for anything else (a dead worker). */
export const errorInfo = (e: unknown): ErrorInfo => (e instanceof RpcError ? e.info : { code: 'internal' });

/** One request to whoever holds the token, typed by route. */
export type Call = <R extends RouteName>(type: R, input: RouteInput<R>) => Promise<RouteOutput<R>>;

export interface Transport {
  call: Call;
}

function unwrap<T>(answer: unknown): T {
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) throw new RpcError({ code: 'internal' });
  const result = answer as Result<T>;
  if (!result.ok) throw new RpcError(sanitizeError(result.error));
  return result.data;
}

/** An error from the other side, kept to the fields and codes we know (an endpoint is another program). */
function sanitizeError(raw: unknown): ErrorInfo {
  if (!raw || typeof raw !== 'object') return { code: 'internal' };
  const e = raw as Record<string, unknown>;
  const code = (ERROR_CODES as readonly string[]).includes(e.code as string) ? (e.code as ErrorCode) : 'internal';
  const info: ErrorInfo = { code };
  for (const k of ['detail', 'requestId', 'region', 'intercomCode', 'field', 'canonicalId', 'request'] as const) {
    if (typeof e[k] === 'string') info[k] = (e[k] as string).slice(0, 500);
  }
  for (const k of ['retryAfter', 'status', 'at'] as const) if (typeof e[k] === 'number' && Number.isFinite(e[k])) info[k] = e[k] as number;
  return info;
}

/** Extension pages → the service worker. */
export const extensionTransport: Transport = {
  async call(type, input) {
    let answer: unknown;
    try {
      answer = await chrome.runtime.sendMessage({ type, input });
    } catch {
      throw new RpcError({ code: 'internal', detail: 'The extension’s background worker did not answer.' });
    }
    return unwrap(answer);
  },
};

/** The embedded element's JWT: a string, or a function the page gives to hand out a fresh one. */
export type AuthSource = string | null | undefined | (() => string | null | undefined | Promise<string | null | undefined>);

export interface HttpTransportOptions {
  /** The endpoint's base URL (`https://tools.acme.test/sidekick`). */
  endpoint: string;
  auth: () => AuthSource;
  fetch?: typeof fetch;
  /** Waits before a read is tried again after a 429; the element says so meanwhile. */
  onWait?: (seconds: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** A rate limit this long or shorter is waited out once for a read; longer ones are reported. */
const MAX_WAIT_S = 20;
/** Routes that never change anything in Intercom: safe to send again (the rest are the routes with `writes: true`). */
const READS = new Set<RouteName>(['contacts/lookup', 'contacts/search-name', 'workspace/info', 'contact/activity', 'conversation/get', 'companies/find', 'contact/attributes',
  'company/get', 'company/contacts', 'contact/notes', 'contact/conversations', 'contact/events', 'contact/tickets', 'ticket/get', 'contact/segments',
]);

/** A page → the team's endpoint, with a short-lived JWT. No cookies: the JWT is the only credential. */
export function httpTransport(opts: HttpTransportOptions): Transport {
  const base = opts.endpoint.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    async call(type, input) {
      // Every write carries a request id: the endpoint answers a repeat of it from the first attempt, never
      // sending it to Intercom twice. A queued action's own id is that id; other writes get a fresh one.
      const key = READS.has(type) ? null : outboxId(input) ?? crypto.randomUUID();
      for (let attempt = 0; ; attempt++) {
        const source = opts.auth();
        const jwt = typeof source === 'function' ? await source() : source;
        if (!jwt) throw new RpcError({ code: 'auth_missing' });
        let res: Response;
        try {
          res = await doFetch(`${base}/rpc/${type}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}`, ...(key ? { 'Idempotency-Key': key } : {}) },
            body: JSON.stringify({ input }),
            credentials: 'omit',
            cache: 'no-store',
            redirect: 'error',
          });
        } catch {
          throw new RpcError({ code: 'endpoint_unreachable', detail: hostOf(base) });
        }
        let body: unknown = null;
        try {
          body = await res.json();
        } catch {
          // A proxy's HTML page or an empty answer: the status decides below.
        }
        if (body && typeof body === 'object' && 'ok' in body) {
          const result = body as Result<unknown>;
          if (!result.ok && result.error?.code === 'rate_limited' && READS.has(type) && attempt === 0) {
            const wait = typeof result.error.retryAfter === 'number' ? result.error.retryAfter : Number(res.headers.get('Retry-After')) || 10;
            if (wait <= MAX_WAIT_S) {
              opts.onWait?.(wait);
              await sleep(wait * 1000);
              continue;
            }
          }
          return unwrap(body);
        }
        throw new RpcError({ code: res.status === 404 ? 'endpoint_unreachable' : res.status >= 500 ? 'server' : 'internal', status: res.status, detail: hostOf(base) });
      }
    },
  };
}

function outboxId(input: unknown): string | null {
  const id = input && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 200);
  }
}
