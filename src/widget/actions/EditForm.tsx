/**
 * Edit: the contact's name, phone, owner, "unsubscribed from email" and custom attributes, each with the control
 * its data attribute's type calls for (GET /data_attributes through the worker); attributes the contact does not
 * have yet can be added. Read-only attributes are shown, never offered. Only what changed is sent.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttributeView } from '../../protocol/edits';
import type { ContactView } from '../../protocol/schemas';
import { attributeText } from '../format';
import { t } from '../i18n';
import { useCall } from '../host';
import { useWorkspace } from '../useWorkspace';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { attributeFor, controlFor, fromField, toField, type FieldValue, type Scalar } from './attribute-values';

type Attr = Scalar;

export interface EditState {
  name: string;
  phone: string;
  /** '' for no owner. */
  owner: string;
  unsubscribed: boolean;
  /** By custom attribute key: the field's text (or checkbox). */
  attrs: Record<string, FieldValue>;
}

export type Changes = {
  name?: string;
  phone?: string;
  ownerId?: string | null;
  unsubscribedFromEmails?: boolean;
  customAttributes?: Record<string, Attr>;
};

/** The fields as they start for this contact. */
export function initialState(contact: ContactView, known: readonly AttributeView[] | null): EditState {
  return {
    name: contact.name ?? '',
    phone: contact.phone ?? '',
    owner: contact.ownerId ?? '',
    unsubscribed: contact.unsubscribedFromEmails ?? false,
    attrs: Object.fromEntries(
      Object.entries(contact.customAttributes).map(([k, v]) => {
        const a = attributeFor(k, v, known);
        return [k, toField(a.type, v)];
      }),
    ),
  };
}

/**
 * The changed fields, as `contact.update` takes them: `null` when nothing changed, `{ invalid }` naming the first
 * attribute whose text is not a value of its type (nothing is sent then). Read-only attributes never count.
 */
export function changes(contact: ContactView, now: EditState, known: readonly AttributeView[] | null): Changes | null | { invalid: string } {
  const before = initialState(contact, known);
  const out: Changes = {};
  if (now.name.trim() !== before.name.trim()) out.name = now.name.trim();
  if (now.phone.trim() !== before.phone.trim()) out.phone = now.phone.trim();
  if (contact.ownerId !== undefined && now.owner !== before.owner) out.ownerId = now.owner || null;
  if (contact.unsubscribedFromEmails !== undefined && now.unsubscribed !== before.unsubscribed) out.unsubscribedFromEmails = now.unsubscribed;
  const custom: Record<string, Attr> = {};
  for (const [key, field] of Object.entries(now.attrs)) {
    const had = key in contact.customAttributes;
    const a = attributeFor(key, contact.customAttributes[key] ?? null, known);
    if (!a.writable) continue;
    // A field left as it was is not sent (a date shown as its day is not rounded to midnight by a save).
    if (had && field === before.attrs[key]) continue;
    const parsed = fromField(a.type, field, a.options);
    if (!parsed.ok) return { invalid: key };
    if (!had && parsed.value === null) continue;
    custom[key] = parsed.value;
  }
  if (Object.keys(custom).length) out.customAttributes = custom;
  return Object.keys(out).length ? out : null;
}

