// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalIdFrom, codeForStatus, errorFromResponse, retryAfterSeconds } from '../../src/core/intercom/errors';

describe('error mapping', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [410, 'gone'],
    [422, 'unprocessable'],
    [429, 'rate_limited'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
    [504, 'server'],
  ] as const)('%i → %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });

  it('keeps Intercom’s code, field and request id, and the seconds to wait on a 429', async () => {
    const body = { type: 'error.list', request_id: 'req-9', errors: [{ code: 'parameter_invalid', message: 'Email is invalid', field: 'email' }] };
    const err = await errorFromResponse(new Response(JSON.stringify(body), { status: 400 }));
    expect(err.info).toEqual({ code: 'bad_request', status: 400, detail: 'Email is invalid', intercomCode: 'parameter_invalid', field: 'email', requestId: 'req-9' });
    const limited = await errorFromResponse(new Response('{}', { status: 429, headers: { 'Retry-After': '7', 'X-Request-Id': 'r2' } }));
    expect(limited.info).toMatchObject({ code: 'rate_limited', retryAfter: 7, requestId: 'r2' });
  });

  it('reads an answer that is not JSON (a proxy’s HTML page) without failing', async () => {
    const err = await errorFromResponse(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(err.info).toEqual({ code: 'server', status: 502 });
  });

  it('finds the canonical contact of a merged one in the Link header', () => {
    const h = new Headers({ Link: '<https://api.intercom.io/contacts/6657a1b2c3>; rel="canonical"' });
    expect(canonicalIdFrom(h)).toBe('6657a1b2c3');
    expect(canonicalIdFrom(new Headers({ Link: '<https://x/y>; rel="next"' }))).toBeUndefined();
    expect(canonicalIdFrom(new Headers())).toBeUndefined();
  });

  it('reads the wait from Retry-After (seconds or date), else from X-RateLimit-Reset, never negative', () => {
    const now = 1_700_000_000_000;
    expect(retryAfterSeconds(new Headers({ 'Retry-After': '3' }), now)).toBe(3);
    expect(retryAfterSeconds(new Headers({ 'Retry-After': new Date(now + 5_000).toUTCString() }), now)).toBe(5);
    expect(retryAfterSeconds(new Headers({ 'X-RateLimit-Reset': String(now / 1000 + 8) }), now)).toBe(8);
    expect(retryAfterSeconds(new Headers(), now)).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), (delta) => {
        const s = retryAfterSeconds(new Headers({ 'X-RateLimit-Reset': String(Math.floor(now / 1000) + delta) }), now);
        return s !== undefined && s >= 0;
      }),
    );
  });
});
