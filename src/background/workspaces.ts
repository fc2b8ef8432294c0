/**
 * Settings' workspaces: added, renamed, removed (with its token) and switched. Each has its own token in the
 * vault under its id, bound to its own API origin; everything the worker keeps per connection (lookup caches,
 * the workspace's teammates, refused writes, the rate budget) is per workspace, and an outbox entry carries
 * the workspace it was queued in.
 */
import type { SettingsView } from '../protocol/schemas';
import { AppError } from '../core/errors';
import { emit, WORKSPACE_EVENT } from '../protocol/events';
import { MAX_WORKSPACES, readSettings, settingsView, workspaceOf, writeSettings } from './settings';
import { resetSession } from './session';
import { forgetToken } from './vault';

const cleanName = (name: string | null | undefined) => {
  const n = name?.trim().replace(/\s+/g, ' ') ?? '';
  return n ? n.slice(0, 100) : null;
};

function newId(taken: Set<string>): string {
  for (;;) {
    const id = `ws-${crypto.randomUUID().slice(0, 8)}`;
    if (!taken.has(id)) return id;
  }
}

/** A new workspace (US region, no token yet) becomes the one in use, so Settings' form edits it next. */
export async function addWorkspace(name: string | null | undefined): Promise<SettingsView> {
  const s = await readSettings();
  if (s.workspaces.length >= MAX_WORKSPACES) throw new AppError('bad_request', { field: 'workspaces' });
  const id = newId(new Set(s.workspaces.map((w) => w.id)));
  const workspace = { id, name: cleanName(name), region: 'us' as const, apiUrl: null, actingAdminId: null };
  const next = await writeSettings({ workspaces: [...s.workspaces, workspace], activeWorkspace: id });
  emit(WORKSPACE_EVENT, { workspaceId: id });
  return settingsView(next);
}

export async function renameWorkspace(id: string, name: string): Promise<SettingsView> {
  const s = await readSettings();
  workspaceOf(s, id);
  const clean = cleanName(name);
  if (!clean) throw new AppError('bad_request', { field: 'name' });
  const next = await writeSettings({ workspaces: s.workspaces.map((w) => (w.id === id ? { ...w, name: clean } : w)) });
  emit(WORKSPACE_EVENT, { workspaceId: next.activeWorkspace });
  return settingsView(next);
}

/** Deletes the workspace and its token. The last one cannot go (Forget token empties it instead). */
export async function removeWorkspace(id: string): Promise<SettingsView> {
  const s = await readSettings();
  workspaceOf(s, id);
  if (s.workspaces.length <= 1) throw new AppError('bad_request', { field: 'id' });
  // The token first: a workspace that is gone never keeps one.
  await forgetToken(id);
  resetSession(id);
  const rest = s.workspaces.filter((w) => w.id !== id);
  const active = s.activeWorkspace === id ? rest[0]!.id : s.activeWorkspace;
  const next = await writeSettings({ workspaces: rest, activeWorkspace: active });
  emit(WORKSPACE_EVENT, { workspaceId: active });
  return settingsView(next);
}

/** The workspace the panel, the in-page card and Settings work in from now on. */
export async function switchWorkspace(id: string): Promise<SettingsView> {
  const s = await readSettings();
  workspaceOf(s, id);
  const next = s.activeWorkspace === id ? s : await writeSettings({ activeWorkspace: id });
  emit(WORKSPACE_EVENT, { workspaceId: id });
  return settingsView(next);
}
