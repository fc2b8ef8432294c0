/** Who the worker's quick actions are sent as: Settings' choice (stored in the browser), else the token's admin. */
import type { WorkspaceView } from '../protocol/actions';
import type { SettingsView } from '../protocol/schemas';
import { AppError } from '../core/errors';
import { listAdmins } from '../core/intercom/admins';
import { directory, forgetWorkspace, workspaceInfo } from '../core/reads';
import type { Session } from '../core/session';
import { refusedWrites } from './refused-writes';
import { readSettings, settingsView, writeSettings } from './settings';

/** Who writes as in a workspace (an outbox entry's own; without one, the workspace in use). */
export async function actingAdminId(s: Session, workspaceId?: string): Promise<string> {
  const settings = await readSettings();
  const chosen = workspaceId === undefined ? settings.actingAdminId : (settings.workspaces.find((w) => w.id === workspaceId)?.actingAdminId ?? null);
  return chosen ?? (await directory(s)).me.id;
}

export async function setActingAdmin(s: Session | null, adminId: string | null): Promise<SettingsView> {
  if (adminId !== null) {
    if (!s) throw new AppError('no_token');
    const admins = await listAdmins(s.http);
    if (!admins.some((a) => a.id === adminId)) throw new AppError('not_found', { field: 'adminId', detail: adminId });
  }
  const next = await writeSettings({ actingAdminId: adminId });
  if (s) forgetWorkspace(s);
  return settingsView(next);
}

/** The workspace as the panel shows it, with Settings' acting admin. */
export async function workspaceView(s: Session, refresh: boolean): Promise<WorkspaceView> {
  const settings = await readSettings();
  const view = await workspaceInfo(s, refresh, settings.actingAdminId);
  await nameAfterIntercom(s, settings.activeWorkspace);
  const refused = refusedWrites(s);
  return refused.length ? { ...view, refusedWrites: refused } : view;
}

/**
 * A workspace without a name (an older version's one, or one added without a name) takes the Intercom
 * workspace's own name once its token answers, so nobody has to type it.
 */
export async function nameAfterIntercom(s: Session, workspaceId: string): Promise<void> {
  const settings = await readSettings();
  const w = settings.workspaces.find((x) => x.id === workspaceId);
  if (!w || w.name !== null) return;
  const name = (await directory(s)).me.app?.name?.trim().slice(0, 100);
  if (!name) return;
  // Read again: the name must not undo a change made meanwhile.
  const now = await readSettings();
  await writeSettings({ workspaces: now.workspaces.map((x) => (x.id === workspaceId && x.name === null ? { ...x, name } : x)) });
}
