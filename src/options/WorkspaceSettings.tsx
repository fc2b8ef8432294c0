/**
 * Settings → Workspaces: the workspace the form below edits (and everything works in), with Add, Rename and
 * Remove. Removing deletes the workspace's token from the browser, after the user confirms it by name.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { onWorkerEvent, WORKSPACE_EVENT } from '../protocol/events';
import type { SettingsView } from '../protocol/schemas';
import { t } from '../widget/i18n';
import { useCall } from '../widget/host';
import { workspaceName } from '../widget/WorkspaceSwitch';
import type { Status } from './Settings';

interface Props {
  view: SettingsView | null;
  busy: boolean;
  run: (work: () => Promise<Status>) => Promise<void>;
  onView: (v: SettingsView) => void;
}

type Mode = null | 'add' | 'rename' | 'remove';

export function WorkspaceSettings({ view, busy, run, onView }: Props) {
  const call = useCall();
  const [mode, setMode] = useState<Mode>(null);
  const [name, setName] = useState('');
  const select = useRef<HTMLSelectElement>(null);
  const list = view?.workspaces ?? [];
  const index = list.findIndex((w) => w.id === view?.activeWorkspace);
  const activeName = index >= 0 ? workspaceName(list[index]!, index) : '';

  // Switched or renamed elsewhere (the panel): show what is in use now.
  useEffect(() => onWorkerEvent(WORKSPACE_EVENT, () => void call('settings/get', {}).then(onView).catch(() => undefined)), []);

  const close = () => {
    setMode(null);
    // Focus goes back to where the person was before the form opened.
    requestAnimationFrame(() => select.current?.focus());
  };

  const pick = (id: string) =>
    run(async () => {
      setMode(null);
      const next = await call('workspaces/switch', { id });
      onView(next);
      const i = (next.workspaces ?? []).findIndex((w) => w.id === id);
      return { kind: 'ok', text: t('workspaceSwitched', i >= 0 ? workspaceName(next.workspaces![i]!, i) : '') };
    });

  const submitName = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      if (mode === 'add') {
        onView(await call('workspaces/add', name.trim() ? { name } : {}));
        close();
        return { kind: 'ok', text: t('workspaceAdded') };
      }
      const next = await call('workspaces/rename', { id: view!.activeWorkspace!, name });
      onView(next);
      close();
      return { kind: 'ok', text: t('workspaceRenamed', name.trim()) };
    });
  };

  const remove = () =>
    run(async () => {
      const gone = activeName;
      onView(await call('workspaces/remove', { id: view!.activeWorkspace! }));
      close();
      return { kind: 'ok', text: t('workspaceRemoved', gone) };
    });

  return (
    <section aria-labelledby="workspaces-title" class="settings-form workspaces">
      <h2 id="workspaces-title">{t('workspacesTitle')}</h2>
      <div class="form-row">
        <label for="workspace">{t('workspaceLabel')}</label>
        <select
          id="workspace"
          ref={select}
          value={view?.activeWorkspace}
          disabled={busy || !view}
          aria-describedby="workspace-help"
          onChange={(e) => void pick((e.target as HTMLSelectElement).value)}
        >
          {list.map((w, i) => (
            <option key={w.id} value={w.id}>
              {w.hasToken ? workspaceName(w, i) : t('workspaceNoToken', workspaceName(w, i))}
            </option>
          ))}
        </select>
        <p id="workspace-help" class="hint">{t('workspacesHelp')}</p>
      </div>
      {mode === null && (
        <div class="buttons">
          <button type="button" class="btn" disabled={busy || !view} onClick={() => (setName(''), setMode('add'))}>
            {t('workspaceAdd')}
          </button>
          <button type="button" class="btn" disabled={busy || index < 0} onClick={() => (setName(activeName), setMode('rename'))}>
            {t('workspaceRename')}
          </button>
          <button type="button" class="btn btn-danger" disabled={busy || list.length < 2} onClick={() => setMode('remove')}>
            {t('workspaceRemove')}
          </button>
        </div>
      )}
      {(mode === 'add' || mode === 'rename') && (
        <form class="form-row" onSubmit={submitName}>
          <label for="workspace-name">{t('workspaceName')}</label>
          <div class="inline">
            <input
              id="workspace-name"
              type="text"
              autoFocus
              maxLength={100}
              value={name}
              required={mode === 'rename'}
              aria-describedby={mode === 'add' ? 'workspace-name-help' : undefined}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => e.key === 'Escape' && close()}
            />
            <button type="submit" class="btn btn-primary" disabled={busy || (mode === 'rename' && !name.trim())}>
              {mode === 'add' ? t('workspaceAddConfirm') : t('save')}
            </button>
            <button type="button" class="btn" onClick={close}>
              {t('cancel')}
            </button>
          </div>
          {mode === 'add' && (
            <p id="workspace-name-help" class="hint">
              {t('workspaceNameHelp')}
            </p>
          )}
        </form>
      )}
      {mode === 'remove' && (
        <div class="confirm" role="group" aria-labelledby="workspace-remove-question">
          <p id="workspace-remove-question">{t('workspaceRemoveConfirm', activeName)}</p>
          <div class="buttons">
            <button type="button" class="btn btn-danger" autoFocus disabled={busy} onClick={() => void remove()}>
              {t('workspaceRemoveYes')}
            </button>
            <button type="button" class="btn" onClick={close}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
