/**
 * A contact's open conversations (newest first) and tickets. Each conversation is a ConversationRow with its
 * quick actions. A section this token may not read says so on its own; the rest of the card works.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ContactActivity as Activity, ConversationSummary, TicketSummary } from '../../protocol/actions';
import { errorInfo } from '../../protocol/client';
import type { ContactView, ErrorInfo } from '../../protocol/schemas';
import { useCall, useHost } from '../host';
import { t } from '../i18n';
import { ErrorState, Skeleton } from '../States';
import { ConversationRow } from './ConversationRow';


export function ContactActivity({ contact }: { contact: ContactView }) {
  const call = useCall();
  const [activity, setActivity] = useState<Activity | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    setActivity(null);
    setError(null);
    call('contact/activity', { contactId: contact.id })
      .then((a) => live && setActivity(a))
      .catch((e: unknown) => live && setError(errorInfo(e)));
    return () => {
      live = false;
    };
  }, [contact.id, nonce]);

  const replace = (c: ConversationSummary) =>
    setActivity((prev) => prev && { ...prev, conversations: prev.conversations.map((x) => (x.id === c.id ? c : x)) });

  const conversations = [...(activity?.conversations ?? [])].sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
  // A named section is a landmark, and a page may embed several cards: there each is named after its person too.
  const { kind } = useHost();
  const landmark = (heading: string) => (kind === 'embed' ? `${heading} card-title` : heading);
  return (
    <>
      <section class="activity" aria-labelledby={landmark('conversations-title')}>
        <h3 id="conversations-title">{t('conversationsTitle')}</h3>
        {error ? (
          <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
        ) : !activity ? (
          <Skeleton rows={1} />
        ) : activity.unavailable?.includes('conversations') ? (
          <p class="muted">{t('cannotReadConversations')}</p>
        ) : conversations.length ? (
          <ul class="conversations" aria-labelledby="conversations-title">
            {conversations.map((c) => (
              <ConversationRow key={c.id} conversation={c} onChange={replace} />
            ))}
          </ul>
        ) : (
          <p class="muted">{t('noConversations')}</p>
        )}
      </section>
      {activity && (
        <section class="activity" aria-labelledby={landmark('tickets-title')}>
          <h3 id="tickets-title">{t('ticketsTitle')}</h3>
          {activity.unavailable?.includes('tickets') ? (
            <p class="muted">{t('cannotReadTickets')}</p>
          ) : activity.tickets.length ? (
            <ul class="tickets" aria-labelledby="tickets-title">
              {activity.tickets.map((ticket) => (
                <TicketRow key={ticket.id} ticket={ticket} />
              ))}
            </ul>
          ) : (
            <p class="muted">{t('noTickets')}</p>
          )}
        </section>
      )}
    </>
  );
}

function TicketRow({ ticket }: { ticket: TicketSummary }) {
  return (
    <li class="activity-row">
      <TicketHeading ticket={ticket} />
    </li>
  );
}

/** A ticket's title (a link into Intercom), type and state: the card's rows and History's (`titleId` names the link). */
export function TicketHeading({ ticket, titleId }: { ticket: TicketSummary; titleId?: string }) {
  return (
    <>
      <a id={titleId} href={ticket.url} target="_blank" rel="noopener noreferrer" class="activity-title" dir="auto">
        {ticket.title || (ticket.ticketId ? t('ticketNumber', ticket.ticketId) : t('ticketUntitled'))}
      </a>
      <span class="activity-meta">
        {ticket.typeName && <span>{ticket.typeName}</span>}
        {ticket.state && <span class="badge badge-state">{ticket.state}</span>}
      </span>
    </>
  );
}
