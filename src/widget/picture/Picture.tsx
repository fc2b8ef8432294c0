/**
 * Where the fuller picture joins the first paint, kept small: disclosures and entry points whose contents
 * (History, Segments, People at this site, the company card) are fetched with import() only when opened.
 */
import type { ContactView, NamedRef } from '../../protocol/schemas';
import { companyName } from '../format';
import { t } from '../i18n';
import { Disclosure, Lazy } from './Lazy';
import type { PagedMemo } from './usePaged';

/** People at this site as read, kept while the section is open (closing it forgets them: opening reads afresh). */
const sitePeople: PagedMemo<ContactView> = new Map();

/** A contact card's Segments and History, each fetched when opened. */
export function CardPicture({ contact }: { contact: ContactView }) {
  return (
    <>
      <Disclosure id={`segments-${contact.id}`} label={t('segmentsTitle')}>
        {() => <Lazy load={() => import('./Segments')} render={(m) => <m.Segments contactId={contact.id} labelledBy={`segments-${contact.id}-toggle`} />} />}
      </Disclosure>
      <Disclosure id={`history-${contact.id}`} label={t('historyTitle')}>
        {() => <Lazy load={() => import('./History')} render={(m) => <m.History contact={contact} />} />}
      </Disclosure>
    </>
  );
}

/** The companies on a contact's card, each opening its company card. */
export function CompanyLinks({ companies, onOpen }: { companies: NamedRef[]; onOpen: (c: NamedRef) => void }) {
  const named = companies.filter((c) => c.name || c.id);
  if (!named.length) return <>—</>;
  return (
    <span class="company-links">
      {named.map((c, i) => {
        const name = companyName(c) || `#${c.id}`;
        return [
          i > 0 ? ', ' : null,
          <button key={c.id} type="button" class="btn-link" data-company-id={c.id} onClick={() => onOpen(c)} aria-label={t('companyOpen', name)}>
            <bdi>{name}</bdi>
          </button>,
        ];
      })}
    </span>
  );
}

export function CompanyScreen(props: { company: NamedRef; onBack: () => void; onOpenContact?: (c: ContactView) => void }) {
  return <Lazy load={() => import('./CompanyCard')} render={(m) => <m.CompanyCard {...props} />} />;
}

/** The panel's "People at this site", below the page's people. */
export function SiteSection({ open, onToggle, ...props }: {
  host: string;
  onOpen: (contact: ContactView, email: string) => void;
  onContacts: (updates: Record<string, ContactView>) => void;
  onOpenCompany: (company: NamedRef) => void;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  return (
    <Disclosure
      id="site-people"
      label={t('siteTitle')}
      heading={false}
      open={open}
      onToggle={(next) => {
        if (!next) sitePeople.clear();
        onToggle(next);
      }}
    >
      {() => <Lazy load={() => import('./SitePeople')} render={(m) => <m.SitePeople {...props} memo={sitePeople} />} />}
    </Disclosure>
  );
}
