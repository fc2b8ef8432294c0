/** Note: a note on the contact, for teammates. */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { useCall } from '../host';

export function NoteForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const [body, setBody] = useState('');
  const { busy, problem, track } = useOutcome();
  const submit = async () => {
    if (busy) return;
    const outcome = await track(() => send(call, { kind: 'contact.note', contactId: contact.id, body }, onContact));
    if (outcome.ok) onDone({ text: t('qa_noteAdded') });
  };
  return (
    <ActionForm label={t('qa_noteTitle')} multiline onSubmit={() => void submit()}>
      <div class="qa-row">
        <label for="qa-note-body">{t('qa_noteLabel')}</label>
        <textarea id="qa-note-body" required rows={4} maxLength={10_000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <p class="hint" id="qa-note-hint">{t('qa_ctrlEnter')}</p>
      </div>
      <div class="qa-buttons">
        <SubmitButton busy={busy}>{t('qa_addNote')}</SubmitButton>
      </div>
      <Problem problem={problem} />
    </ActionForm>
  );
}
