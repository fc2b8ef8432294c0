/**
 * A company in full (loaded when one is opened from a contact's card or the site's people): plan, size,
 * industry, monthly spend, user count, website, custom attributes, tags and its people, a page at a time. Its
 * standard fields and custom attributes can be edited (company.update, through the outbox). Every value is text.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorInfo } from '../../protocol/client';
import type { CompanyView } from '../../protocol/picture';
import type { ContactView, ErrorInfo, NamedRef } from '../../protocol/schemas';
import { ActionForm, SubmitButton, useOutcome } from '../actions/form';
import { Problem, send } from '../actions/shared';
import { ContactList } from '../ContactList';
import { attributeText, renameCompany } from '../format';
import { useHost } from '../host';
import { num, t } from '../i18n';
import { ErrorState, Skeleton } from '../States';
import { keyAction } from '../keys';
import { useWorkspace } from '../useWorkspace';
import { ListFoot } from './ShowMore';
import { usePaged } from './usePaged';

interface Props {
  company: NamedRef;
  onBack: () => void;
  /** Where a person of the company opens (the side panel); without it, they are listed as links to Intercom. */
  onOpenContact?: (c: ContactView) => void;
}

export function CompanyCard({ company, onBack, onOpenContact }: Props) {
  const { call, canWrite, kind } = useHost();
  const { workspace } = useWorkspace();
  const [view, setView] = useState<CompanyView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [nonce, setNonce] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const mayEdit = canWrite && !(workspace?.refusedWrites ?? []).includes('company.update');

  useEffect(() => {
    let live = true;
    setError(null);
    call('company/get', { id: company.id })
      .then((v) => live && setView(v))
      .catch((e: unknown) => live && setError(errorInfo(e)));
    return () => {
      live = false;
    };
  }, [company.id, nonce]);
  useEffect(() => {
    if (kind !== 'embed') heading.current?.focus();
  }, []);

  const name = view?.name || company.name || t('unnamedCompany');
  const closeForm = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  // Esc goes back one step, as on a contact's card: out of the form, then back to where the company was opened.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || keyAction(e) !== 'back') return;
    e.preventDefault();
    if (editing) closeForm();
    else onBack();
  };
  return (
    <article class="card company-card" aria-labelledby="company-title" onKeyDown={onKeyDown}>
      <header class="card-header">
        <button type="button" class="btn btn-ghost" onClick={onBack} aria-label={t('companyBack')}>
          <span class="icon-flip" aria-hidden="true">←</span>
        </button>
        <div class="card-heading">
          <h2 id="company-title" ref={heading} tabIndex={-1}>
            <bdi>{name}</bdi>
          </h2>
          <span class="badge badge-company">{t('companyBadge')}</span>
        </div>
      </header>
      {error ? (
        <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
      ) : !view ? (
        <Skeleton rows={2} />
      ) : (
        <>
          {mayEdit && !editing && (
            <p class="qa-toolbar">
              <button type="button" class="btn btn-small" ref={editButton} aria-expanded={false} onClick={() => (setSaved(false), setEditing(true))}>
                {t('companyEdit')}
              </button>
            </p>
          )}
          {saved && (
            <p class="muted" role="status">
              {t('companySaved')}
            </p>
          )}
          {editing && (
            <CompanyEditForm
              company={view}
              onCancel={closeForm}
              onSaved={(v) => {
                if (v.name) renameCompany(v.id, view.name, v.name);
                setView(v);
                setEditing(false);
                setSaved(true);
                requestAnimationFrame(() => editButton.current?.focus());
              }}
            />
          )}
          <dl class="fields">
            <Field label={t('companyPlan')} value={view.plan} />
            <Field label={t('companySize')} value={view.size === null ? null : num(view.size)} />
            <Field label={t('companyIndustry')} value={view.industry} />
            <Field label={t('companySpend')} value={view.monthlySpend === null ? null : num(view.monthlySpend)} />
            <Field label={t('companyUsers')} value={view.userCount === null ? null : num(view.userCount)} />
            <div class="field">
              <dt>{t('companyWebsite')}</dt>
              <dd>
                {view.website && /^https?:\/\//i.test(view.website) ? (
                  <a href={view.website} target="_blank" rel="noopener noreferrer">
                    <bdi>{view.website}</bdi>
                  </a>
                ) : view.website ? (
                  <bdi>{view.website}</bdi>
                ) : (
                  '—'
                )}
              </dd>
            </div>
          </dl>
          <section aria-labelledby="company-tags-title">
            <h3 id="company-tags-title">{t('fieldTags')}</h3>
            {view.tags.length ? (
              <ul class="tags" aria-labelledby="company-tags-title">
                {view.tags.map((tag) => (
                  <li key={tag.id} class="tag">
                    <bdi>{tag.name || `#${tag.id}`}</bdi>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('noTags')}</p>
            )}
          </section>
          <section aria-labelledby="company-attrs-title">
            <h3 id="company-attrs-title">{t('fieldCustomAttributes')}</h3>
            {Object.keys(view.customAttributes).length ? (
              <dl class="fields">
                {Object.entries(view.customAttributes).map(([k, v]) => (
                  <Field key={k} label={k} value={attributeText(v)} />
                ))}
              </dl>
            ) : (
              <p class="muted">{t('noAttributes')}</p>
            )}
          </section>
          <CompanyPeople companyId={view.id} onOpenContact={onOpenContact} />
          <p>
            <a class="btn btn-primary" href={view.url} target="_blank" rel="noopener noreferrer">
              {t('openInIntercom')}
            </a>
          </p>
        </>
      )}
    </article>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div class="field">
      <dt>
        <bdi>{label}</bdi>
      </dt>
      <dd>{value ? <bdi>{value}</bdi> : '—'}</dd>
    </div>
  );
}

