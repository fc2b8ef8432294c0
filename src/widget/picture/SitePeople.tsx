/**
 * People at this site (loaded when the panel's section is opened): everyone in Intercom with an address at the
 * registrable domain of the tab's host, a page at a time, with their companies — the same rows, cards and bulk
 * actions as the page's people. Free-mail domains and hosts without a domain are skipped, saying why, and nothing
 * is asked of Intercom for them (the domain rules live here, in this lazily loaded part, not in the worker).
 */
import { isFreeMail, registrableDomain } from '../../protocol/site';
import type { ContactView, NamedRef } from '../../protocol/schemas';
import { BulkBar } from '../bulk/BulkBar';
import { ContactList } from '../ContactList';
import { useCall } from '../host';
import { companyName } from '../format';
import { t } from '../i18n';
import { Skeleton } from '../States';
import { useState } from 'preact/hooks';
import { ListFoot } from './ShowMore';
import { usePaged, type PagedMemo } from './usePaged';

export const SITE_LIST = 'site-contacts';

interface Props {
  host: string;
  /** What was read per domain while the section is open: back from a card opened here, the list is as it was. */
  memo?: PagedMemo<ContactView>;
  onOpen: (contact: ContactView, email: string) => void;
  onContacts: (updates: Record<string, ContactView>) => void;
  onOpenCompany: (company: NamedRef) => void;
}

export function SitePeople(props: Props) {
  const domain = registrableDomain(props.host);
  if (!domain) return <p class="muted">{t('siteNoDomain')}</p>;
  // Nothing is asked of Intercom for a free-mail domain: its people have nothing in common.
  if (isFreeMail(domain)) return <p class="muted">{t('siteFreeMail', domain)}</p>;
  return <DomainPeople {...props} domain={domain} />;
}

function DomainPeople({ domain, memo, onOpen, onContacts, onOpenCompany }: Props & { domain: string }) {
  const call = useCall();
  const list = usePaged<ContactView>(
    domain,
    (cursor) => call('site/people', { domain, ...(cursor ? { cursor } : {}) }).then((p) => (onContacts(byEmail(oneEach(p.items))), p)),
    undefined,
    memo,
  );
  // Updates from a bulk run replace the rows they changed.
  const [changed, setChanged] = useState<Record<string, ContactView>>({});
  if (list.loading) return <Skeleton rows={2} />;
  if (list.unavailable) return <p class="muted">{t('siteCannot')}</p>;
  const people = oneEach(list.items).map((c) => (c.email && changed[c.email]?.id === c.id ? changed[c.email]! : c));
  const companies = uniqueCompanies(people);
  const label = t('siteListLabel', domain);
  return (
    <>
      <p class="muted">{t('siteIntro', domain)}</p>
      {people.length ? (
        <ContactList
          id={SITE_LIST}
          label={label}
          rows={people.map((c) => ({ email: c.email ?? c.id, contact: c }))}
          onOpen={onOpen}
          onCreateLead={() => undefined}
        />
      ) : (
        !list.error && <p class="muted">{t('siteNone', domain)}</p>
      )}
      <ListFoot list={list} label={label} />
      {companies.length > 0 && (
        <div>
          <p class="picture-subtitle" id="site-companies-title">
            {t('siteCompanies')}
          </p>
          <ul class="site-companies" aria-labelledby="site-companies-title">
            {companies.map((co) => (
              <li key={co.id}>
                <button type="button" class="btn btn-small" data-company-id={co.id} onClick={() => onOpenCompany(co)}>
                  <bdi>{companyName(co) || `#${co.id}`}</bdi>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {people.length > 0 && (
        <BulkBar
          rows={people.filter((c) => c.email).map((c) => ({ email: c.email!, contact: c }))}
          onContacts={(updates) => {
            setChanged((prev) => ({ ...prev, ...updates }));
            onContacts(updates);
          }}
        />
      )}
    </>
  );
}

/** One row per address: a user before a lead that shares it (as a lookup chooses). */
function oneEach(contacts: ContactView[]): ContactView[] {
  const best = new Map<string, ContactView>();
  for (const c of contacts) {
    const key = c.email ?? c.id;
    const prev = best.get(key);
    if (!prev || (prev.role === 'lead' && c.role === 'user')) best.set(key, c);
  }
  return [...best.values()];
}

function byEmail(contacts: ContactView[]): Record<string, ContactView> {
  return Object.fromEntries(contacts.filter((c) => c.email).map((c) => [c.email!, c]));
}

function uniqueCompanies(people: ContactView[]): NamedRef[] {
  const seen = new Map<string, NamedRef>();
  for (const p of people) for (const c of p.companies) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}
