/** A person named in a confirmation: name, address and role, each isolated (any script, any direction). */
import type { ContactView } from '../../protocol/schemas';
import { roleLabel } from '../format';
import { t } from '../i18n';

export function Who({ contact, id }: { contact: ContactView; id?: string }) {
  return (
    <span class="who" id={id}>
      <strong>
        <bdi>{contact.name || t('unnamed')}</bdi>
      </strong>{' '}
      {contact.email && (
        <span class="muted">
          <bdi>{contact.email}</bdi>
        </span>
      )}{' '}
      <span class={`badge badge-${contact.role}`}>{roleLabel(contact.role)}</span>
    </span>
  );
}
