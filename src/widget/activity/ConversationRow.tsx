/**
 * One open conversation on a contact's card: its state, assignee, tags and last part, and its quick actions
 * (reply, note, close or open, snooze, assign, tag, view). Every write goes through the worker's outbox
 * (`submitAction`); the row then shows the conversation as the worker answered it. A conversation's parts are
 * Intercom's HTML, shown only after DOMPurify has cleaned them (ConversationParts.tsx, loaded when one is viewed).
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { ActionInput, ConversationDetail, ConversationSummary } from '../../protocol/actions';
import { errorInfo } from '../../protocol/client';
import type { ErrorInfo } from '../../protocol/schemas';
import { dateTimeText, relativeTime } from '../format';
import { useHost } from '../host';
import { loadWorkspace, useWorkspace } from '../useWorkspace';
import { t } from '../i18n';
import { ErrorState, Skeleton } from '../States';
import { submitAction } from '../submit';
import { WriteButton } from '../WriteButton';

type Mode = 'reply' | 'note' | 'snooze' | 'assign' | 'tag' | null;

export function stateText(c: ConversationSummary): string {
  if (c.state === 'open') return t('stateOpen');
  if (c.state === 'closed') return t('stateClosed');
  if (c.state === 'snoozed') {
    return c.snoozedUntil ? t('stateSnoozedUntil', dateTimeText(c.snoozedUntil)) : t('stateSnoozed');
  }
  return c.state;
}

/**
 * The reply, note, snooze, assign and tag forms load apart from the card, fetched once a row has painted
 * (preloadConversationForms; tests call it before they open one), so a form opens at once when asked for.
 */
let forms: typeof import('./ConversationForms') | null = null;
export const preloadConversationForms = () => import('./ConversationForms').then((m) => void (forms = m));