function CompanyPeople({ companyId, onOpenContact }: { companyId: string; onOpenContact?: (c: ContactView) => void }) {
  const { call } = useHost();
  const list = usePaged<ContactView>(companyId, (cursor) => call('company/contacts', { id: companyId, ...(cursor ? { cursor } : {}) }));
  const title = t('companyPeople');
  return (
    <section aria-labelledby="company-people-title">
      <h3 id="company-people-title">{title}</h3>
      {list.loading ? (
        <Skeleton rows={1} />
      ) : list.unavailable ? (
        <p class="muted">{t('companyPeopleCannot')}</p>
      ) : !list.items.length && !list.error ? (
        <p class="muted">{t('companyPeopleNone')}</p>
      ) : onOpenContact ? (
        <ContactList
          id="company-contacts"
          label={title}
          rows={list.items.map((c) => ({ email: c.email ?? c.id, contact: c }))}
          onOpen={(c) => onOpenContact(c)}
          onCreateLead={() => undefined}
        />
      ) : (
        <ul class="history-list" aria-labelledby="company-people-title">
          {list.items.map((c) => (
            <li key={c.id}>
              <a href={c.url} target="_blank" rel="noopener noreferrer">
                <bdi>{c.name || c.email || c.id}</bdi>
              </a>
            </li>
          ))}
        </ul>
      )}
      {!list.loading && <ListFoot list={list} label={title} />}
    </section>
  );
}

type Custom = string | number | boolean | null;

