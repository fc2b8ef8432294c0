/**
 * A local HTTP server that answers like Intercom's REST API 2.14, for tests and demos.
 *
 *   const sandbox = await startSandbox();           // http://127.0.0.1:<ephemeral port>
 *   fetch(`${sandbox.url}/me`, { headers: { Authorization: `Bearer ${SANDBOX_TOKEN}` } });
 *   sandbox.faults.set({ failNext: { count: 1, status: 503 } });
 *   await sandbox.close();
 *
 * How one API request is answered (checks, faults, headers): pipeline.ts. Faults: faults.ts.
 * Routes: routes/*.ts. Test controls under /__sandbox/: routes/control.ts.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultError, errorBody } from './errors';
import { FaultError, Faults, type FaultInput, type FaultSnapshot } from './faults';
import { CORS_HEADERS, isRecord, readRaw, send, sendJson } from './http';
import { mergeContacts, readMergeFault } from './merge';
import { createApiHandler, rateHeaders, type RecordedRequest } from './pipeline';
import { adminRoutes } from './routes/admins';
import { companyRoutes } from './routes/companies';
import { contactLinkRoutes } from './routes/contact-links';
import { contactRoutes } from './routes/contacts';
import { handleControl } from './routes/control';
import { conversationActionRoutes } from './routes/conversation-actions';
import { conversationRoutes } from './routes/conversations';
import { dataAttributeRoutes } from './routes/data-attributes';
import { DEMO_PAGES } from './routes/demo';
import { handleTool, type EmbedDemoOptions } from './routes/tool';
import { fixtureFile } from '../fixtures/pages';
import { eventRoutes } from './routes/events';
import { segmentRoutes } from './routes/segments';
import { messageRoutes } from './routes/messages';
import { tagRoutes } from './routes/tags';
import { ticketTypeRoutes } from './routes/ticket-types';
import { ticketRoutes } from './routes/tickets';
import { SANDBOX_TOKEN, createState } from './seed';
import type { SandboxState } from './state';

export type { RecordedRequest };

export interface SandboxOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. Only loopback addresses are accepted. */
  host?: string;
  /** Default true. `false`: an empty workspace (the app and the token's admin only). */
  seed?: boolean;
  /** The one valid access token. Default SANDBOX_TOKEN. */
  token?: string;
  /**
   * The sandbox clock in Unix milliseconds (default Date.now): timestamps of what the API creates and
   * the rate-limit windows. Tests pass a fake clock to check windows and headers exactly.
   */
  clock?: () => number;
  /** The embedded card's demo (/demo/tool): the endpoint to embed against. Without it the page says it is not running. */
  embed?: EmbedDemoOptions;
}

export interface SandboxFaults {
  /** Merges faults (see FaultInput; `mergeContact` merges two contacts right away). Throws FaultError on malformed input, changing nothing. */
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
const ROUTES = [
  ...adminRoutes,
  ...contactRoutes,
  ...contactLinkRoutes,
  ...companyRoutes,
  ...tagRoutes,
  ...ticketTypeRoutes,
  ...ticketRoutes,
  ...conversationRoutes,
  ...conversationActionRoutes,
  ...messageRoutes,
  ...eventRoutes,
  ...segmentRoutes,
  ...dataAttributeRoutes,
];

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`startSandbox: host must be a loopback address, got ${host}`);
  const token = opts.token ?? SANDBOX_TOKEN;
  const clock = opts.clock ?? Date.now;
  let state = createState({ seed: opts.seed });
  const requests: RecordedRequest[] = [];
  const faults = new Faults(clock);
  let baseUrl = '';

  const reset = () => {
    state = createState({ seed: opts.seed });
    requests.length = 0;
    faults.clear();
  };

  /** Faults.set, plus the `mergeContact` action (which needs the workspace). All-or-nothing. */
  const setFaults = (input: FaultInput | unknown) => {
    if (!isRecord(input)) throw new FaultError('faults must be a JSON object');
    const { mergeContact, ...rest } = input;
    const pair = mergeContact === undefined ? null : readMergeFault(state, mergeContact);
    faults.set(rest);
    if (pair) mergeContacts(state, pair[0], pair[1], Math.floor(clock() / 1000));
  };

  const host_ = {
    reset,
    get state() {
      return state;
    },
    requests,
    faults: {
      set: (input: FaultInput) => setFaults(input),
      clear: () => faults.clear(),
      get current(): FaultSnapshot {
        return faults.current;
      },
    },
  };

  const api = createApiHandler({
    token,
    faults,
    requests,
    routes: ROUTES,
    state: () => state,
    baseUrl: () => baseUrl,
    nowMs: clock,
  });

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
    // The detection fixture pages (test/fixtures/pages), for the e2e test and the bench: /fixtures/<name>.html.
    const fixture = url.pathname.startsWith('/fixtures/') ? fixtureFile(url.pathname.slice('/fixtures/'.length)) : null;
    if (fixture !== null && (method === 'GET' || method === 'HEAD')) {
      send(res, 200, fixture, 'text/html; charset=utf-8');
      return;
    }
    if (await handleTool(req, res, url, opts.embed)) return;
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
  baseUrl = `http://${urlHost}:${port}`;

  return {
    url: baseUrl,
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
