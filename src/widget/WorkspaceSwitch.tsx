/**
 * Which workspace the panel works in, and the one control that switches it (shown when Settings keeps more than
 * one). The worker announces the switch to every extension page, which starts again in that workspace; an
 * action already queued stays in the workspace it was queued in.
 */
import { useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import type { ErrorInfo, SettingsView, WorkspaceSummary } from '../protocol/schemas';
import { ErrorState } from './States';
import { num, t } from './i18n';
import { useCall } from './host';

/** A workspace's name as shown: its own, else "Workspace 2" by its place in the list. */
export function workspaceName(w: WorkspaceSummary, index: number): string {
  return w.name ?? t('workspaceNumbered', num(index + 1));
}

export function WorkspaceSwitch({ settings, onChange }: { settings: SettingsView; onChange: (s: SettingsView) => void }) {
  const call = useCall();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const list = settings.workspaces ?? [];
  if (list.length < 2) return null;
  const pick = async (e: Event) => {
    const select = e.target as HTMLSelectElement;
    setError(null);
    try {
      onChange(await call('workspaces/switch', { id: select.value }));
    } catch (err) {
      select.value = settings.activeWorkspace ?? '';
      setError(errorInfo(err));
    }
  };
  return (
    <div class="workspace-switch">
      <label for="workspace-switch">{t('workspaceLabel')}</label>
      <select id="workspace-switch" value={settings.activeWorkspace} onChange={(e) => void pick(e)}>
        {list.map((w, i) => (
          <option key={w.id} value={w.id}>
            {w.hasToken ? workspaceName(w, i) : t('workspaceNoToken', workspaceName(w, i))}
          </option>
        ))}
      </select>
      {error && <ErrorState error={error} />}
    </div>
  );
}
