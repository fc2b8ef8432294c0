/** Convert to user: turns a lead into a user. */
import { t } from '../i18n';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { useCall } from '../host';

export function ConvertForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const { busy, problem, track } = useOutcome();
  const submit = async () => {
    if (busy) return;
    const outcome = await track(() => send(call, { kind: 'contact.convert', contactId: contact.id }, onContact));
    if (outcome.ok) onDone({ text: t('qa_converted') });
  };
  return (
    <ActionForm label={t('qa_convertTitle')} onSubmit={() => void submit()}>
      <p>{t('qa_convertQuestion', contact.name || contact.email || t('unnamed'))}</p>
      <div class="qa-buttons">
        <SubmitButton busy={busy}>{t('qa_convertConfirm')}</SubmitButton>
      </div>
      <Problem problem={problem} />
    </ActionForm>
  );
}