export function ConversationRow({ conversation: c, onChange }: { conversation: ConversationSummary; onChange: (c: ConversationSummary) => void }) {
  const { call, canWrite } = useHost();
  // Writes Intercom refused to this token (learned when tried) are not offered again.
  const { workspace } = useWorkspace();
  const may = (kind: ActionInput['kind']) => canWrite && !(workspace?.refusedWrites ?? []).includes(kind);
  const [mode, setMode] = useState<Mode>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [detail, setDetail] = useState<{ detail: ConversationDetail; Parts: typeof import('./ConversationParts').Parts } | null>(null);
  const [viewing, setViewing] = useState(false);
  const [viewError, setViewError] = useState<ErrorInfo | null>(null);
  const id = useId();
  const [, formsLoaded] = useState(!!forms);
  useEffect(() => {
    if (forms) return;
    let live = true;
    const timer = setTimeout(() => void preloadConversationForms().then(() => live && formsLoaded(true), () => undefined), 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);

  const run = async (action: ActionInput): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const entry = await submitAction(call, action);
      if (entry.state === 'done') {
        if (entry.result?.conversation) onChange(entry.result.conversation);
        setMode(null);
        return true;
      }
      setError(entry.error ?? { code: entry.state === 'uncertain' ? 'uncertain' : 'internal' });
      if (entry.error?.code === 'forbidden') void loadWorkspace(call, true).catch(() => undefined);
      return false;
    } catch (e) {
      setError(errorInfo(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const toggle = (m: Exclude<Mode, null>) => {
    setError(null);
    setMode((prev) => (prev === m ? null : m));
  };

  const view = () => {
    if (viewing) return setViewing(false);
    setViewing(true);
    setViewError(null);
    // The parts' view and DOMPurify are loaded only when a conversation is opened: the panel starts without them.
    Promise.all([call('conversation/get', { id: c.id }), import('./ConversationParts')])
      .then(([d, { Parts }]) => setDetail({ detail: d, Parts }))
      .catch((e: unknown) => setViewError(errorInfo(e)));
  };

  const closed = c.state === 'closed' || c.state === 'snoozed';
  return (
    <li class="activity-row conversation" aria-labelledby={`${id}-title`}>
      <a id={`${id}-title`} href={c.url} target="_blank" rel="noopener noreferrer" class="activity-title" dir="auto">
        {c.title || t('conversationUntitled')}
      </a>
      <span class="activity-meta">
        <span class={`badge badge-state state-${c.state}`}>{stateText(c)}</span>
        <span>{c.assignee ? t('assignedTo', c.assignee.name) : t('unassigned')}</span>
        {c.updatedAt !== null && <span class="muted">{relativeTime(c.updatedAt)}</span>}
      </span>
      {c.tags.length > 0 && (
        <ul class="tags" aria-label={t('conversationTags')}>
          {c.tags.map((tag) => (
            <li key={tag.id} class="tag">
              <bdi>{tag.name || `#${tag.id}`}</bdi>
              {may('conversation.untag') && (
                <WriteButton
                  class="btn btn-ghost btn-small qa-remove"
                  disabled={busy}
                  label={t('untagConversation', tag.name || `#${tag.id}`)}
                  aria-label={t('untagConversation', tag.name || `#${tag.id}`)}
                  onClick={() => void run({ kind: 'conversation.untag', conversationId: c.id, tagId: tag.id })}
                >
                  <span aria-hidden="true">×</span>
                </WriteButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {c.lastPart && (
        <p class="last-part" dir="auto">
          {c.lastPart}
        </p>
      )}
      <div class="activity-actions" role="group" aria-label={t('conversationActions')}>
        {/* A viewer who may only read gets no write control at all, not disabled ones. */}
        {may('conversation.reply') && (
          <button type="button" class="btn btn-small" aria-expanded={mode === 'reply'} onClick={() => toggle('reply')} disabled={busy}>
            {t('actReply')}
          </button>
        )}
        {may('conversation.reply') && (
          <button type="button" class="btn btn-small" aria-expanded={mode === 'note'} onClick={() => toggle('note')} disabled={busy}>
            {t('actNote')}
          </button>
        )}
        {closed ? (
          may('conversation.open') && <WriteButton class="btn btn-small" disabled={busy} label={t('actOpen')} onClick={() => void run({ kind: 'conversation.open', conversationId: c.id })} />
        ) : (
          may('conversation.close') && <WriteButton class="btn btn-small" disabled={busy} label={t('actClose')} onClick={() => void run({ kind: 'conversation.close', conversationId: c.id })} />
        )}
        {c.state !== 'closed' && may('conversation.snooze') && (
          <button type="button" class="btn btn-small" aria-expanded={mode === 'snooze'} onClick={() => toggle('snooze')} disabled={busy}>
            {t('actSnooze')}
          </button>
        )}
        {may('conversation.assign') && (
          <button type="button" class="btn btn-small" aria-expanded={mode === 'assign'} onClick={() => toggle('assign')} disabled={busy}>
            {t('actAssign')}
          </button>
        )}
        {may('conversation.tag') && (
          <button type="button" class="btn btn-small" aria-expanded={mode === 'tag'} onClick={() => toggle('tag')} disabled={busy}>
            {t('actTag')}
          </button>
        )}
        <button type="button" class="btn btn-small" aria-expanded={viewing} onClick={view}>
          {t('actView')}
        </button>
      </div>
      {mode && !forms && <Skeleton rows={1} />}
      {(mode === 'reply' || mode === 'note') && forms && (
        <forms.ReplyForm key={mode} note={mode === 'note'} busy={busy} onSubmit={(body) => run({ kind: 'conversation.reply', conversationId: c.id, messageType: mode === 'note' ? 'note' : 'comment', body })} />
      )}
      {mode === 'snooze' && forms && <forms.SnoozeForm busy={busy} onSnooze={(until) => void run({ kind: 'conversation.snooze', conversationId: c.id, until })} />}
      {mode === 'assign' && forms && <forms.AssignForm conversation={c} busy={busy} onAssign={(assigneeType, assigneeId) => void run({ kind: 'conversation.assign', conversationId: c.id, assigneeType, assigneeId })} />}
      {mode === 'tag' && forms && <forms.ConversationTagForm conversation={c} busy={busy} onTag={(tagId) => void run({ kind: 'conversation.tag', conversationId: c.id, tagId })} />}
      {busy && (
        <p class="muted" role="status">
          {t('sending')}
        </p>
      )}
      {error && <ErrorState error={error} />}
      {viewing && (
        <div class="conversation-detail">
          {viewError ? <ErrorState error={viewError} onRetry={() => { setViewing(false); setTimeout(view); }} /> : !detail ? <Skeleton rows={1} /> : <detail.Parts detail={detail.detail} />}
        </div>
      )}
    </li>
  );
}
