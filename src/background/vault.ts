/**
 * The access token's only home. It is kept in chrome.storage.local restricted to trusted contexts (never
 * content scripts), read only by the worker, and never logged, put in a URL or sent in a message.
 *
 * The token is bound to the API origin it was saved for: it is only ever sent there. Changing the region or the
 * custom API URL to another origin needs the token typed again, so a new URL can never silently receive it.
 */
import { AppError } from '../core/errors';

const TOKEN_KEY = 'vault.token';

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

export async function saveToken(token: string, origin: string): Promise<void> {
  // Refuse to store the token unless the restriction is in place first.
  await lockStorage();
  await chrome.storage.local.set({ [TOKEN_KEY]: { token, origin } });
}

async function readSaved(): Promise<Saved | null> {
  const raw: unknown = (await chrome.storage.local.get(TOKEN_KEY))[TOKEN_KEY];
  if (typeof raw === 'string' && raw) return { token: raw, origin: null };
  if (raw && typeof raw === 'object') {
    const { token, origin } = raw as { token?: unknown; origin?: unknown };
    if (typeof token === 'string' && token && typeof origin === 'string') return { token, origin };
  }
  return null;
}

/** Whether a token is saved, and for which API host (null: saved before tokens were bound). */
export async function savedToken(): Promise<{ host: string | null } | null> {
  const saved = await readSaved();
  return saved ? { host: saved.origin ? new URL(saved.origin).host : null } : null;
}

/**
 * The token, for a request to `origin`. A token saved for another origin is refused (`token_origin`, naming the
 * host it belongs to). `legacyOrigin`: where an unbound token (saved before binding) was in use — the API of the
 * settings it was saved with.
 */
export async function tokenFor(origin: string, legacyOrigin: string | null): Promise<string | null> {
  const saved = await readSaved();
  if (!saved) return null;
  const bound = saved.origin ?? legacyOrigin;
  if (bound !== origin) throw new AppError('token_origin', { detail: bound ? new URL(bound).host : '' });
  return saved.token;
}

export async function forgetToken(): Promise<void> {
  await chrome.storage.local.remove(TOKEN_KEY);
}