/** The standard fields and custom attributes; only what changed is sent. Bad numbers are refused here, nothing lost. */
function CompanyEditForm({ company, onCancel, onSaved }: { company: CompanyView; onCancel: () => void; onSaved: (v: CompanyView) => void }) {
  const { call } = useHost();
  const { busy, problem, track } = useOutcome();
  const [name, setName] = useState(company.name);
  const [plan, setPlan] = useState(company.plan ?? '');
  const [size, setSize] = useState(company.size === null ? '' : String(company.size));
  const [industry, setIndustry] = useState(company.industry ?? '');
  const [spend, setSpend] = useState(company.monthlySpend === null ? '' : String(company.monthlySpend));
  const [website, setWebsite] = useState(company.website ?? '');
  const [custom, setCustom] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(company.customAttributes).map(([k, v]) => [k, v === null ? '' : String(v)])),
  );
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const whole = (text: string): number | null | 'bad' => {
    const s = text.trim();
    if (!s) return null;
    return /^\d{1,13}$/.test(s) ? Number(s) : 'bad';
  };
  /** A custom value keeps the type the attribute had: numbers stay numbers, true/false stay booleans. */
  const typed = (was: Custom | undefined, text: string): Custom | 'bad' => {
    if (typeof was === 'number') return text.trim() === '' ? null : Number.isFinite(Number(text)) ? Number(text) : 'bad';
    if (typeof was === 'boolean') return text === 'true';
    return text;
  };

  const submit = async () => {
    if (busy) return;
    setFormError(null);
    const sizeN = whole(size);
    const spendN = whole(spend);
    if (sizeN === 'bad') return setFormError(t('companyBadNumber', t('companySize')));
    if (spendN === 'bad') return setFormError(t('companyBadNumber', t('companySpend')));
    const changes: Record<string, unknown> = {};
    if (name.trim() && name.trim() !== company.name) changes.name = name.trim();
    if (plan.trim() !== (company.plan ?? '')) changes.plan = plan.trim();
    if (sizeN !== null && sizeN !== company.size) changes.size = sizeN;
    if (industry.trim() !== (company.industry ?? '')) changes.industry = industry.trim();
    if (spendN !== null && spendN !== company.monthlySpend) changes.monthlySpend = spendN;
    if (website.trim() !== (company.website ?? '')) changes.website = website.trim();
    const attrs: Record<string, Custom> = {};
    for (const [k, text] of Object.entries(custom)) {
      const was = company.customAttributes[k];
      const v = typed(was, text);
      if (v === 'bad') return setFormError(t('companyBadNumber', k));
      if (v !== (was ?? '')) attrs[k] = v;
    }
    if (newKey.trim()) attrs[newKey.trim()] = newValue;
    if (Object.keys(attrs).length) changes.customAttributes = attrs;
    if (!Object.keys(changes).length) return setFormError(t('companyNothingChanged'));
    const outcome = await track(() => send(call, { kind: 'company.update', companyId: company.id, ...changes }));
    if (outcome.ok && outcome.entry.result?.companyView) onSaved(outcome.entry.result.companyView);
  };

  const row = (id: string, label: string, value: string, set: (v: string) => void, extra: Record<string, unknown> = {}) => (
    <div class="qa-row">
      <label for={id}>{label}</label>
      <input id={id} value={value} onInput={(e) => set(e.currentTarget.value)} {...extra} />
    </div>
  );
  return (
    <ActionForm label={t('companyEditTitle')} onSubmit={() => void submit()}>
      {row('co-name', t('companyName'), name, setName, { required: true, maxLength: 255, autoFocus: true })}
      {row('co-plan', t('companyPlan'), plan, setPlan, { maxLength: 255 })}
      {row('co-size', t('companySize'), size, setSize, { inputMode: 'numeric', maxLength: 13 })}
      {row('co-industry', t('companyIndustry'), industry, setIndustry, { maxLength: 255 })}
      {row('co-spend', t('companySpend'), spend, setSpend, { inputMode: 'numeric', maxLength: 13, 'aria-describedby': 'co-spend-hint' })}
      <p class="hint" id="co-spend-hint">
        {t('companySpendHint')}
      </p>
      {row('co-website', t('companyWebsite'), website, setWebsite, { inputMode: 'url', maxLength: 255 })}
      {Object.entries(custom).map(([k, text], i) => {
        const was = company.customAttributes[k];
        const id = `co-attr-${i}`;
        return typeof was === 'boolean' ? (
          <div class="qa-row" key={k}>
            <label for={id}>
              <bdi>{k}</bdi>
            </label>
            <select id={id} value={text} onChange={(e) => setCustom((c) => ({ ...c, [k]: (e.currentTarget as HTMLSelectElement).value }))}>
              <option value="true">{t('yes')}</option>
              <option value="false">{t('no')}</option>
            </select>
          </div>
        ) : (
          <div class="qa-row" key={k}>
            <label for={id}>
              <bdi>{k}</bdi>
            </label>
            <input
              id={id}
              value={text}
              inputMode={typeof was === 'number' ? 'decimal' : undefined}
              maxLength={1000}
              onInput={(e) => setCustom((c) => ({ ...c, [k]: e.currentTarget.value }))}
            />
          </div>
        );
      })}
      <fieldset class="qa-row">
        <legend>{t('companyNewAttribute')}</legend>
        {row('co-new-key', t('companyAttributeName'), newKey, setNewKey, { maxLength: 255 })}
        {row('co-new-value', t('companyAttributeValue'), newValue, setNewValue, { maxLength: 1000 })}
      </fieldset>
      {formError && (
        <p class="qa-invalid" role="alert">
          {formError}
        </p>
      )}
      <div class="qa-buttons">
        <SubmitButton busy={busy}>{t('companySave')}</SubmitButton>
        <button type="button" class="btn" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
      <Problem problem={problem} />
    </ActionForm>
  );
}