export function EditForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const { workspace } = useWorkspace();
  const [known, setKnown] = useState<AttributeView[] | null>(null);
  const [knownFailed, setKnownFailed] = useState(false);
  const [state, setState] = useState<EditState>(() => initialState(contact, null));
  const [unchanged, setUnchanged] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [pick, setPick] = useState('');
  const focusNext = useRef<string | null>(null);
  const form = useRef<HTMLDivElement>(null);
  const { busy, problem, track } = useOutcome();

  useEffect(() => {
    let live = true;
    call('contact/attributes', {})
      .then(({ attributes }) => {
        if (!live) return;
        setKnown(attributes);
        // Dates and lists now show as their type does; a field already changed keeps what was typed.
        const guessed = initialState(contact, null).attrs;
        const typed = initialState(contact, attributes).attrs;
        setState((s) => ({
          ...s,
          attrs: Object.fromEntries(Object.entries(s.attrs).map(([k, v]) => [k, k in typed && v === guessed[k] ? typed[k]! : v])),
        }));
      })
      // Without them (a token that may not read them) the form still edits what the contact has, by its values' types.
      .catch(() => live && setKnownFailed(true));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    const key = focusNext.current;
    if (!key) return;
    focusNext.current = null;
    [...(form.current?.querySelectorAll<HTMLElement>('[data-attr]') ?? [])].find((el) => el.dataset.attr === key)?.focus();
  });

  const set = (key: string, v: FieldValue) => setState((s) => ({ ...s, attrs: { ...s.attrs, [key]: v } }));
  const submit = async () => {
    if (busy) return;
    const diff = changes(contact, state, known);
    if (diff && 'invalid' in diff) {
      setInvalid(diff.invalid);
      focusNext.current = diff.invalid;
      return;
    }
    setInvalid(null);
    setUnchanged(!diff);
    if (!diff) return;
    const outcome = await track(() => send(call, { kind: 'contact.update', contactId: contact.id, ...diff }, onContact));
    if (outcome.ok) onDone({ text: t('qa_saved') });
  };

  const keys = Object.keys(state.attrs);
  const standard = (name: string) => known?.find((a) => !a.custom && a.name === name);
  const ownerWritable = standard('owner_id')?.writable !== false;
  const unsubWritable = standard('unsubscribed_from_emails')?.writable !== false;
  const admins = workspace?.admins ?? [];
  const addable = (known ?? []).filter((a) => a.custom && a.writable && !keys.includes(a.name));
  const ownerName = (id: string) => admins.find((a) => a.id === id)?.name ?? id;

  return (
    <ActionForm label={t('qa_editTitle')} onSubmit={() => void submit()}>
      <div ref={form}>
        <div class="qa-row">
          <label for="qa-edit-name">{t('qa_name')}</label>
          <input id="qa-edit-name" type="text" maxLength={255} autocomplete="off" value={state.name} onInput={(e) => setState((s) => ({ ...s, name: e.currentTarget.value }))} />
        </div>
        <div class="qa-row">
          <label for="qa-edit-phone">{t('fieldPhone')}</label>
          <input id="qa-edit-phone" type="tel" maxLength={64} autocomplete="off" value={state.phone} onInput={(e) => setState((s) => ({ ...s, phone: e.currentTarget.value }))} />
        </div>
        {contact.ownerId !== undefined && (
          <div class="qa-row">
            <label for="qa-edit-owner">{t('edit_owner')}</label>
            {ownerWritable && admins.length > 0 ? (
              <select id="qa-edit-owner" value={state.owner} onChange={(e) => setState((s) => ({ ...s, owner: e.currentTarget.value }))}>
                <option value="">{t('edit_noOwner')}</option>
                {/* An owner the admin list does not name (no permission to read teammates) stays choosable. */}
                {state.owner && !admins.some((a) => a.id === state.owner) && <option value={state.owner}>{state.owner}</option>}
                {admins.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            ) : (
              <output id="qa-edit-owner">{state.owner ? <bdi>{ownerName(state.owner)}</bdi> : t('edit_noOwner')}</output>
            )}
          </div>
        )}
        {contact.unsubscribedFromEmails !== undefined && (
          <div class="qa-row qa-check">
            <label>
              <input
                type="checkbox"
                checked={state.unsubscribed}
                disabled={!unsubWritable}
                onChange={(e) => setState((s) => ({ ...s, unsubscribed: e.currentTarget.checked }))}
              />
              {t('edit_unsubscribed')}
            </label>
          </div>
        )}
        {(keys.length > 0 || addable.length > 0) && (
          <fieldset class="qa-fieldset">
            <legend>{t('fieldCustomAttributes')}</legend>
            {keys.map((key, i) => (
              <AttributeRow
                key={key}
                id={`qa-edit-attr-${i}`}
                attribute={attributeFor(key, contact.customAttributes[key] ?? null, known)}
                value={state.attrs[key]!}
                stored={contact.customAttributes[key] ?? null}
                invalid={invalid === key}
                onChange={(v) => set(key, v)}
              />
            ))}
            {addable.length > 0 && (
              <div class="qa-row qa-add-attr">
                <label for="qa-edit-add">{t('edit_addAttribute')}</label>
                <span class="qa-inline">
                  <select id="qa-edit-add" value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
                    <option value="">{t('edit_chooseAttribute')}</option>
                    {addable.map((a) => (
                      <option key={a.name} value={a.name}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={!pick}
                    onClick={() => {
                      const a = addable.find((x) => x.name === pick);
                      if (!a) return;
                      focusNext.current = a.name;
                      setPick('');
                      set(a.name, toField(a.type, a.type === 'boolean' ? false : null));
                    }}
                  >
                    {t('edit_add')}
                  </button>
                </span>
              </div>
            )}
          </fieldset>
        )}
        {knownFailed && <p class="muted">{t('edit_attributesUnavailable')}</p>}
      </div>
      <div class="qa-buttons">
        <SubmitButton busy={busy}>{t('qa_save')}</SubmitButton>
      </div>
      {unchanged && (
        <p class="hint" role="status">
          {t('qa_nothingChanged')}
        </p>
      )}
      {invalid && (
        <p class="qa-invalid" role="alert">
          {t('edit_invalidValue', attributeFor(invalid, contact.customAttributes[invalid] ?? null, known).label)}
        </p>
      )}
      <Problem problem={problem} />
    </ActionForm>
  );
}

interface RowProps {
  id: string;
  attribute: AttributeView;
  value: FieldValue;
  stored: Scalar;
  invalid: boolean;
  onChange: (v: FieldValue) => void;
}

/** One attribute: the control its type calls for, or its value as text when Intercom does not let the API write it. */
export function AttributeRow({ id, attribute: a, value, stored, invalid, onChange }: RowProps) {
  const hint = a.description ? `${id}-hint` : undefined;
  if (!a.writable) {
    return (
      <div class="qa-row qa-readonly">
        <span id={`${id}-label`}>{a.label}</span>
        <output id={id} aria-labelledby={`${id}-label`} data-attr={a.name}>
          {stored === null ? '—' : <bdi>{a.type === 'date' ? String(toField('date', stored)) : attributeText(stored)}</bdi>}
        </output>
        <span class="muted">{t('edit_readOnly')}</span>
      </div>
    );
  }
  const control = controlFor(a.type, a.options);
  if (control === 'checkbox') {
    return (
      <div class="qa-row qa-check">
        <label>
          <input type="checkbox" id={id} data-attr={a.name} checked={value === true} aria-describedby={hint} onChange={(e) => onChange(e.currentTarget.checked)} />
          {a.label}
        </label>
        {hint && <span id={hint} class="muted">{a.description}</span>}
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    'data-attr': a.name,
    'aria-invalid': invalid || undefined,
    'aria-describedby': hint,
  };
  return (
    <div class="qa-row">
      <label for={id}>{a.label}</label>
      {control === 'select' ? (
        <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{t('edit_notSet')}</option>
          {/* A value set before the list changed stays as it is until someone picks another. */}
          {text && !a.options.includes(text) && <option value={text}>{text}</option>}
          {a.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : control === 'date' ? (
        <input {...common} type="date" value={text} onInput={(e) => onChange(e.currentTarget.value)} />
      ) : control === 'text' ? (
        <input {...common} type="text" maxLength={1000} value={text} onInput={(e) => onChange(e.currentTarget.value)} />
      ) : (
        // Whole numbers are checked on Save with a message naming the attribute (a browser's step check would not say which).
        <input {...common} type="number" step="any" inputMode={control === 'integer' ? 'numeric' : 'decimal'} value={text} onInput={(e) => onChange(e.currentTarget.value)} />
      )}
      {hint && <span id={hint} class="muted">{a.description}</span>}
    </div>
  );
}
