/**
 * The access token's only home. It is kept in chrome.storage.local restricted to trusted contexts (never
 * content scripts), read only by the worker, and never logged, put in a URL or sent in a message.
 *
 * The token is bound to the API origin it was saved for: it is only ever sent there. Changing the region or the
 * custom API URL to another origin needs the token typed again, so a new URL can never silently receive it.
 *
 * Each workspace (Settings keeps several) has its own token, bound to its own origin: `vault.tokens` maps a
 * workspace id to its token. A token saved by an older version under `vault.token` belongs to the workspace
 * that version's settings became (FIRST_WORKSPACE_ID); it is moved into `vault.tokens` by the next write.
 */
import { AppError } from '../core/errors';
import { FIRST_WORKSPACE_ID } from '../protocol/schemas';

/** Where an older version kept its one token. */
const LEGACY_KEY = 'vault.token';
const TOKENS_KEY = 'vault.tokens';
export { FIRST_WORKSPACE_ID };

interface Saved {
  token: string;
  /** The API origin the token was saved for; null for a token saved before tokens were bound. */
  origin: string | null;
}

/** Restricts storage.local to extension pages and the worker. Throws storage_locked if Chrome refuses. */
export async function lockStorage(): Promise<void> {
  try {
    await chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    throw new AppError('storage_locked');
  }
}

function parseSaved(raw: unknown): Saved | null {
  if (typeof raw === 'string' && raw) return { token: raw, origin: null };
  if (raw && typeof raw === 'object') {
    const { token, origin } = raw as { token?: unknown; origin?: unknown };
    if (typeof token === 'string' && token && typeof origin === 'string') return { token, origin };
  }
  return null;
}

/** Every workspace's token, with an older version's one token under FIRST_WORKSPACE_ID (unless replaced). */
async function readAll(): Promise<Record<string, Saved>> {
  const [tokens, old] = await Promise.all([chrome.storage.local.get(TOKENS_KEY), chrome.storage.local.get(LEGACY_KEY)]);
  const all: Record<string, Saved> = {};
  const raw: unknown = tokens[TOKENS_KEY];
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
      const saved = parseSaved(value);
      if (saved) all[id] = saved;
    }
  }
  const legacy = parseSaved(old[LEGACY_KEY]);
  if (legacy && !(FIRST_WORKSPACE_ID in all)) all[FIRST_WORKSPACE_ID] = legacy;
  return all;
}

async function writeAll(all: Record<string, Saved>): Promise<void> {
  await chrome.storage.local.set({ [TOKENS_KEY]: all });
  await chrome.storage.local.remove(LEGACY_KEY);
}

export async function saveToken(workspaceId: string, token: string, origin: string): Promise<void> {
  // Refuse to store the token unless the restriction is in place first.
  await lockStorage();
  const all = await readAll();
  all[workspaceId] = { token, origin };
  await writeAll(all);
}

/** Whether the workspace has a token, and for which API host (null: saved before tokens were bound). */
export async function savedToken(workspaceId: string): Promise<{ host: string | null } | null> {
  const saved = (await readAll())[workspaceId];
  return saved ? { host: saved.origin ? new URL(saved.origin).host : null } : null;
}

/** Which workspaces have a token. */
export async function workspacesWithToken(): Promise<Record<string, { host: string | null }>> {
  const all = await readAll();
  return Object.fromEntries(Object.entries(all).map(([id, s]) => [id, { host: s.origin ? new URL(s.origin).host : null }]));
}

/**
 * The workspace's token, for a request to `origin`. A token saved for another origin is refused (`token_origin`,
 * naming the host it belongs to). `legacyOrigin`: where an unbound token (saved before binding) was in use — the
 * API of the workspace's settings.
 */
export async function tokenFor(workspaceId: string, origin: string, legacyOrigin: string | null): Promise<string | null> {
  const saved = (await readAll())[workspaceId];
  if (!saved) return null;
  const bound = saved.origin ?? legacyOrigin;
  if (bound !== origin) throw new AppError('token_origin', { detail: bound ? new URL(bound).host : '' });
  return saved.token;
}

export async function forgetToken(workspaceId: string): Promise<void> {
  const all = await readAll();
  delete all[workspaceId];
  await writeAll(all);
}
