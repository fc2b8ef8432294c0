/**
 * The outbox as the user sees it: actions still waiting or being sent, and those that failed or may have
 * been sent, each with its reason, "Retry" and "Dismiss". Follows the worker's OUTBOX_EVENT announcements;
 * hidden when there is nothing to show.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { Action, OutboxEntry } from '../../protocol/actions';
import { errorInfo } from '../../protocol/client';
import { onWorkerEvent, OUTBOX_EVENT } from '../../protocol/events';
import { FIRST_WORKSPACE_ID } from '../../protocol/constants';
import type { ErrorInfo, SettingsView } from '../../protocol/schemas';
import { errorMessage } from '../errors';
import { t } from '../i18n';
import { ErrorState } from '../States';
import { CopyDetails } from '../CopyDetails';
import { useCall } from '../host';
import { workspaceName } from '../WorkspaceSwitch';

const SHOWN: ReadonlySet<OutboxEntry['state']> = new Set(['pending', 'sending', 'failed', 'uncertain']);

/** "Tag a contact", "Reply to a conversation", … */
export function actionLabel(action: Action): string {
  const label = t(`kind_${action.kind.replace(/[.-]/g, '_')}`);
  if (action.kind === 'contact.create-lead') return `${label}: ${action.email}`;
  if (action.kind === 'tag.create') return `${label}: ${action.name}`;
  return label;
}

function reason(entry: OutboxEntry): string | null {
  if (entry.state === 'uncertain') return errorMessage(entry.error ?? { code: 'uncertain' });
  if (entry.state === 'failed') return errorMessage(entry.error ?? { code: 'internal' });
  return null;
}

/** `settings`: with several workspaces, an action queued in another than the one in use is shown as that one's. */
export function OutboxPanel({ settings }: { settings?: SettingsView | null } = {}) {
  const call = useCall();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    let heard = false;
    call('outbox/list', {})
      // An event that arrived first is newer than this answer.
      .then((r) => live && !heard && setEntries(r.entries))
      .catch(() => undefined);
    // Only the worker speaks for the outbox: never a content script (they carry a tab) or another extension.
    const stop = onWorkerEvent(OUTBOX_EVENT, (e) => {
      if (!Array.isArray(e.entries)) return;
      heard = true;
      setEntries(e.entries);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);

  const act = async (entryId: string, work: () => Promise<void>) => {
    setBusy(entryId);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorInfo(e));
    } finally {
      setBusy(null);
    }
  };
  const retry = (entry: OutboxEntry) =>
    act(entry.id, async () => {
      const next = await call('outbox/retry', { id: entry.id });
      setEntries((prev) => prev.map((x) => (x.id === next.id ? next : x)));
    });
  const dismiss = (entry: OutboxEntry) =>
    act(entry.id, async () => {
      const { entries: rest } = await call('outbox/dismiss', { id: entry.id });
      setEntries(rest);
    });

  const shown = entries.filter((e) => SHOWN.has(e.state)).sort((a, b) => a.createdAt - b.createdAt);
  const workspaces = settings?.workspaces ?? [];
  /** Where an entry was queued, named, when that is not the workspace in use. */
  const elsewhere = (entry: OutboxEntry): string | null => {
    if (workspaces.length < 2) return null;
    const id = entry.workspaceId ?? FIRST_WORKSPACE_ID;
    if (id === settings?.activeWorkspace) return null;
    const i = workspaces.findIndex((w) => w.id === id);
    return i < 0 ? null : workspaceName(workspaces[i]!, i);
  };
  if (!shown.length && !error) return null;
  return (
    <div class="outbox">
      <p id={`${id}-title`} class="outbox-title">
        {t('outboxTitle')}
      </p>
      {error && <ErrorState error={error} />}
      <ul class="outbox-list" aria-labelledby={`${id}-title`}>
        {shown.map((entry) => {
          const why = reason(entry);
          const finished = entry.state === 'failed' || entry.state === 'uncertain';
          const where = elsewhere(entry);
          return (
            <li key={entry.id} class={`outbox-item outbox-${entry.state}`}>
              <span class="outbox-label">{actionLabel(entry.action)}</span>{' '}
              <span class="badge badge-state">{t(`outboxState_${entry.state}`)}</span>
              {where && (
                <>
                  {' '}
                  <span class="badge badge-workspace">
                    <bdi>{t('outboxInWorkspace', where)}</bdi>
                  </span>
                </>
              )}
              {why && <p class="outbox-reason">{why}</p>}
              {finished && (
                <span class="buttons">
                  <button type="button" class="btn btn-small" disabled={busy === entry.id} onClick={() => void retry(entry)}>
                    {t('retryAction')}
                  </button>
                  <button type="button" class="btn btn-small btn-ghost" disabled={busy === entry.id} onClick={() => void dismiss(entry)}>
                    {t('dismiss')}
                  </button>
                  <CopyDetails error={entry.error ?? { code: entry.state === 'uncertain' ? 'uncertain' : 'internal', at: entry.updatedAt }} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
