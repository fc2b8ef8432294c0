/** Company: find a company to attach the contact to, or create one; detach the contact from its companies. */
import { useState } from 'preact/hooks';
import type { CompanyRef } from '../../protocol/actions';
import { errorInfo } from '../../protocol/client';
import type { ActionInput } from '../../protocol/actions';
import type { NamedRef } from '../../protocol/schemas';
import { companyName } from '../format';
import { t } from '../i18n';
import { ActionForm, SubmitButton, useOutcome } from './form';
import { Problem, send, type FormProps } from './shared';
import { useCall } from '../host';

export function CompanyForm({ contact, onContact, onDone }: FormProps) {
  const call = useCall();
  const [name, setName] = useState('');
  const [found, setFound] = useState<{ name: string; companies: CompanyRef[] } | null>(null);
  const [finding, setFinding] = useState(false);
  const { busy, problem, track, fail, clear } = useOutcome();

  const find = async () => {
    const q = name.trim();
    if (!q || finding) return;
    setFinding(true);
    clear();
    try {
      const { companies } = await call('companies/find', { name: q });
      setFound({ name: q, companies });
    } catch (e) {
      fail(errorInfo(e));
    } finally {
      setFinding(false);
    }
  };
  const run = async (action: ActionInput, text: string) => {
    if (busy) return;
    const outcome = await track(() => send(call, action, onContact));
    if (outcome.ok) onDone({ text });
  };
  const attached = new Set(contact.companies.map((c) => c.id));
  const matches = found?.companies.filter((c) => !attached.has(c.id)) ?? [];
  const exact = found?.companies.some((c) => c.name.toLowerCase() === found.name.toLowerCase());

  return (
    <ActionForm label={t('qa_companyTitle')} onSubmit={() => void find()}>
      <div class="qa-row">
        <label for="qa-company-name">{t('qa_companyName')}</label>
        <div class="inline">
          <input
            id="qa-company-name"
            type="text"
            required
            maxLength={255}
            value={name}
            onInput={(e) => {
              setName(e.currentTarget.value);
              setFound(null);
            }}
          />
          <SubmitButton busy={finding}>{t('qa_find')}</SubmitButton>
        </div>
      </div>
      {found && (
        <div class="qa-found">
          {matches.length > 0 ? (
            <ul class="qa-list" aria-label={t('qa_matchingCompanies')}>
              {matches.map((c) => (
                <li key={c.id}>
                  <span>{c.name}</span>
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={busy}
                    onClick={() => void run({ kind: 'contact.attach-company', contactId: contact.id, companyId: c.id }, t('qa_companyAttached'))}
                  >
                    {t('qa_attachTo', c.name)}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted" role="status">
              {t('qa_noCompanies', found.name)}
            </p>
          )}
          {!exact && (
            <button
              type="button"
              class="btn btn-small"
              disabled={busy}
              onClick={() => void run({ kind: 'contact.create-company', contactId: contact.id, name: found.name }, t('qa_companyCreated'))}
            >
              {t('qa_createCompany', found.name)}
            </button>
          )}
        </div>
      )}
      <Problem problem={problem} />
      {contact.companies.length > 0 && (
        <ul class="qa-list" aria-label={t('qa_currentCompanies')}>
          {contact.companies.map((c: NamedRef) => (
            <li key={c.id}>
              <span>{companyName(c)}</span>
              <button
                type="button"
                class="btn btn-small btn-danger"
                disabled={busy}
                onClick={() => void run({ kind: 'contact.detach-company', contactId: contact.id, companyId: c.id }, t('qa_companyDetached'))}
              >
                {t('qa_detach', companyName(c))}
              </button>
            </li>
          ))}
        </ul>
      )}
    </ActionForm>
  );
}
