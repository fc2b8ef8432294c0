/** The live connection to Intercom: rebuilt when the token or the region changes. */
import { AppError } from '../core/errors';
import { IntercomHttp } from '../core/intercom/http';
import { RateLimiter } from '../core/intercom/limiter';
import { Lookup } from '../core/intercom/lookup';
import { apiOriginOf, baseUrlFor, ensureHostPermission, readSettings } from './settings';
import { tokenFor } from './vault';
import type { Session } from '../core/session';

export type { Session };

/** One budget for the whole worker, whichever connection is live. */
export const limiter = new RateLimiter();
let current: Promise<Session> | null = null;

export function session(): Promise<Session> {
  current ??= open().catch((err: unknown) => {
    current = null;
    throw err;
  });
  return current;
}

/** Forget the live connection (settings or token changed). */
export function resetSession(): void {
  current = null;
}

async function open(): Promise<Session> {
  const settings = await readSettings();
  const baseUrl = baseUrlFor(settings.region, settings.apiUrl);
  // Only ever the token saved for this API origin.
  const token = await tokenFor(new URL(baseUrl).origin, apiOriginOf(settings));
  if (!token) throw new AppError('no_token');
  if (settings.region === 'custom') await ensureHostPermission(baseUrl);
  const http = new IntercomHttp({ baseUrl, token }, limiter);
  return { http, lookup: new Lookup(http) };
}
