/** Region / API URL / auto-scan sites, validated on the way in and on the way out of storage. */
import * as v from 'valibot';
import { LanguageSchema, RegionSchema, type Region, type SettingsView } from '../protocol/schemas';
import { AppError } from '../core/errors';
import { REGION_HOSTS, checkApiUrl } from '../core/regions';
import { savedToken } from './vault';

declare const __SANDBOX__: boolean;

const SETTINGS_KEY = 'settings';

const StoredSettings = v.object({
  region: v.optional(RegionSchema, 'us'),
  apiUrl: v.optional(v.nullable(v.string()), null),
  autoScanOrigins: v.optional(v.array(v.string()), []),
  autoScanAll: v.optional(v.boolean(), false),
  actingAdminId: v.optional(v.nullable(v.string()), null),
  highlightEmails: v.optional(v.boolean(), false),
  language: v.optional(v.nullable(LanguageSchema), null),
});
export type Settings = v.InferOutput<typeof StoredSettings>;

/**
 * A custom API URL must be https (the sandbox build also takes http on loopback), with no credentials,
 * query or fragment. Answers the normalised base URL without a trailing slash.
 */
export function validateApiUrl(raw: string, allowLoopback = typeof __SANDBOX__ !== 'undefined' && __SANDBOX__): string {
  return checkApiUrl(raw, allowLoopback);
}

export async function readSettings(): Promise<Settings> {
  const got = await chrome.storage.local.get(SETTINGS_KEY);
  const parsed = v.safeParse(StoredSettings, got[SETTINGS_KEY] ?? {});
  return parsed.success ? parsed.output : v.parse(StoredSettings, {});
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings()), ...patch };
  await chrome.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

export function baseUrlFor(region: Region, apiUrl: string | null | undefined): string {
  if (region === 'custom') {
    if (!apiUrl) throw new AppError('invalid_url', { detail: '' });
    return validateApiUrl(apiUrl);
  }
  return REGION_HOSTS[region];
}

/** The worker may only call a custom host the user granted. */
export async function ensureHostPermission(baseUrl: string): Promise<void> {
  const origin = new URL(baseUrl).origin;
  const granted = await chrome.permissions.contains({ origins: [`${origin}/*`] });
  if (!granted) throw new AppError('no_permission', { detail: origin });
}

async function tokenView(): Promise<Pick<SettingsView, 'hasToken' | 'tokenHost'>> {
  const saved = await savedToken();
  return { hasToken: saved !== null, tokenHost: saved?.host ?? null };
}

/** The API origin the settings point at, or null when they point nowhere usable (a bad custom URL). */
export function apiOriginOf(s: Pick<Settings, 'region' | 'apiUrl'>): string | null {
  try {
    return new URL(baseUrlFor(s.region, s.apiUrl)).origin;
  } catch {
    return null;
  }
}

export async function settingsView(settings?: Settings): Promise<SettingsView> {
  const s = settings ?? (await readSettings());
  return {
    region: s.region,
    apiUrl: s.apiUrl,
    ...(await tokenView()),
    autoScanOrigins: s.autoScanOrigins,
    autoScanAll: s.autoScanAll,
    actingAdminId: s.actingAdminId,
    highlightEmails: s.highlightEmails,
    language: s.language,
  };
}
