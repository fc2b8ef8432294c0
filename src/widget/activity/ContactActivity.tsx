/**
 * A contact's open conversations (newest first) and tickets, with quick actions on each conversation.
 * Every write goes through the worker's outbox (`submitAction`); the row then shows the conversation as the
 * worker answered it. Names, titles and the last part are text; a conversation's parts are Intercom's HTML,
 * shown only after DOMPurify has cleaned them.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type {
  ActionInput,
  ContactActivity as Activity,
  ConversationDetail,
  ConversationSummary,
  TicketSummary,
} from '../../protocol/actions';
import { errorInfo } from '../../protocol/client';
import type { ContactView, ErrorInfo } from '../../protocol/schemas';
import { relativeTime } from '../format';
import { t } from '../i18n';
import { ErrorState, Skeleton } from '../States';
import { submitAction } from '../submit';
import { useWorkspace } from '../useWorkspace';
import { localInputToSeconds, snoozePresets } from './snooze';
import { useCall, useHost } from '../host';
import { WriteButton } from '../WriteButton';


export function ContactActivity({ contact }: { contact: ContactView }) {
  const call = useCall();
  const [activity, setActivity] = useState<Activity | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    setActivity(null);
    setError(null);
    call('contact/activity', { contactId: contact.id })
      .then((a) => live && setActivity(a))
      .catch((e: unknown) => live && setError(errorInfo(e)));
    return () => {
      live = false;
    };
  }, [contact.id, nonce]);

  const replace = (c: ConversationSummary) =>
    setActivity((prev) => prev && { ...prev, conversations: prev.conversations.map((x) => (x.id === c.id ? c : x)) });

  const conversations = [...(activity?.conversations ?? [])].sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
  // A named section is a landmark, and a page may embed several cards: there each is named after its person too.
  const { kind } = useHost();
  const landmark = (heading: string) => (kind === 'embed' ? `${heading} card-title` : heading);
  return (
    <>
      <section class="activity" aria-labelledby={landmark('conversations-title')}>
        <h3 id="conversations-title">{t('conversationsTitle')}</h3>
        {error ? (
          <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
        ) : !activity ? (
          <Skeleton rows={1} />
        ) : conversations.length ? (
          <ul class="conversations" aria-labelledby="conversations-title">
            {conversations.map((c) => (
              <ConversationRow key={c.id} conversation={c} onChange={replace} />
            ))}
          </ul>
        ) : (
          <p class="muted">{t('noConversations')}</p>
        )}
      </section>
      {activity && (
        <section class="activity" aria-labelledby={landmark('tickets-title')}>
          <h3 id="tickets-title">{t('ticketsTitle')}</h3>
          {activity.tickets.length ? (
            <ul class="tickets" aria-labelledby="tickets-title">
              {activity.tickets.map((ticket) => (
                <TicketRow key={ticket.id} ticket={ticket} />
              ))}
            </ul>
          ) : (
            <p class="muted">{t('noTickets')}</p>
          )}
        </section>
      )}
    </>
  );
}

function TicketRow({ ticket }: { ticket: TicketSummary }) {
  const title = ticket.title || (ticket.ticketId ? t('ticketNumber', ticket.ticketId) : t('ticketUntitled'));
  return (
    <li class="activity-row">
      <a href={ticket.url} target="_blank" rel="noopener noreferrer" class="activity-title">
        {title}
      </a>
      <span class="activity-meta">
        {ticket.typeName && <span>{ticket.typeName}</span>}
        {ticket.state && <span class="badge badge-state">{ticket.state}</span>}
      </span>
    </li>
  );
}

type Mode = 'reply' | 'note' | 'snooze' | 'assign' | 'tag' | null;

export function stateText(c: ConversationSummary): string {
  if (c.state === 'open') return t('stateOpen');
  if (c.state === 'closed') return t('stateClosed');
  if (c.state === 'snoozed') {
    return c.snoozedUntil ? t('stateSnoozedUntil', new Date(c.snoozedUntil * 1000).toLocaleString()) : t('stateSnoozed');
  }
  return c.state;
}

function ConversationRow({ conversation: c, onChange }: { conversation: ConversationSummary; onChange: (c: ConversationSummary) => void }) {
  const { call, canWrite } = useHost();
  const [mode, setMode] = useState<Mode>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [detail, setDetail] = useState<{ detail: ConversationDetail; clean: (html: string) => string } | null>(null);
  const [viewing, setViewing] = useState(false);
  const [viewError, setViewError] = useState<ErrorInfo | null>(null);
  const id = useId();

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
    // DOMPurify is loaded only when a conversation is opened: the panel starts without it.
    Promise.all([call('conversation/get', { id: c.id }), import('./sanitize')])
      .then(([d, { sanitizeHtml }]) => setDetail({ detail: d, clean: sanitizeHtml }))
      .catch((e: unknown) => setViewError(errorInfo(e)));
  };

  const closed = c.state === 'closed' || c.state === 'snoozed';
  return (
    <li class="activity-row conversation" aria-labelledby={`${id}-title`}>
      <a id={`${id}-title`} href={c.url} target="_blank" rel="noopener noreferrer" class="activity-title">
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
              {tag.name}
            </li>
          ))}
        </ul>
      )}
      {c.lastPart && <p class="last-part">{c.lastPart}</p>}
      <div class="activity-actions" role="group" aria-label={t('conversationActions')}>
        {/* A viewer who may only read gets no write control at all, not disabled ones. */}
        {canWrite && (<>
        <button type="button" class="btn btn-small" aria-expanded={mode === 'reply'} onClick={() => toggle('reply')} disabled={busy}>
          {t('actReply')}
        </button>
        <button type="button" class="btn btn-small" aria-expanded={mode === 'note'} onClick={() => toggle('note')} disabled={busy}>
          {t('actNote')}
        </button>
        {closed ? (
          <WriteButton class="btn btn-small" disabled={busy} label={t('actOpen')} onClick={() => void run({ kind: 'conversation.open', conversationId: c.id })} />
        ) : (
          <WriteButton class="btn btn-small" disabled={busy} label={t('actClose')} onClick={() => void run({ kind: 'conversation.close', conversationId: c.id })} />
        )}
        {c.state !== 'closed' && (
          <button type="button" class="btn btn-small" aria-expanded={mode === 'snooze'} onClick={() => toggle('snooze')} disabled={busy}>
            {t('actSnooze')}
          </button>
        )}
        <button type="button" class="btn btn-small" aria-expanded={mode === 'assign'} onClick={() => toggle('assign')} disabled={busy}>
          {t('actAssign')}
        </button>
        <button type="button" class="btn btn-small" aria-expanded={mode === 'tag'} onClick={() => toggle('tag')} disabled={busy}>
          {t('actTag')}
        </button>
        </>)}
        <button type="button" class="btn btn-small" aria-expanded={viewing} onClick={view}>
          {t('actView')}
        </button>
      </div>
      {(mode === 'reply' || mode === 'note') && (
        <ReplyForm key={mode} note={mode === 'note'} busy={busy} onSubmit={(body) => run({ kind: 'conversation.reply', conversationId: c.id, messageType: mode === 'note' ? 'note' : 'comment', body })} />
      )}
      {mode === 'snooze' && <SnoozeForm busy={busy} onSnooze={(until) => void run({ kind: 'conversation.snooze', conversationId: c.id, until })} />}
      {mode === 'assign' && <AssignForm conversation={c} busy={busy} onAssign={(assigneeType, assigneeId) => void run({ kind: 'conversation.assign', conversationId: c.id, assigneeType, assigneeId })} />}
      {mode === 'tag' && <TagForm conversation={c} busy={busy} onTag={(tagId) => void run({ kind: 'conversation.tag', conversationId: c.id, tagId })} />}
      {busy && (
        <p class="muted" role="status">
          {t('sending')}
        </p>
      )}
      {error && <ErrorState error={error} />}
      {viewing && (
        <div class="conversation-detail">
          {viewError ? <ErrorState error={viewError} onRetry={() => { setViewing(false); setTimeout(view); }} /> : !detail ? <Skeleton rows={1} /> : <Parts detail={detail.detail} clean={detail.clean} />}
        </div>
      )}
    </li>
  );
}

