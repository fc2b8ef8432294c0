/**
 * A local HTTP server that answers like Intercom's REST API 2.14, for tests and demos.
 *
 *   const sandbox = await startSandbox();           // http://127.0.0.1:<ephemeral port>
 *   fetch(`${sandbox.url}/me`, { headers: { Authorization: `Bearer ${SANDBOX_TOKEN}` } });
 *   sandbox.faults.set({ failNext: { count: 1, status: 503 } });
 *   await sandbox.close();
 *
 * Order of checks for an API request: record → latency → injected failure → auth → rate limit → body → route.
 * Every API answer carries X-Request-Id and X-RateLimit-Limit/-Remaining/-Reset; 429s add Retry-After.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, defaultError, errorBody, notFound, unauthorized } from './errors';
import { Faults, type FaultInput, type FaultSnapshot, type RateInfo } from './faults';
import { CORS_HEADERS, Router, parseJsonBody, readRaw, send, sendJson } from './http';
import { adminRoutes } from './routes/admins';
import { companyRoutes } from './routes/companies';
import { contactRoutes } from './routes/contacts';
import { handleControl } from './routes/control';
import { conversationRoutes } from './routes/conversations';
import { DEMO_PAGES } from './routes/demo';
import { tagRoutes } from './routes/tags';
import { ticketTypeRoutes } from './routes/ticket-types';
import { SearchError } from './search';
import { SANDBOX_TOKEN, createState } from './seed';
import type { SandboxState } from './state';

export interface SandboxOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. Only loopback addresses are accepted. */
  host?: string;
  /** Default true. `false`: an empty workspace (the app and the token's admin only). */
  seed?: boolean;
  /** The one valid access token. Default SANDBOX_TOKEN. */
  token?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The `Intercom-Version` header, or null when absent. */
  intercomVersion: string | null;
  /** Parsed JSON body, or null (no body or not JSON). */
  body: unknown;
  /** Status of the answer (0 while in flight). */
  status: number;
  requestId: string;
}

export interface SandboxFaults {
  /** Merges faults (see FaultInput). Throws on malformed input. */
  set(input: FaultInput): void;
  clear(): void;
  readonly current: FaultSnapshot;
}

export interface Sandbox {
  /** e.g. `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
  /** The live workspace (replaced by `reset()`). */
  readonly state: SandboxState;
  /** Every API request received since start or the last reset (control and demo requests excluded). */
  readonly requests: RecordedRequest[];
  /** Reseed, clear recorded requests, clear faults. */
  reset(): void;
  faults: SandboxFaults;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;
const router = new Router([
  ...adminRoutes,
  ...contactRoutes,
  ...companyRoutes,
  ...tagRoutes,
  ...ticketTypeRoutes,
  ...conversationRoutes,
]);

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}

function rateHeaders(r: RateInfo): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(r.limit),
    'X-RateLimit-Remaining': String(r.remaining),
    'X-RateLimit-Reset': String(r.reset),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`startSandbox: host must be a loopback address, got ${host}`);
  const token = opts.token ?? SANDBOX_TOKEN;
  let state = createState({ seed: opts.seed });
  const requests: RecordedRequest[] = [];
  const faults = new Faults();

  const reset = () => {
    state = createState({ seed: opts.seed });
    requests.length = 0;
    faults.clear();
  };

  const host_ = {
    reset,
    get state() {
      return state;
    },
    requests,
    faults: {
      set: (input: FaultInput) => faults.set(input),
      clear: () => faults.clear(),
      get current() {
        return faults.current;
      },
    },
  };

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const headers = flatHeaders(req);
    const rec: RecordedRequest = {
      method,
      path: url.pathname,
      query: queryObject(url.searchParams),
      headers,
      intercomVersion: headers['intercom-version'] ?? null,
      body: null,
      status: 0,
      requestId: randomUUID(),
    };
    requests.push(rec);
    let rate: RateInfo | null = null;
    let status = 200;
    let body: unknown;
    let extra: Record<string, string> = {};
    try {
      const raw = await readRaw(req);
      try {
        rec.body = raw.trim() === '' ? null : (JSON.parse(raw) as unknown);
      } catch {
        rec.body = null;
      }
      const { latencyMs, revokeToken } = faults.current;
      if (latencyMs > 0) await sleep(latencyMs);
      const injected = faults.takeFailure(url.pathname);
      if (injected !== null) {
        // An injected 429 asks to wait 1 s (a real one waits for the window to end) to keep tests quick.
        throw new ApiError(injected, [defaultError(injected)], injected === 429 ? { 'Retry-After': '1', 'X-RateLimit-Remaining': '0' } : {});
      }
      const auth = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
      if (!auth || auth[1]?.trim() !== token || revokeToken) throw unauthorized();
      rate = faults.consume();
      if (rate.exceeded) {
        throw new ApiError(429, [defaultError(429)], { 'Retry-After': String(rate.retryAfter) });
      }
      const parsed = parseJsonBody(raw, headers['content-type']);
      const match = router.match(method, url.pathname);
      if (!match) throw notFound();
      const reply = match.route.handler({
        method,
        path: url.pathname,
        query: url.searchParams,
        params: match.params,
        body: parsed,
        state,
        now: () => Math.floor(Date.now() / 1000),
      });
      status = reply.status ?? 200;
      body = reply.body;
    } catch (e) {
      if (e instanceof ApiError) {
        status = e.status;
        body = errorBody(rec.requestId, e.errors);
        extra = e.headers;
      } else if (e instanceof SearchError) {
        status = e.status;
        body = errorBody(rec.requestId, e.errors);
      } else {
        console.error('[sandbox] handler crashed', e);
        status = 500;
        body = errorBody(rec.requestId, [defaultError(500)]);
      }
    }
    rec.status = status;
    sendJson(res, status, body, { ...rateHeaders(rate ?? faults.peek()), 'X-Request-Id': rec.requestId, ...extra });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      const pna = req.headers['access-control-request-private-network'] === 'true';
      res.writeHead(204, { ...CORS_HEADERS, ...(pna ? { 'Access-Control-Allow-Private-Network': 'true' } : {}) });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/__sandbox/')) {
      let body: unknown = null;
      try {
        const raw = await readRaw(req);
        body = raw.trim() === '' ? null : (JSON.parse(raw) as unknown);
      } catch {
        sendJson(res, 400, { ok: false, error: 'body must be JSON' });
        return;
      }
      const reply = handleControl(host_, method, url.pathname, body);
      sendJson(res, reply.status, reply.body, rateHeaders(faults.peek()));
      return;
    }
    const page = DEMO_PAGES[url.pathname.replace(/\/+$/, '') || '/'];
    if (page && (method === 'GET' || method === 'HEAD')) {
      send(res, 200, page(url.searchParams), 'text/html; charset=utf-8');
      return;
    }
    await api(req, res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[sandbox] request failed', e);
      if (!res.headersSent) sendJson(res, 500, errorBody(randomUUID(), [defaultError(500)]));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    token,
    get state() {
      return state;
    },
    requests,
    reset,
    faults: host_.faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
