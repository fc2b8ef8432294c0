/**
 * The endpoint: a Web-standard fetch handler (`(Request) => Promise<Response>`, no Node imports) that lets a
 * team's `<sidekick-contact>` elements call the protocol's embed routes with a short-lived JWT, while the
 * Intercom token stays here. It runs under Node (node.ts) and unchanged under Cloudflare's workerd (worker.ts).
 *
 *   POST <prefix>/rpc/<route>   {"input": …}  →  the Result shape, on every status
 *   OPTIONS <prefix>/rpc/<route>              →  CORS preflight (allowed origins only)
 *   GET <prefix>/health                       →  {"ok":true}
 *
 * Everything that can be refused is refused before any work: the origin, the JWT, the route, the scope, the
 * body's size and shape. All colleagues share one Intercom session (one cache, one rate limiter), and a fair
 * scheduler gives each `sub` its turn.
 */
import * as v from 'valibot';
import { ROUTES, isRouteName, writes } from '../protocol/messages';
import type { ErrorInfo, Result } from '../protocol/schemas';
import { toErrorInfo } from '../core/errors';
import { IntercomHttp } from '../core/intercom/http';
import { RateLimiter } from '../core/intercom/limiter';
import { Lookup } from '../core/intercom/lookup';
import { batchWithin } from '../core/intercom/lookup-batch';
import type { Session } from '../core/session';
import { authenticate } from './auth';
import type { EndpointConfig } from './config';
import { FairScheduler, QueueFull } from './fair';
import { corsHeaders, failure, json, readCapped, statusFor, TooLarge } from './http';
import { IdempotencyWindow, KeyMismatch } from './idempotency';
import { embedHandlers, isEmbedRoute, type EmbedRoute } from './routes';
import { invalidInput } from './validation';

export type { EndpointConfig };

export interface HandlerDeps {
  /** Unix milliseconds (JWT expiry, the idempotency window, OutboxEntry times). */
  now?: () => number;
  /** The pause between resends of a read after a 5xx or a timeout (tests skip it). */
  sleep?: (ms: number) => Promise<void>;
}

export type FetchHandler = (request: Request) => Promise<Response>;

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_LOOKUP_BATCH_MS = 10;
/** A limiter blocked longer than this (Intercom said so after a 429) answers 429 at once instead of holding the request. */
const MAX_HOLD_MS = 15_000;
const KEY_PATTERN = /^[\w-]{8,128}$/;

/** `heldBack`: refused before anything was sent to Intercom. */
type Answer = { status: number; body: Result<unknown>; heldBack?: boolean };

