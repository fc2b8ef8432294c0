/** One contact, in full. Every value is rendered as text: a name with HTML in it stays text. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContactView, NamedRef } from '../protocol/schemas';
import { ContactActions } from './actions/ContactActions';
import type { Gone } from './actions/shared';
import { ContactActivity } from './activity/ContactActivity';
import { CardPicture, CompanyLinks, CompanyScreen } from './picture/Picture';
import { Avatar } from './Avatar';
import { attributeText, locationText, relativeTime, roleLabel } from './format';
import { t } from './i18n';
import type { QuickKey } from './keys';
import { activeElementOf } from './dom';
import { useHost } from './host';

interface Props {
  contact: ContactView;
  /** Without one (the embedded element), there is nowhere to go back to and no back button. */
  onBack?: () => void;
  /** A quick action changed the contact: the card (and the list) show the worker's new answer. */
  onContact: (c: ContactView) => void;
  /**
   * Open this quick action's form (the right-click menu's "Tag in Intercom…", a shortcut key); a new nonce
   * asks again. With one, focus goes to the form instead of the card's name.
   */
  action?: { kind: QuickKey; nonce: number } | null;
  /** The in-page card closes instead of going back to a list. */
  backLabel?: string;
  backIcon?: string;
  /** Opens another person's card (the side panel): a company's people become buttons. */
  onOpenContact?: (c: ContactView) => void;
  /** The contact was deleted, or merged into a user: the host's lists forget it (the card says so itself). */
  onGone?: (contact: ContactView, g: Gone) => void;
}

export function ContactCard({ contact, onBack, onContact, action, backLabel, backIcon = '←', onGone, onOpenContact }: Props) {
  /** A company opened from this card: its card shows here until Back. */
  const [company, setCompany] = useState<NamedRef | null>(null);
  const companyFrom = useRef<string | null>(null);
  /** Who was deleted or merged away, as they were (the host may show the address's new answer meanwhile). */
  const [gone, setGone] = useState<{ g: Gone; who: ContactView } | null>(null);
  const location = locationText(contact);
  const attributes = Object.entries(contact.customAttributes);
  const heading = useRef<HTMLHeadingElement>(null);
  const { canWrite, kind } = useHost();
  // Opening a card moves focus to its name, so a keyboard or screen-reader user starts reading there.
  // Not in an embed: the card is one part of someone else's page, which decides where focus is.
  useEffect(() => {
    const el = heading.current;
    if (kind === 'embed' || !el) return;
    // Not when a form inside already took focus (its effect runs first): what the user types goes there.
    if (!action && !el.closest('article')?.contains(activeElementOf(el))) el.focus();
  }, []);
  // Back from a company: focus returns to the company's button.
  useEffect(() => {
    const from = companyFrom.current;
    if (company || !from) return;
    companyFrom.current = null;
    heading.current?.closest('article')?.querySelector<HTMLElement>(`[data-company-id="${CSS.escape(from)}"]`)?.focus();
  }, [company]);
  if (company) return <CompanyScreen company={company} onBack={() => setCompany(null)} {...(onOpenContact ? { onOpenContact } : {})} />;
  return (
    <article class="card" aria-labelledby="card-title">
      <header class="card-header">
        {onBack && (
          <button type="button" class="btn btn-ghost" onClick={onBack} aria-label={backLabel ?? t('back')}>
            <span class="icon-flip" aria-hidden="true">{backIcon}</span>
          </button>
        )}
        <Avatar name={contact.name} email={contact.email} src={contact.avatar} size={48} />
        <div class="card-heading">
          <h2 id="card-title" ref={heading} tabIndex={-1}>
            <bdi>{contact.name || contact.email || t('unnamed')}</bdi>
          </h2>
          <span class={`badge badge-${contact.role}`}>{roleLabel(contact.role)}</span>
        </div>
      </header>
      {gone ? (
        <GoneNotice contact={gone.who} gone={gone.g} onOpen={onContact} />
      ) : (
        <>
          {canWrite && (
            <ContactActions
              contact={contact}
              onContact={onContact}
              request={action}
              onGone={(g) => {
                setGone({ g, who: contact });
                onGone?.(contact, g);
              }}
            />
          )}
          <dl class="fields">
            <Field label={t('fieldEmail')} value={contact.email} />
            <Field label={t('fieldPhone')} value={contact.phone} />
            <Field label={t('fieldRole')} value={roleLabel(contact.role)} />
            <div class="field">
              <dt>{t('fieldCompanies')}</dt>
              <dd>
                <CompanyLinks
                  companies={contact.companies}
                  onOpen={(c) => {
                    companyFrom.current = c.id;
                    setCompany(c);
                  }}
                />
              </dd>
            </div>
            <Field label={t('fieldLocation')} value={location} />
            <Field label={t('fieldLastSeen')} value={relativeTime(contact.lastSeenAt)} />
          </dl>
          {/* The heading names the list below it (a named section would say "Tags" twice). */}
          <section>
            <h3 id="tags-title">{t('fieldTags')}</h3>
            {contact.tags.length ? (
              <ul class="tags" aria-labelledby="tags-title">
                {contact.tags.map((tag) => (
                  <li key={tag.id} class="tag">
                    {/* A token that may not read the workspace's tags gets ids only. */}
                    {tag.name || `#${tag.id}`}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('noTags')}</p>
            )}
          </section>
          <section>
            <h3>{t('fieldCustomAttributes')}</h3>
            {attributes.length ? (
              <dl class="fields">
                {attributes.map(([key, value]) => (
                  <Field key={key} label={key} value={attributeText(value)} />
                ))}
              </dl>
            ) : (
              <p class="muted">{t('noAttributes')}</p>
            )}
          </section>
          <ContactActivity contact={contact} />
          <CardPicture contact={contact} />
          <p>
            <a class="btn btn-primary" href={contact.url} target="_blank" rel="noopener noreferrer">
              {t('openInIntercom')}
            </a>
          </p>
        </>
      )}
    </article>
  );
}

/** Where the card's actions were: this person is no longer in Intercom (deleted, or merged into a user who remains). */
function GoneNotice({ contact, gone, onOpen }: { contact: ContactView; gone: Gone; onOpen: (c: ContactView) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus was on the confirmation that is now gone: it comes here, where the outcome is said.
  useEffect(() => ref.current?.focus(), []);
  const who = contact.name || contact.email || t('unnamed');
  return (
    <div class="notice" role="status" tabIndex={-1} ref={ref}>
      {gone.kind === 'deleted' ? (
        <p class="notice-title">{t('del_done', who)}</p>
      ) : (
        <>
          <p class="notice-title">{t('merge_done', [who, gone.into.name || gone.into.email || t('unnamed')])}</p>
          <p class="notice-actions">
            <button type="button" class="btn btn-primary" onClick={() => onOpen(gone.into)}>
              {t('merge_open', gone.into.name || gone.into.email || t('unnamed'))}
            </button>
          </p>
        </>
      )}
    </div>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div class="field">
      <dt>{label}</dt>
      {/* Isolated: an address, a phone number or a name in another script never scrambles a right-to-left line. */}
      <dd>{value ? <bdi>{value}</bdi> : '—'}</dd>
    </div>
  );
}
