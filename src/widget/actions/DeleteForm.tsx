/**
 * Delete: asks first, naming who will be deleted (an alert dialog inside the card; focus starts on Cancel),
 * then deletes the contact in Intercom (DELETE /contacts/{id}) through the outbox.
 */
import { useId } from 'preact/hooks';
import { t } from '../i18n';
import { useCall } from '../host';
import { WriteButton } from '../WriteButton';
import { useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { Who } from './Who';

export function DeleteForm({ contact, onClose, onGone }: FormProps) {
  const call = useCall();
  const id = useId();
  const { busy, problem, track } = useOutcome();
  const run = async () => {
    if (busy) return;
    const outcome = await track(() => send(call, { kind: 'contact.delete', contactId: contact.id }));
    if (outcome.ok) onGone?.({ kind: 'deleted' });
  };
  return (
    <div class="qa-form qa-confirm" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-who ${id}-body`}>
      <p class="notice-title" id={`${id}-title`}>
        {t('del_title')}
      </p>
      <p>
        <Who contact={contact} id={`${id}-who`} />
      </p>
      <p id={`${id}-body`}>{t('del_body')}</p>
      <div class="qa-buttons">
        <button type="button" class="btn" data-autofocus onClick={() => onClose?.()} disabled={busy}>
          {t('cancel')}
        </button>
        <WriteButton class="btn btn-danger" label={t('del_confirm')} disabled={busy} aria-busy={busy} onClick={() => void run()} />
      </div>
      <Problem problem={problem} />
    </div>
  );
}
