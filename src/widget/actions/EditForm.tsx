/** Edit: the contact's name, phone and custom attributes; only what changed is sent. */
import type { TargetedInputEvent } from 'preact';
import { useState } from 'preact/hooks';
import type { ContactView } from '../../protocol/schemas';
import { t } from '../i18n';
import { ActionForm, Problem, send, SubmitButton, useOutcome, type FormProps } from './shared';
import { useCall } from '../host';

type Attr = string | number | boolean | null;

function fieldValue(v: Attr): string | boolean {
  if (typeof v === 'boolean') return v;
  if (v === null) return '';
  return String(v);
}

/** The changed fields, as `contact.update` takes them; null when nothing changed. */
export function changes(contact: ContactView, name: string, phone: string, attrs: Record<string, string | boolean>) {
  const out: { name?: string; phone?: string; customAttributes?: Record<string, Attr> } = {};
  if (name.trim() !== (contact.name ?? '').trim()) out.name = name.trim();
  if (phone.trim() !== (contact.phone ?? '').trim()) out.phone = phone.trim();
  const custom: Record<string, Attr> = {};
  for (const [key, before] of Object.entries(contact.customAttributes)) {
    const now = attrs[key];
    if (now === undefined) continue;
    if (typeof before === 'boolean') {
      if (now !== before) custom[key] = now === true;
    } else if (typeof before === 'number') {
      const n = typeof now === 'string' && now.trim() !== '' ? Number(now) : null;
      if (n !== null && !Number.isFinite(n)) continue;
      if (n !== before) custom[key] = n;
    } else {
      const s = typeof now === 'string' ? now : '';
      if (s !== (before ?? '')) custom[key] = s === '' ? null : s;
    }
  }
  if (Object.keys(custom).length) out.customAttributes = custom;
  return Object.keys(out).length ? out : null;
}

export function EditForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const [name, setName] = useState(contact.name ?? '');
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [attrs, setAttrs] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(Object.entries(contact.customAttributes).map(([k, v]) => [k, fieldValue(v)])),
  );
  const [unchanged, setUnchanged] = useState(false);
  const { busy, problem, track } = useOutcome();

  const submit = async () => {
    if (busy) return;
    const diff = changes(contact, name, phone, attrs);
    setUnchanged(!diff);
    if (!diff) return;
    const outcome = await track(() => send(call, { kind: 'contact.update', contactId: contact.id, ...diff }, onContact));
    if (outcome.ok) onDone({ text: t('qa_saved') });
  };
  const entries = Object.entries(contact.customAttributes);

  return (
    <ActionForm label={t('qa_editTitle')} onSubmit={() => void submit()}>
      <div class="qa-row">
        <label for="qa-edit-name">{t('qa_name')}</label>
        <input id="qa-edit-name" type="text" maxLength={255} autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="qa-row">
        <label for="qa-edit-phone">{t('fieldPhone')}</label>
        <input id="qa-edit-phone" type="tel" maxLength={64} autocomplete="off" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
      </div>
      {entries.length > 0 && (
        <fieldset class="qa-fieldset">
          <legend>{t('fieldCustomAttributes')}</legend>
          {entries.map(([key, before], i) => {
            const id = `qa-edit-attr-${i}`;
            const now = attrs[key];
            if (typeof before === 'boolean') {
              return (
                <div class="qa-row qa-check" key={key}>
                  <label>
                    <input type="checkbox" id={id} checked={now === true} onChange={(e) => setAttrs((a) => ({ ...a, [key]: e.currentTarget.checked }))} />
                    {key}
                  </label>
                </div>
              );
            }
            const text = typeof now === 'string' ? now : '';
            const onInput = (e: TargetedInputEvent<HTMLInputElement>) => setAttrs((a) => ({ ...a, [key]: e.currentTarget.value }));
            return (
              <div class="qa-row" key={key}>
                <label for={id}>{key}</label>
                {typeof before === 'number' ? (
                  <input id={id} type="number" step="any" value={text} onInput={onInput} />
                ) : (
                  <input id={id} type="text" maxLength={1000} value={text} onInput={onInput} />
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      <div class="qa-buttons">
        <SubmitButton busy={busy}>{t('qa_save')}</SubmitButton>
      </div>
      {unchanged && (
        <p class="hint" role="status">
          {t('qa_nothingChanged')}
        </p>
      )}
      <Problem problem={problem} />
    </ActionForm>
  );
}
