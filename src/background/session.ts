/**
 * The live connections to Intercom, one per workspace (each its own token, API host, rate budget, and so its
 * own caches: lookups, the workspace's teammates, refused writes are all per session). A connection is rebuilt
 * when its workspace's token or region changes.
 */
import { AppError } from '../core/errors';
import { IntercomHttp } from '../core/intercom/http';
import { RateLimiter } from '../core/intercom/limiter';
import { Lookup } from '../core/intercom/lookup';
import { apiOriginOf, baseUrlFor, ensureHostPermission, readSettings, workspaceOf } from './settings';
import { tokenFor } from './vault';
import type { Session } from '../core/session';

export type { Session };

/** One budget per workspace: Intercom counts each app's requests on its own. */
const limiters = new Map<string, RateLimiter>();
const sessions = new Map<string, Promise<Session>>();

export function limiterFor(workspaceId: string): RateLimiter {
  let l = limiters.get(workspaceId);
  if (!l) limiters.set(workspaceId, (l = new RateLimiter()));
  return l;
}

/** The workspace in use (Settings, or the panel's switcher). */
export async function activeWorkspaceId(): Promise<string> {
  return (await readSettings()).activeWorkspace;
}

/** The connection of a workspace; without one, of the workspace in use. */
export async function session(workspaceId?: string): Promise<Session> {
  const id = workspaceId ?? (await activeWorkspaceId());
  let s = sessions.get(id);
  if (!s) {
    s = open(id).catch((err: unknown) => {
      if (sessions.get(id) === s) sessions.delete(id);
      throw err;
    });
    sessions.set(id, s);
  }
  return s;
}

/** Forget a workspace's live connection (its settings or token changed); without an id, every one. */
export function resetSession(workspaceId?: string): void {
  if (workspaceId === undefined) sessions.clear();
  else sessions.delete(workspaceId);
}

async function open(workspaceId: string): Promise<Session> {
  const settings = await readSettings();
  // A workspace removed since (an action queued in it, a card still open in it): its token went with it.
  if (!settings.workspaces.some((x) => x.id === workspaceId)) throw new AppError('workspace_removed');
  const w = workspaceOf(settings, workspaceId);
  const baseUrl = baseUrlFor(w.region, w.apiUrl);
  // Only ever the token saved for this workspace and this API origin.
  const token = await tokenFor(workspaceId, new URL(baseUrl).origin, apiOriginOf(w));
  if (!token) throw new AppError('no_token');
  if (w.region === 'custom') await ensureHostPermission(baseUrl);
  const http = new IntercomHttp({ baseUrl, token }, limiterFor(workspaceId));
  return { http, lookup: new Lookup(http) };
}
