/**
 * How the sandbox answers one API request. Order of checks:
 *   record → latency → injected failure → auth → rate limit → forbidden paths → body → route.
 * An injected failure with `afterApply` lets the request run to the end (writes are applied) and then
 * replaces the answer; one with `dropConnection` destroys the socket instead of answering.
 * Every answer carries X-Request-Id and X-RateLimit-Limit/-Remaining/-Reset; 429s add Retry-After.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, defaultError, errorBody, forbidden, notFound, unauthorized } from './errors';
import type { Failure, Faults, RateInfo } from './faults';
import { Router, parseJsonBody, readRaw, sendEmpty, sendJson, type Route } from './http';
import { SearchError } from './search';
import type { SandboxState } from './state';

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
  /** Status of the answer (0 while in flight, and for a dropped connection). */
  status: number;
  requestId: string;
  /** True when an injected `dropConnection` failure closed the connection without an answer. */
  dropped?: boolean;
  /** When it arrived, on the sandbox clock (Unix milliseconds). */
  at: number;
}

export interface PipelineDeps {
  token: string;
  faults: Faults;
  requests: RecordedRequest[];
  routes: Route[];
  state(): SandboxState;
  /** e.g. `http://127.0.0.1:54321`. */
  baseUrl(): string;
  /** The sandbox clock, Unix milliseconds. */
  nowMs(): number;
}

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

export function rateHeaders(r: RateInfo): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(r.limit),
    'X-RateLimit-Remaining': String(r.remaining),
    'X-RateLimit-Reset': String(r.reset),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApiHandler(deps: PipelineDeps) {
  const router = new Router(deps.routes);
  const { faults } = deps;

  /** An injected failure as an ApiError. An injected 429 asks to wait 1 s (a real one waits for the window's end) to keep tests quick. */
  const injected = (status: number) =>
    new ApiError(
      status,
      [defaultError(status)],
      status === 429 ? { 'Retry-After': '1', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.ceil((deps.nowMs() + 1000) / 1000)) } : {},
    );

  return async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
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
      at: deps.nowMs(),
    };
    deps.requests.push(rec);
    const drop = () => {
      rec.dropped = true;
      res.destroy();
    };
    let rate: RateInfo | null = null;
    let status = 200;
    let body: unknown;
    let extra: Record<string, string> = {};
    let held: Failure | null = null;
    try {
      const raw = await readRaw(req);
      try {
        rec.body = raw.trim() === '' ? null : (JSON.parse(raw) as unknown);
      } catch {
        rec.body = null;
      }
      const { latencyMs, revokeToken } = faults.current;
      if (latencyMs > 0) await sleep(latencyMs);
      const failure = faults.takeFailure(url.pathname, method);
      if (failure && !failure.afterApply) {
        if (failure.dropConnection) return drop();
        throw injected(failure.status ?? 500);
      }
      held = failure;
      const auth = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
      if (!auth || auth[1]?.trim() !== deps.token || revokeToken) throw unauthorized();
      rate = faults.consume();
      if (rate.exceeded) throw new ApiError(429, [defaultError(429)], { 'Retry-After': String(rate.retryAfter) });
      const rule = faults.forbidden(url.pathname, method);
      if (rule) throw forbidden(rule.code, rule.message);
      const parsed = parseJsonBody(raw, headers['content-type']);
      const match = router.match(method, url.pathname);
      if (!match) throw notFound();
      const snapshot = faults.current;
      const reply = match.route.handler({
        method,
        path: url.pathname,
        query: url.searchParams,
        params: match.params,
        body: parsed,
        state: deps.state(),
        now: () => Math.floor(deps.nowMs() / 1000),
        baseUrl: deps.baseUrl(),
        options: { mergedContactStatus: snapshot.mergedContactStatus, companyLookup: snapshot.companyLookup },
      });
      status = reply.status ?? 200;
      body = reply.body;
      extra = reply.headers ?? {};
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
    if (held) {
      // The request was applied; its answer is "lost".
      if (held.dropConnection) return drop();
      const lost = injected(held.status ?? 500);
      status = lost.status;
      body = errorBody(rec.requestId, lost.errors);
      extra = lost.headers;
    }
    rec.status = status;
    const out = { ...rateHeaders(rate ?? faults.peek()), 'X-Request-Id': rec.requestId, ...extra };
    if (body === undefined) sendEmpty(res, status, out);
    else sendJson(res, status, body, out);
  };
}