export function createHandler(config: EndpointConfig, deps: HandlerDeps = {}): FetchHandler {
  const now = deps.now ?? Date.now;
  const maxBody = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const allowed = new Set(config.allowedOrigins);
  const key = new TextEncoder().encode(config.secret);
  // One session for every colleague: one lookup cache, one rate-limit budget.
  const limiter = new RateLimiter();
  const http = new IntercomHttp({ baseUrl: config.apiBaseUrl, token: config.intercomToken }, limiter, deps.sleep);
  // Colleagues opening pages at the same moment share searches: addresses asked for within a few ms go together.
  const batchMs = config.lookupBatchMs ?? DEFAULT_LOOKUP_BATCH_MS;
  const session: Session = { http, lookup: new Lookup(http, batchMs > 0 ? { batch: batchWithin(batchMs) } : {}) };
  const fair = new FairScheduler({ maxInFlight: config.maxInFlight, maxQueuedPerKey: config.maxQueuedPerSub });
  const done = new IdempotencyWindow<Answer>(10_000, 24 * 60 * 60_000, now);

  return async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const origin = request.headers.get('Origin');
    // A browser page from elsewhere gets nothing, not even a CORS header: no work is done for it.
    if (origin !== null && !allowed.has(origin)) return failure(403, { code: 'forbidden', detail: 'This page’s origin is not allowed to use this endpoint.' });
    const cors = corsHeaders(origin, false);

    if (/\/health\/?$/.test(url.pathname) && (request.method === 'GET' || request.method === 'HEAD')) return json(200, { ok: true, data: { ok: true } }, cors);
    const match = /\/rpc\/([a-z]+\/[a-z-]+)$/.exec(url.pathname);
    if (!match) return failure(404, { code: 'not_found', detail: 'There is nothing here.' }, cors);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { Vary: 'Origin', ...corsHeaders(origin, true) } });
    if (request.method !== 'POST') return failure(405, { code: 'bad_request', detail: 'Use POST.' }, { ...cors, Allow: 'POST, OPTIONS' });

    const declared = Number(request.headers.get('Content-Length') ?? '0');
    if (declared > maxBody) return failure(413, tooLarge(maxBody), cors);

    const auth = await authenticate(request.headers.get('Authorization'), key, Math.floor(now() / 1000));
    if (!auth.ok) return failure(401, { code: auth.code }, cors);
    const name = match[1]!;
    if (!isRouteName(name) || !isEmbedRoute(name)) return failure(404, { code: 'not_found', detail: 'No such route for an embedded card.' }, cors);
    if (writes(name) && !auth.caller.canWrite) return failure(403, { code: 'scope_missing' }, cors);

    let raw: unknown;
    try {
      raw = JSON.parse(await readCapped(request, maxBody));
    } catch (e) {
      if (e instanceof TooLarge) return failure(413, tooLarge(maxBody), cors);
      return failure(400, { code: 'invalid_message', detail: 'The body must be JSON: {"input": …}.' }, cors);
    }
    const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { input?: unknown }) : null;
    if (!body) return failure(400, { code: 'invalid_message', detail: 'The body must be JSON: {"input": …}.' }, cors);
    const parsed = v.safeParse(ROUTES[name].input as v.GenericSchema, body.input);
    if (!parsed.success) return failure(400, { code: 'invalid_message', detail: invalidInput(parsed.issues) }, cors);

    const sub = auth.caller.sub;
    const run = (): Promise<Answer> => call(name, parsed.output, sub);
    let answer: Answer;
    if (writes(name)) {
      const id = requestId(name, parsed.output, request.headers.get('Idempotency-Key'));
      if (!id) return failure(400, { code: 'invalid_message', detail: 'A write needs a request id: the Idempotency-Key header (8–128 letters, digits, - or _).' }, cors);
      const slot = `${sub}\n${name}\n${id}`;
      let remembered;
      try {
        remembered = done.remember(slot, JSON.stringify(body.input), run);
      } catch (e) {
        if (e instanceof KeyMismatch) return failure(409, { code: 'conflict', detail: e.message }, cors);
        throw e;
      }
      answer = await remembered.answer;
      // Refused before anything reached Intercom: the same id may be tried again.
      if (!remembered.repeat && answer.heldBack) done.forget(slot, remembered.answer);
    } else {
      answer = await run();
    }
    return answer.body.ok ? json(answer.status, answer.body, cors) : failure(answer.status, answer.body.error, cors);
  };

  /** Runs one validated call in its colleague's turn, and turns any failure into a Result and a status. */
  async function call(name: EmbedRoute, input: unknown, sub: string): Promise<Answer> {
    const held = limiter.blockedMs('user');
    if (held > MAX_HOLD_MS) return heldBack(Math.ceil(held / 1000));
    try {
      const handler = embedHandlers[name] as (s: Session, input: unknown, ctx: { sub: string; now: () => number }) => Promise<unknown>;
      const data = await fair.run(sub, () => handler(session, input, { sub, now }));
      return { status: 200, body: { ok: true, data } };
    } catch (err) {
      if (err instanceof QueueFull) return heldBack(err.retryAfterSeconds);
      const error = toErrorInfo(err);
      return { status: statusFor(error), body: { ok: false, error } };
    }
  }
}

/** A 429 the endpoint gave before sending anything to Intercom. */
function heldBack(retryAfter: number): Answer {
  const error: ErrorInfo = { code: 'rate_limited', retryAfter, detail: 'Too many requests right now: nothing was sent to Intercom. Try again shortly.' };
  return { status: 429, body: { ok: false, error }, heldBack: true };
}

function tooLarge(max: number): ErrorInfo {
  return { code: 'too_large', detail: `The request is larger than ${Math.round(max / 1024)} KB.` };
}

/** A write's request id: a queued action's own id, else the Idempotency-Key header. */
function requestId(name: EmbedRoute, input: unknown, header: string | null): string | null {
  if (name === 'outbox/submit') return (input as { id: string }).id;
  return header && KEY_PATTERN.test(header) ? header : null;
}
