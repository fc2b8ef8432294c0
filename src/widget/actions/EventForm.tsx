/** Event: records a named event for the contact, with up to ten metadata fields. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { num, t, tn } from '../i18n';
import { byId } from '../dom';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { useCall } from '../host';

export const MAX_METADATA = 10;

interface Row {
  id: number;
  key: string;
  value: string;
}

export function EventForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const [name, setName] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const nextId = useRef(1);
  const added = useRef<number | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const { busy, problem, track } = useOutcome();

  useEffect(() => {
    if (added.current === null) return;
    byId(nameField.current, `qa-event-key-${added.current}`)?.focus();
    added.current = null;
  }, [rows]);

  const submit = async () => {
    if (busy) return;
    const metadata = Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));
    const outcome = await track(() => send(call, { kind: 'contact.event', contactId: contact.id, name: name.trim(), metadata }, onContact));
    if (outcome.ok) onDone({ text: t('qa_eventRecorded') });
  };
  const update = (id: number, part: Partial<Row>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...part } : r)));
  const full = rows.length >= MAX_METADATA;

  return (
    <ActionForm label={t('qa_eventTitle')} onSubmit={() => void submit()}>
      <div class="qa-row">
        <label for="qa-event-name">{t('qa_eventName')}</label>
        <input id="qa-event-name" ref={nameField} type="text" required maxLength={255} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      {rows.length > 0 && (
        <fieldset class="qa-fieldset">
          <legend>{t('qa_metadata')}</legend>
          {rows.map((r, i) => (
            <div class="qa-meta" key={r.id}>
              <input
                id={`qa-event-key-${r.id}`}
                type="text"
                maxLength={255}
                aria-label={t('qa_fieldName', num(i + 1))}
                placeholder={t('qa_fieldNamePlaceholder')}
                value={r.key}
                onInput={(e) => update(r.id, { key: e.currentTarget.value })}
              />
              <input
                type="text"
                maxLength={1000}
                aria-label={t('qa_fieldValue', num(i + 1))}
                placeholder={t('qa_fieldValuePlaceholder')}
                value={r.value}
                onInput={(e) => update(r.id, { value: e.currentTarget.value })}
              />
              <button
                type="button"
                class="btn btn-ghost btn-small"
                aria-label={t('qa_removeField', num(i + 1))}
                onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))}
              >
                ×
              </button>
            </div>
          ))}
        </fieldset>
      )}
      <div class="qa-buttons">
        <button
          type="button"
          class="btn btn-small"
          disabled={full}
          aria-describedby={full ? 'qa-event-full' : undefined}
          onClick={() => {
            const id = nextId.current++;
            added.current = id;
            setRows((rs) => (rs.length >= MAX_METADATA ? rs : [...rs, { id, key: '', value: '' }]));
          }}
        >
          {t('qa_addField')}
        </button>
        <SubmitButton busy={busy}>{t('qa_recordEvent')}</SubmitButton>
      </div>
      {full && (
        <p class="hint" id="qa-event-full">
          {tn('qa_metadataFull', MAX_METADATA)}
        </p>
      )}
      <Problem problem={problem} />
    </ActionForm>
  );
}