function Parts({ detail, clean }: { detail: ConversationDetail; clean: (html: string) => string }) {
  const parts = detail.parts.filter((p) => p.body.trim());
  if (!parts.length) return <p class="muted">{t('noParts')}</p>;
  return (
    <ol class="parts" aria-label={t('conversationParts')}>
      {parts.map((p) => (
        <li key={p.id} class="part">
          <p class="part-meta">
            <strong>{p.author || t('unknownAuthor')}</strong>
            {p.partType === 'note' && <span class="badge badge-state">{t('partNote')}</span>}
            {p.createdAt !== null && <span class="muted">{relativeTime(p.createdAt)}</span>}
          </p>
          {/* Cleaned by DOMPurify: no scripts, handlers or javascript: links survive. */}
          <div class="part-body" dangerouslySetInnerHTML={{ __html: clean(p.body) }} />
        </li>
      ))}
    </ol>
  );
}

function ReplyForm({ note, busy, onSubmit }: { note: boolean; busy: boolean; onSubmit: (body: string) => Promise<boolean> }) {
  const [body, setBody] = useState('');
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  // Opening the form is asking to write.
  useEffect(() => area.current?.focus(), []);
  const submit = async () => {
    if (!body.trim() || busy) return;
    if (await onSubmit(body.trim())) setBody('');
  };
  return (
    <form
      class="activity-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label for={`${id}-body`}>{note ? t('noteLabel') : t('replyLabel')}</label>
      <textarea
        id={`${id}-body`}
        rows={3}
        value={body}
        aria-describedby={`${id}-hint`}
        ref={area}
        onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <p id={`${id}-hint`} class="hint">
        {t('ctrlEnterHint')}
      </p>
      <button type="submit" class="btn btn-primary btn-small" disabled={busy || !body.trim()}>
        {note ? t('addNote') : t('sendReply')}
      </button>
    </form>
  );
}

