/** Turns Intercom's answers and fetch failures into AppErrors a person can act on. */
import * as v from 'valibot';
import type { ErrorCode } from '../../protocol/schemas';
import { AppError } from '../errors';

const ErrorList = v.object({
  type: v.literal('error.list'),
  request_id: v.optional(v.nullable(v.string())),
  errors: v.array(v.object({ code: v.string(), message: v.optional(v.nullable(v.string())), field: v.optional(v.string()) })),
});

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  422: 'unprocessable',
  429: 'rate_limited',
};

export function codeForStatus(status: number): ErrorCode {
  return BY_STATUS[status] ?? (status >= 500 ? 'server' : 'bad_request');
}

/** `Link: <https://api.intercom.io/contacts/abc>; rel="canonical"` → `abc`. */
export function canonicalIdFrom(headers: Headers): string | undefined {
  const link = headers.get('Link');
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?canonical"?/i.exec(part);
    if (m?.[1]) return decodeURIComponent(m[1].split(/[?#]/)[0]!.split('/').filter(Boolean).pop() ?? '') || undefined;
  }
  return undefined;
}

/** Seconds until the rate-limit window resets, from Retry-After or X-RateLimit-Reset. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('Retry-After');
  if (retryAfter !== null) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return Math.max(0, Math.ceil(secs));
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const reset = Number(headers.get('X-RateLimit-Reset'));
  if (reset > 0) return Math.max(0, Math.ceil(reset - now / 1000));
  return undefined;
}

export async function errorFromResponse(res: Response): Promise<AppError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status says enough.
  }
  const parsed = v.safeParse(ErrorList, body);
  const first = parsed.success ? parsed.output.errors[0] : undefined;
  const info = {
    status: res.status,
    detail: first?.message ?? undefined,
    intercomCode: first?.code,
    field: first?.field,
    requestId: (parsed.success ? parsed.output.request_id : null) ?? res.headers.get('X-Request-Id') ?? undefined,
    retryAfter: res.status === 429 ? (retryAfterSeconds(res.headers) ?? 10) : undefined,
    canonicalId: res.status === 410 ? canonicalIdFrom(res.headers) : undefined,
  };
  // Only the fields that are known: undefined keys would clutter what the router sends.
  return new AppError(codeForStatus(res.status), Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)));
}
