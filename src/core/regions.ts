/**
 * Where each Intercom region's REST API lives, and which custom API URLs are acceptable. Shared by the
 * extension's Settings and the endpoint's configuration, so both read "us / eu / au" the same way.
 */
import type { Region } from '../protocol/schemas';
import { AppError } from './errors';

export const REGION_HOSTS: Record<Exclude<Region, 'custom'>, string> = {
  us: 'https://api.intercom.io',
  eu: 'https://api.eu.intercom.io',
  au: 'https://api.au.intercom.io',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A custom API URL must be https (http only on loopback when `allowLoopback`, for the local sandbox), with no
 * credentials, query or fragment. Answers the normalised base URL without a trailing slash.
 */
export function checkApiUrl(raw: string, allowLoopback: boolean): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('invalid_url', { detail: raw.slice(0, 200) });
  }
  const httpLoopback = url.protocol === 'http:' && allowLoopback && LOOPBACK.has(url.hostname);
  if ((url.protocol !== 'https:' && !httpLoopback) || url.username || url.password || url.search || url.hash) {
    throw new AppError('invalid_url', { detail: raw.slice(0, 200) });
  }
  return url.href.replace(/\/+$/, '');
}
