/** The live connection to Intercom: rebuilt when the token or the region changes. */
import { AppError } from './errors';
import { IntercomHttp } from './intercom/http';
import { RateLimiter } from './intercom/limiter';
import { Lookup } from './intercom/lookup';
import { baseUrlFor, ensureHostPermission, readSettings } from './settings';
import { readToken } from './vault';

export interface Session {
  http: IntercomHttp;
  lookup: Lookup;
}

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
  const [settings, token] = await Promise.all([readSettings(), readToken()]);
  if (!token) throw new AppError('no_token');
  const baseUrl = baseUrlFor(settings.region, settings.apiUrl);
  if (settings.region === 'custom') await ensureHostPermission(baseUrl);
  const http = new IntercomHttp({ baseUrl, token }, limiter);
  return { http, lookup: new Lookup(http) };
}
