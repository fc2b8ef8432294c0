/** Message: an in-app message or an email to the contact, confirmed before it is sent. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { useCall } from '../host';

type Channel = 'inapp' | 'email';

export function MessageForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const [channel, setChannel] = useState<Channel>('inapp');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [template, setTemplate] = useState<'plain' | 'personal'>('plain');
  const [confirming, setConfirming] = useState(false);
  const [refused, setRefused] = useState(false);
  const { busy, problem, track, clear } = useOutcome();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const sendButton = useRef<HTMLDivElement>(null);

  const name = contact.name || contact.email || t('unnamed');
  const recipient = contact.email ? t('qa_to', [name, contact.email]) : t('qa_toNoEmail', name);
  const emailRefusal =
    channel !== 'email' ? null : !contact.email ? t('qa_noEmail') : contact.unsubscribed ? t('qa_unsubscribed') : null;

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const ask = () => {
    if (emailRefusal) return setRefused(true);
    clear();
    setConfirming(true);
  };
  const cancel = () => {
    setConfirming(false);
    sendButton.current?.querySelector('button')?.focus();
  };
  const confirm = async () => {
    const outcome = await track(() =>
      send(call, 
        {
          kind: 'contact.message',
          contactId: contact.id,
          channel,
          ...(channel === 'email' ? { subject: subject.trim() } : {}),
          body,
          template,
        },
        onContact,
      ),
    );
    if (outcome.ok) onDone({ text: t(channel === 'email' ? 'qa_emailSent' : 'qa_messageSent') });
    else setConfirming(false);
  };

  return (
    <ActionForm label={t('qa_messageTitle')} multiline onSubmit={ask}>
      <p class="qa-recipient">{recipient}</p>
      <fieldset class="qa-radios" disabled={confirming}>
        <legend>{t('qa_channel')}</legend>
        {(['inapp', 'email'] as const).map((c) => (
          <label key={c}>
            <input
              type="radio"
              name="qa-channel"
              value={c}
              checked={channel === c}
              onChange={() => {
                setChannel(c);
                setRefused(false);
              }}
            />
            {t(c === 'inapp' ? 'qa_channelInapp' : 'qa_channelEmail')}
          </label>
        ))}
      </fieldset>
      {emailRefusal && (
        <p class={refused ? 'qa-invalid' : 'qa-warning'} role="alert">
          {emailRefusal}
        </p>
      )}
      {channel === 'email' && (
        <div class="qa-row">
          <label for="qa-msg-subject">{t('qa_subject')}</label>
          <input
            id="qa-msg-subject"
            type="text"
            required
            maxLength={255}
            value={subject}
            disabled={confirming}
            onInput={(e) => setSubject(e.currentTarget.value)}
          />
        </div>
      )}
      <div class="qa-row">
        <label for="qa-msg-body">{t('qa_body')}</label>
        <textarea
          id="qa-msg-body"
          required
          rows={4}
          maxLength={10_000}
          value={body}
          disabled={confirming}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
      </div>
      <div class="qa-row">
        <label for="qa-msg-template">{t('qa_template')}</label>
        <select
          id="qa-msg-template"
          value={template}
          disabled={confirming}
          onChange={(e) => setTemplate(e.currentTarget.value as 'plain' | 'personal')}
        >
          <option value="plain">{t('qa_templatePlain')}</option>
          <option value="personal">{t('qa_templatePersonal')}</option>
        </select>
      </div>
      {confirming ? (
        <div class="qa-confirm" role="group" aria-label={t('qa_confirmTitle')}>
          <p>{t(channel === 'email' ? 'qa_confirmEmail' : 'qa_confirmInapp', contact.email ? `${name} <${contact.email}>` : name)}</p>
          <div class="qa-buttons">
            <button ref={confirmButton} type="button" class="btn btn-primary" disabled={busy} aria-busy={busy} onClick={() => void confirm()}>
              {t('qa_confirmSend')}
            </button>
            <button type="button" class="btn" disabled={busy} onClick={cancel}>
              {t('qa_cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="qa-buttons" ref={sendButton}>
          <SubmitButton busy={busy}>{t('qa_send')}</SubmitButton>
        </div>
      )}
      <Problem problem={problem} />
    </ActionForm>
  );
}
