/**
 * Who is calling: the JWT in `Authorization: Bearer …`, signed by the team's backend with SIDEKICK_SECRET
 * (HS256 only: `alg: none` and every other algorithm are refused by jose). Cookies are never read.
 */
import { errors, jwtVerify } from 'jose';
import type { ErrorCode } from '../protocol/schemas';
import { MAX_TTL_SECONDS } from './mint';

/** Clocks of the backend and the endpoint may differ a little. */
export const CLOCK_SKEW_SECONDS = 30;

export interface Caller {
  /** Who acts (the JWT's `sub`). */
  sub: string;
  canWrite: boolean;
}

export type AuthOutcome = { ok: true; caller: Caller } | { ok: false; code: Extract<ErrorCode, 'auth_missing' | 'auth_expired' | 'auth_refused'> };

export async function authenticate(header: string | null, key: Uint8Array, nowSeconds: number): Promise<AuthOutcome> {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!header?.trim()) return { ok: false, code: 'auth_missing' };
  if (!m?.[1]) return { ok: false, code: 'auth_refused' };
  try {
    const { payload } = await jwtVerify(m[1], key, {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(nowSeconds * 1000),
    });
    // A token valid for longer than an hour is not short-lived: the backend should mint a new one instead.
    if (typeof payload.exp !== 'number' || payload.exp > nowSeconds + MAX_TTL_SECONDS + CLOCK_SKEW_SECONDS) return { ok: false, code: 'auth_refused' };
    if (typeof payload.sub !== 'string' || !payload.sub.trim() || payload.sub.length > 320) return { ok: false, code: 'auth_refused' };
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(/\s+/) : [];
    if (!scopes.includes('read')) return { ok: false, code: 'auth_refused' };
    return { ok: true, caller: { sub: payload.sub.trim(), canWrite: scopes.includes('write') } };
  } catch (e) {
    return { ok: false, code: e instanceof errors.JWTExpired ? 'auth_expired' : 'auth_refused' };
  }
}
