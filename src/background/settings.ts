/**
 * Settings, validated on the way in and on the way out of storage: the workspaces (each its own region or API
 * URL and acting admin; its token is in the vault under the same id), which one is in use, auto-scan sites,
 * highlighting and the language.
 *
 * `region`, `apiUrl` and `actingAdminId` at the top level are the workspace in use, mirrored: reading fills them
 * from it, writing them changes it. An older version's settings (no `workspaces`) are read as one workspace,
 * FIRST_WORKSPACE_ID, with their region, URL and acting admin, and no name until Intercom names it.
 */
import * as v from 'valibot';
import { LanguageSchema, most, RegionSchema, type Region, type SettingsView } from '../protocol/schemas';
import { AppError } from '../core/errors';
import { REGION_HOSTS, checkApiUrl } from '../core/regions';
import { FIRST_WORKSPACE_ID, savedToken, workspacesWithToken } from './vault';

declare const __SANDBOX__: boolean;

const SETTINGS_KEY = 'settings';

const WorkspaceSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)),
  /** null: not named yet (named after the Intercom workspace once its token answers). */
  name: v.optional(v.nullable(v.pipe(v.string(), most(100))), null),
  region: v.optional(RegionSchema, 'us'),
  apiUrl: v.optional(v.nullable(v.string()), null),
  actingAdminId: v.optional(v.nullable(v.string()), null),
});
export type Workspace = v.InferOutput<typeof WorkspaceSchema>;

/** At most this many workspaces. */
export const MAX_WORKSPACES = 20;

const StoredSettings = v.object({
  workspaces: v.optional(v.pipe(v.array(WorkspaceSchema), most(MAX_WORKSPACES))),
  activeWorkspace: v.optional(v.nullable(v.string()), null),
  region: v.optional(RegionSchema, 'us'),
  apiUrl: v.optional(v.nullable(v.string()), null),
  autoScanOrigins: v.optional(v.array(v.string()), []),
  autoScanAll: v.optional(v.boolean(), false),
  actingAdminId: v.optional(v.nullable(v.string()), null),
  highlightEmails: v.optional(v.boolean(), false),
  language: v.optional(v.nullable(LanguageSchema), null),
});
export type Settings = Omit<v.InferOutput<typeof StoredSettings>, 'workspaces' | 'activeWorkspace'> & {
  workspaces: Workspace[];
  activeWorkspace: string;
};

/** The workspaces (an older version's settings become one), the one in use, and it mirrored at the top level. */
function normalise(s: v.InferOutput<typeof StoredSettings>): Settings {
  const workspaces: Workspace[] = s.workspaces?.length
    ? s.workspaces
    : [{ id: FIRST_WORKSPACE_ID, name: null, region: s.region, apiUrl: s.apiUrl, actingAdminId: s.actingAdminId }];
  const active = workspaces.find((w) => w.id === s.activeWorkspace) ?? workspaces[0]!;
  return { ...s, workspaces, activeWorkspace: active.id, region: active.region, apiUrl: active.apiUrl, actingAdminId: active.actingAdminId };
}

export function workspaceOf(s: Settings, id: string): Workspace {
  const w = s.workspaces.find((x) => x.id === id);
  if (!w) throw new AppError('not_found', { field: 'workspaceId', detail: id });
  return w;
}

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
  // Unreadable settings start over from the defaults: {} always parses (safeParse, as everywhere in the worker:
  // v.parse would bring valibot's ValiError into its bundle).
  return normalise((parsed.success ? parsed : v.safeParse(StoredSettings, {})).output as v.InferOutput<typeof StoredSettings>);
}

/** `region`, `apiUrl` and `actingAdminId` in the patch change the workspace in use (after a switch the patch makes). */
export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const current = await readSettings();
  const merged = { ...current, ...patch };
  const own = (['region', 'apiUrl', 'actingAdminId'] as const).filter((k) => k in patch);
  if (own.length) {
    const mine = Object.fromEntries(own.map((k) => [k, patch[k]]));
    merged.workspaces = merged.workspaces.map((w) => (w.id === merged.activeWorkspace ? { ...w, ...mine } : w));
  }
  const next = normalise(merged);
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

async function tokenView(workspaceId: string): Promise<Pick<SettingsView, 'hasToken' | 'tokenHost'>> {
  const saved = await savedToken(workspaceId);
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

function hostOf(w: Workspace): string | null {
  const origin = apiOriginOf(w);
  return origin ? new URL(origin).host : null;
}

export async function settingsView(settings?: Settings): Promise<SettingsView> {
  const s = settings ?? (await readSettings());
  const tokens = await workspacesWithToken();
  return {
    workspaces: s.workspaces.map((w) => ({ id: w.id, name: w.name, host: hostOf(w), hasToken: w.id in tokens })),
    activeWorkspace: s.activeWorkspace,
    region: s.region,
    apiUrl: s.apiUrl,
    ...(await tokenView(s.activeWorkspace)),
    autoScanOrigins: s.autoScanOrigins,
    autoScanAll: s.autoScanAll,
    actingAdminId: s.actingAdminId,
    highlightEmails: s.highlightEmails,
    language: s.language,
  };
}
