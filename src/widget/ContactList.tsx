/** The people on the page: one list item per address, in page order, whether Intercom knows them or not. */
import { useId } from 'preact/hooks';
import type { ContactView } from '../protocol/schemas';
import { Avatar } from './Avatar';
import { companyNames, roleLabel } from './format';
import { t } from './i18n';

/**
 * `contact`: the contact, null when Intercom has none, undefined while unanswered. `unresolved`: unanswered and
 * no longer being asked (the lookup failed), so the row says so instead of "Looking up…".
 */
export type Row = {
  email: string;
  contact: ContactView | null | undefined;
  creating?: boolean;
  unresolved?: boolean;
  /** The name the page shows beside the address (plain text): a new lead gets it. */
  name?: string;
};

interface Props {
  rows: Row[];
  label: string;
  /** The list's id: the panel finds a row's button again by it when focus comes back from a card. */
  id?: string;
  onOpen: (contact: ContactView, email: string) => void;
  onCreateLead: (email: string) => void;
}

export function ContactList({ rows, label, id, onOpen, onCreateLead }: Props) {
  return (
    <ul class="contacts" id={id} aria-label={label}>
      {rows.map((row) => (
        <li key={row.email} class="contact-row">
          {row.contact === undefined ? (
            row.unresolved ? <UnresolvedRow email={row.email} /> : <PendingRow email={row.email} />
          ) : row.contact === null ? (
            <UnknownRow email={row.email} creating={!!row.creating} onCreateLead={onCreateLead} />
          ) : (
            <KnownRow email={row.email} contact={row.contact} onOpen={onOpen} />
          )}
        </li>
      ))}
    </ul>
  );
}

function KnownRow({ email, contact, onOpen }: { email: string; contact: ContactView; onOpen: (c: ContactView, email: string) => void }) {
  const company = companyNames(contact);
  return (
    <button type="button" class="contact-open" onClick={() => onOpen(contact, email)} data-contact-id={contact.id} data-email={email}>
      <Avatar name={contact.name} email={contact.email} src={contact.avatar} />
      <span class="contact-text">
        {/* Names, addresses and companies come in any script: each isolated, so none scrambles its line. */}
        <span class="contact-name">
          <bdi>{contact.name || contact.email}</bdi>
        </span>
        <span class="contact-meta">
          <span class={`badge badge-${contact.role}`}>{roleLabel(contact.role)}</span>
          {company && (
            <span class="contact-company">
              <bdi>{company}</bdi>
            </span>
          )}
        </span>
        {contact.name && (
          <span class="contact-email">
            <bdi>{contact.email}</bdi>
          </span>
        )}
      </span>
    </button>
  );
}

function UnknownRow({ email, creating, onCreateLead }: { email: string; creating: boolean; onCreateLead: (e: string) => void }) {
  // The button's name stays "Create lead"; its description is the address, so a screen reader says which one.
  const emailId = useId();
  return (
    <div class="contact-unknown">
      <Avatar name={null} email={email} src={null} />
      <span class="contact-text">
        <span class="contact-name" id={emailId}>
          <bdi>{email}</bdi>
        </span>
        <span class="contact-meta muted">{t('notInIntercom')}</span>
      </span>
      <button
        type="button"
        class="btn btn-small"
        disabled={creating}
        aria-busy={creating || undefined}
        aria-describedby={emailId}
        aria-label={t('createLead')}
        title={t('createLeadFor', email)}
        onClick={() => onCreateLead(email)}
      >
        {creating ? t('creating') : t('createLead')}
      </button>
    </div>
  );
}

function PendingRow({ email }: { email: string }) {
  return (
    <div class="contact-pending" aria-busy="true">
      <span class="skeleton-avatar" aria-hidden="true" />
      <span class="contact-text">
        <span class="contact-name">{email}</span>
        <span class="contact-meta muted">{t('lookingUp')}</span>
      </span>
    </div>
  );
}

function UnresolvedRow({ email }: { email: string }) {
  return (
    <div class="contact-unresolved">
      <span class="avatar-placeholder" aria-hidden="true" />
      <span class="contact-text">
        <span class="contact-name">{email}</span>
        <span class="contact-meta muted">{t('notLookedUp')}</span>
      </span>
    </div>
  );
}
