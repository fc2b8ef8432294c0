/**
 * The access token's only home. It is kept in chrome.storage.local restricted to trusted contexts (never
 * content scripts), read only by the worker, and never logged, put in a URL or sent in a message.
 */
import { AppError } from '../core/errors';

const TOKEN_KEY = 'vault.token';

/** Restricts storage.local to extension pages and the worker. Throws storage_locked if Chrome refuses. */
export async function lockStorage(): Promise<void> {
  try {
    await chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch {
    throw new AppError('storage_locked');
  }
}

export async function saveToken(token: string): Promise<void> {
  // Refuse to store the token unless the restriction is in place first.
  await lockStorage();
  await chrome.storage.local.set({ [TOKEN_KEY]: token });
}

export async function readToken(): Promise<string | null> {
  const got = await chrome.storage.local.get(TOKEN_KEY);
  const token = got[TOKEN_KEY];
  return typeof token === 'string' && token ? token : null;
}

export async function forgetToken(): Promise<void> {
  await chrome.storage.local.remove(TOKEN_KEY);
}
