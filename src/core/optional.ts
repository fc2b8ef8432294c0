/** Reads a token may lack the permission (or the workspace the plan) for. */
import { AppError } from './errors';

/**
 * An optional read: what the token may not read (403), what the workspace does not have (404) or what Intercom
 * does not offer it (501) answers `fallback` and is named in `missing`; anything else still fails the call.
 */
export async function optional<T, N extends string>(read: Promise<T>, fallback: T, name: N, missing: N[]): Promise<T> {
  try {
    return await read;
  } catch (err) {
    const info = err instanceof AppError ? err.info : null;
    if (info && (info.code === 'forbidden' || info.code === 'not_found' || info.status === 501)) {
      missing.push(name);
      return fallback;
    }
    throw err;
  }
}
