/** Who the worker's quick actions are sent as: Settings' choice (stored in the browser), else the token's admin. */
import type { WorkspaceView } from '../protocol/actions';
import type { SettingsView } from '../protocol/schemas';
import { AppError } from '../core/errors';
import { listAdmins } from '../core/intercom/admins';
import { directory, forgetWorkspace, workspaceInfo } from '../core/reads';
import type { Session } from '../core/session';
import { refusedWrites } from './refused-writes';
import { readSettings, settingsView, writeSettings } from './settings';

export async function actingAdminId(s: Session): Promise<string> {
  const settings = await readSettings();
  return settings.actingAdminId ?? (await directory(s)).me.id;
}

export async function setActingAdmin(s: Session | null, adminId: string | null): Promise<SettingsView> {
  if (adminId !== null) {
    if (!s) throw new AppError('no_token');
    const admins = await listAdmins(s.http);
    if (!admins.some((a) => a.id === adminId)) throw new AppError('not_found', { field: 'adminId', detail: `No admin with id ${adminId}.` });
  }
  const next = await writeSettings({ actingAdminId: adminId });
  if (s) forgetWorkspace(s);
  return settingsView(next);
}

/** The workspace as the panel shows it, with Settings' acting admin. */
export async function workspaceView(s: Session, refresh: boolean): Promise<WorkspaceView> {
  const view = await workspaceInfo(s, refresh, (await readSettings()).actingAdminId);
  const refused = refusedWrites(s);
  return refused.length ? { ...view, refusedWrites: refused } : view;
}
