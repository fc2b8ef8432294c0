/**
 * Merge a lead into a user: find the user by email, then confirm, naming both people and which one remains
 * (an alert dialog; focus starts on Cancel). POST /contacts/merge {from: lead, into: user} through the outbox.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { errorInfo } from '../../protocol/client';
import type { ContactView } from '../../protocol/schemas';
import { t } from '../i18n';
import { useCall } from '../host';
import { WriteButton } from '../WriteButton';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { Who } from './Who';

export function MergeForm({ contact: lead, onClose, onGone }: FormProps) {
  const call = useCall();
  const id = useId();
  const [email, setEmail] = useState('');
  const [finding, setFinding] = useState(false);
  const [user, setUser] = useState<ContactView | null>(null);
  const [why, setWhy] = useState<string | null>(null);
  const { busy, problem, track, fail, clear } = useOutcome();
  const cancel = useRef<HTMLButtonElement>(null);
  // The confirmation appears: focus goes to its safe choice, so Enter never merges by accident.
  useEffect(() => {
    if (user) cancel.current?.focus();
  }, [user]);

  const find = async () => {
    const address = email.trim();
    if (!address || finding) return;
    setFinding(true);
    setUser(null);
    setWhy(null);
    clear();
    try {
      const { contacts } = await call('contacts/lookup', { emails: [address] });
      const found = Object.values(contacts)[0] ?? null;
      if (!found) setWhy(t('merge_noOne', address));
      else if (found.id === lead.id) setWhy(t('merge_self'));
      else if (found.role !== 'user') setWhy(t('merge_notUser', address));
      else setUser(found);
    } catch (e) {
      fail(errorInfo(e));
    } finally {
      setFinding(false);
    }
  };
  const merge = async (into: ContactView) => {
    if (busy) return;
    const outcome = await track(() => send(call, { kind: 'contact.merge', contactId: lead.id, intoId: into.id }));
    if (outcome.ok) onGone?.({ kind: 'merged', into: outcome.entry.result?.survivor ?? into });
  };

  return (
    <div>
      <ActionForm label={t('merge_title')} onSubmit={() => void find()}>
        <p class="hint">{t('merge_hint')}</p>
        <div class="qa-row">
          <label for={`${id}-email`}>{t('merge_userEmail')}</label>
          <span class="qa-inline">
            <input
              id={`${id}-email`}
              type="email"
              required
              maxLength={254}
              autocomplete="off"
              value={email}
              onInput={(e) => {
                setEmail(e.currentTarget.value);
                setUser(null);
                setWhy(null);
              }}
            />
            <SubmitButton busy={finding}>{t('merge_find')}</SubmitButton>
          </span>
        </div>
        {why && (
          <p class="qa-invalid" role="alert">
            {why}
          </p>
        )}
      </ActionForm>
      {user && (
        <div class="qa-form qa-confirm" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}>
          <p class="notice-title" id={`${id}-title`}>
            {t('merge_confirmTitle')}
          </p>
          <dl class="fields">
            <div class="field">
              <dt>{t('merge_goes')}</dt>
              <dd>
                <Who contact={lead} />
              </dd>
            </div>
            <div class="field">
              <dt>{t('merge_stays')}</dt>
              <dd>
                <Who contact={user} />
              </dd>
            </div>
          </dl>
          <p id={`${id}-body`}>{t('merge_body')}</p>
          <div class="qa-buttons">
            <button type="button" class="btn" ref={cancel} onClick={() => onClose?.()} disabled={busy}>
              {t('cancel')}
            </button>
            <WriteButton class="btn btn-danger" label={t('merge_confirm')} disabled={busy} aria-busy={busy} onClick={() => void merge(user)} />
          </div>
        </div>
      )}
      <Problem problem={problem} />
    </div>
  );
}