function SnoozeForm({ busy, onSnooze }: { busy: boolean; onSnooze: (until: number) => void }) {
  const [custom, setCustom] = useState('');
  const id = useId();
  const customUntil = localInputToSeconds(custom);
  return (
    <div class="activity-form" role="group" aria-label={t('snoozeUntilGroup')}>
      <div class="buttons">
        {snoozePresets().map((p) => (
          <button
            key={p.key}
            type="button"
            class="btn btn-small"
            disabled={busy}
            // Computed at the click, so an open form never snoozes to a stale time.
            onClick={() => onSnooze(snoozePresets().find((x) => x.key === p.key)!.until)}
          >
            {t(p.key)}
          </button>
        ))}
      </div>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (customUntil !== null) onSnooze(customUntil);
        }}
      >
        <label for={`${id}-custom`}>{t('snoozeCustom')}</label>
        <input id={`${id}-custom`} type="datetime-local" value={custom} onInput={(e) => setCustom((e.target as HTMLInputElement).value)} />
        <button type="submit" class="btn btn-small" disabled={busy || customUntil === null}>
          {t('snoozeCustomSubmit')}
        </button>
      </form>
    </div>
  );
}

function AssignForm({
  conversation,
  busy,
  onAssign,
}: {
  conversation: ConversationSummary;
  busy: boolean;
  onAssign: (type: 'admin' | 'team', id: string) => void;
}) {
  const { workspace, error } = useWorkspace();
  const current = conversation.assignee ? `${conversation.assignee.type}:${conversation.assignee.id}` : 'admin:0';
  const [value, setValue] = useState(current);
  const id = useId();
  if (error) return <ErrorState error={error} />;
  if (!workspace) return <Skeleton rows={1} />;
  return (
    <form
      class="activity-form inline"
      onSubmit={(e) => {
        e.preventDefault();
        const [type, assigneeId] = value.split(':') as ['admin' | 'team', string];
        onAssign(type, assigneeId);
      }}
    >
      <label for={`${id}-assignee`}>{t('assignTo')}</label>
      <select id={`${id}-assignee`} value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
        <option value="admin:0">{t('unassigned')}</option>
        {workspace.admins.length > 0 && (
          <optgroup label={t('admins')}>
            {workspace.admins.map((a) => (
              <option key={a.id} value={`admin:${a.id}`}>
                {a.name}
              </option>
            ))}
          </optgroup>
        )}
        {workspace.teams.length > 0 && (
          <optgroup label={t('teams')}>
            {workspace.teams.map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {team.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button type="submit" class="btn btn-primary btn-small" disabled={busy}>
        {t('saveAssignment')}
      </button>
    </form>
  );
}

function TagForm({ conversation, busy, onTag }: { conversation: ConversationSummary; busy: boolean; onTag: (tagId: string) => void }) {
  const { workspace, error } = useWorkspace();
  const [value, setValue] = useState('');
  const id = useId();
  if (error) return <ErrorState error={error} />;
  if (!workspace) return <Skeleton rows={1} />;
  const has = new Set(conversation.tags.map((x) => x.id));
  const tags = workspace.tags.filter((x) => !has.has(x.id));
  if (!tags.length) return <p class="muted">{t('noTagsToAdd')}</p>;
  const chosen = value || tags[0]!.id;
  return (
    <form
      class="activity-form inline"
      onSubmit={(e) => {
        e.preventDefault();
        onTag(chosen);
      }}
    >
      <label for={`${id}-tag`}>{t('conversationTag')}</label>
      <select id={`${id}-tag`} value={chosen} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
        {tags.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      <button type="submit" class="btn btn-primary btn-small" disabled={busy}>
        {t('addTag')}
      </button>
    </form>
  );
}
