/** The endpoint's HTTP pieces: answers in the Result shape, CORS headers, a capped body read, statuses for errors. */
import type { ErrorCode, ErrorInfo, Result } from '../protocol/schemas';

/** What the browser may send and read across origins. No credentials: the JWT is the only one. */
const CORS_ALLOW = {
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
  'Access-Control-Max-Age': '600',
};

export function corsHeaders(origin: string | null, preflight: boolean): Record<string, string> {
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After',
    ...(preflight ? CORS_ALLOW : {}),
  };
}

export function json(status: number, body: Result<unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Origin',
      ...headers,
    },
  });
}

export function failure(status: number, error: ErrorInfo, headers: Record<string, string> = {}): Response {
  const retry: Record<string, string> = error.retryAfter !== undefined ? { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfter))) } : {};
  return json(status, { ok: false, error }, { ...retry, ...headers });
}

/** The HTTP status for a failed call. 401 and 403 are about the caller's JWT; Intercom refusing the endpoint's own token is a 502. */
export function statusFor(error: ErrorInfo): number {
  const byCode: Partial<Record<ErrorCode, number>> = {
    auth_missing: 401,
    auth_expired: 401,
    auth_refused: 401,
    scope_missing: 403,
    too_large: 413,
    rate_limited: 429,
    not_found: 404,
    gone: 404,
    bad_request: 400,
    unprocessable: 400,
    invalid_message: 400,
    conflict: 409,
    unauthorized: 502,
    forbidden: 502,
    wrong_region: 502,
    unreachable: 502,
    timeout: 502,
    uncertain: 502,
    server: error.status === 503 ? 503 : 502,
  };
  return byCode[error.code] ?? 500;
}

export class TooLarge extends Error {
  override name = 'TooLarge';
}

/** Reads the body as text, stopping as soon as it passes `max` bytes: a Content-Length that lies changes nothing. */
export async function readCapped(request: Request, max: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}
