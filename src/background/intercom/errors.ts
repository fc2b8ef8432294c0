/** Turns Intercom's answers and fetch failures into AppErrors a person can act on. */
import * as v from 'valibot';
import type { ErrorCode } from '../../protocol/schemas';
import { AppError } from '../errors';

const ErrorList = v.object({
  type: v.literal('error.list'),
  request_id: v.optional(v.nullable(v.string())),
  errors: v.array(v.object({ code: v.string(), message: v.optional(v.nullable(v.string())), field: v.optional(v.string()) })),
});

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
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
  return new AppError(codeForStatus(res.status), {
    status: res.status,
    detail: first?.message ?? undefined,
    requestId: (parsed.success ? parsed.output.request_id : null) ?? res.headers.get('X-Request-Id') ?? undefined,
    retryAfter: res.status === 429 ? retryAfterSeconds(res.headers) : undefined,
  });
}
