/** The small forms of a conversation row: reply or note, snooze, assign, and tag the conversation. */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../protocol/actions';
import { t } from '../i18n';
import { ErrorState, Skeleton } from '../States';
import { useWorkspace } from '../useWorkspace';
import { localInputToSeconds, snoozePresets } from './snooze';

export function ReplyForm({ note, busy, onSubmit }: { note: boolean; busy: boolean; onSubmit: (body: string) => Promise<boolean> }) {
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

export function SnoozeForm({ busy, onSnooze }: { busy: boolean; onSnooze: (until: number) => void }) {
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

export function AssignForm({
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

export function ConversationTagForm({ conversation, busy, onTag }: { conversation: ConversationSummary; busy: boolean; onTag: (tagId: string) => void }) {
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
