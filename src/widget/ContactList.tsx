/** The people on the page: one list item per address, known contacts first in page order. */
import type { ContactView } from '../protocol/schemas';
import { Avatar } from './Avatar';
import { companyNames, roleLabel } from './format';
import { t } from './i18n';

export type Row = { email: string; contact: ContactView | null | undefined; creating?: boolean };

interface Props {
  rows: Row[];
  label: string;
  onOpen: (contact: ContactView) => void;
  onCreateLead: (email: string) => void;
}

export function ContactList({ rows, label, onOpen, onCreateLead }: Props) {
  return (
    <ul class="contacts" aria-label={label}>
      {rows.map((row) => (
        <li key={row.email} class="contact-row">
          {row.contact === undefined ? (
            <PendingRow email={row.email} />
          ) : row.contact === null ? (
            <UnknownRow email={row.email} creating={!!row.creating} onCreateLead={onCreateLead} />
          ) : (
            <KnownRow contact={row.contact} onOpen={onOpen} />
          )}
        </li>
      ))}
    </ul>
  );
}

function KnownRow({ contact, onOpen }: { contact: ContactView; onOpen: (c: ContactView) => void }) {
  const company = companyNames(contact);
  return (
    <button type="button" class="contact-open" onClick={() => onOpen(contact)} data-contact-id={contact.id}>
      <Avatar name={contact.name} email={contact.email} src={contact.avatar} />
      <span class="contact-text">
        <span class="contact-name">{contact.name || contact.email}</span>
        <span class="contact-meta">
          <span class={`badge badge-${contact.role}`}>{roleLabel(contact.role)}</span>
          {company && <span class="contact-company">{company}</span>}
        </span>
        {contact.name && <span class="contact-email">{contact.email}</span>}
      </span>
    </button>
  );
}

function UnknownRow({ email, creating, onCreateLead }: { email: string; creating: boolean; onCreateLead: (e: string) => void }) {
  return (
    <div class="contact-unknown">
      <Avatar name={null} email={email} src={null} />
      <span class="contact-text">
        <span class="contact-name">{email}</span>
        <span class="contact-meta muted">{t('notInIntercom')}</span>
      </span>
      <button
        type="button"
        class="btn btn-small"
        disabled={creating}
        aria-describedby={undefined}
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
