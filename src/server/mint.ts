/**
 * For a team's backend: mints the short-lived JWT a signed-in colleague's page hands to `<sidekick-contact>`.
 * HS256 with the endpoint's SIDEKICK_SECRET, through jose (no hand-written crypto).
 *
 *   import { mintSidekickToken } from 'sidekick-for-intercom/src/server/mint';
 *   const jwt = await mintSidekickToken(process.env.SIDEKICK_SECRET!, { sub: user.email, scope: 'read write' });
 */
import { SignJWT } from 'jose';

export type SidekickScope = 'read' | 'read write';

export interface MintOptions {
  /** Who acts: an Intercom admin's email or id acts as that admin; anyone else as the token's own admin. */
  sub: string;
  scope?: SidekickScope;
  /** Lifetime in seconds: at most 3600 (the endpoint refuses longer), default 900. */
  ttlSeconds?: number;
  /** Unix seconds "now" (tests). */
  now?: number;
}

export const MAX_TTL_SECONDS = 3600;
export const DEFAULT_TTL_SECONDS = 900;

export async function mintSidekickToken(secret: string, opts: MintOptions): Promise<string> {
  const ttl = opts.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TTL_SECONDS) throw new RangeError(`ttlSeconds must be a whole number from 1 to ${MAX_TTL_SECONDS}.`);
  if (!opts.sub.trim()) throw new RangeError('sub must name who acts (an email or an id).');
  const scope = opts.scope ?? 'read';
  if (scope !== 'read' && scope !== 'read write') throw new RangeError('scope must be "read" or "read write".');
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(opts.sub.trim())
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(new TextEncoder().encode(secret));
}
