/**
 * A contact's history (loaded when the card's History is opened): past notes, conversations open, closed or
 * all, data events, and tickets with their detail and state — each a page at a time with "Show more". Note
 * bodies are Intercom's HTML, shown only once DOMPurify has cleaned them. A list this token may not read says
 * so in its place.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { ConversationSummary, TicketSummary } from '../../protocol/actions';
import { errorInfo } from '../../protocol/client';
import type { ConversationFilter, EventView, NoteView, TicketDetail } from '../../protocol/picture';
import type { ContactView, ErrorInfo } from '../../protocol/schemas';
import { TicketHeading } from '../activity/ContactActivity';
import { ConversationRow } from '../activity/ConversationRow';
import { dateTimeText, relativeTime } from '../format';
import { useCall } from '../host';
import { t } from '../i18n';
import { ErrorState, Skeleton } from '../States';
import { ListFoot } from './ShowMore';
import { usePaged, type Paged } from './usePaged';

export function History({ contact }: { contact: ContactView }) {
  return (
    <div class="history">
      <Notes contactId={contact.id} />
      <Conversations contactId={contact.id} />
      <Events contactId={contact.id} />
      <Tickets contactId={contact.id} />
    </div>
  );
}

/** Heading, then the list, its empty or unavailable line, and its foot. */
function Section<T>({ title, list, empty, cannot, children, controls }: {
  title: string;
  list: Paged<T>;
  empty: string;
  cannot: string;
  children: (items: T[], labelledBy: string) => preact.ComponentChildren;
  controls?: preact.ComponentChildren;
}) {
  const id = useId();
  return (
    <section class="history-section" aria-labelledby={id}>
      <h4 id={id}>{title}</h4>
      {controls}
      {list.loading ? (
        <Skeleton rows={1} />
      ) : list.unavailable ? (
        <p class="muted">{cannot}</p>
      ) : list.items.length ? (
        children(list.items, id)
      ) : list.error ? null : (
        <p class="muted">{empty}</p>
      )}
      {!list.loading && <ListFoot list={list} label={title} />}
    </section>
  );
}

function Notes({ contactId }: { contactId: string }) {
  const call = useCall();
  const list = usePaged<NoteView>(contactId, (cursor) => call('contact/notes', { contactId, ...(cursor ? { cursor } : {}) }));
  const [clean, setClean] = useState<((html: string) => string) | null>(null);
  useEffect(() => {
    if (list.items.length && !clean) void import('../activity/sanitize').then((m) => setClean(() => m.sanitizeHtml));
  }, [list.items.length]);
  return (
    <Section title={t('historyNotes')} list={list} empty={t('historyNoNotes')} cannot={t('historyCannotNotes')}>
      {(notes, labelledBy) => (
        <ul class="history-list" aria-labelledby={labelledBy}>
          {notes.map((n) => (
            <li key={n.id} class="activity-row">
              <span class="activity-meta">
                {n.author && <bdi>{n.author}</bdi>}
                {n.createdAt !== null && <time dateTime={new Date(n.createdAt * 1000).toISOString()} title={dateTimeText(n.createdAt)}>{relativeTime(n.createdAt)}</time>}
              </span>
              {clean ? <div class="part-body" dir="auto" dangerouslySetInnerHTML={{ __html: clean(n.body) }} /> : <span class="skeleton-line" aria-hidden="true" />}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Conversations({ contactId }: { contactId: string }) {
  const call = useCall();
  const [filter, setFilter] = useState<ConversationFilter>('all');
  const selectId = useId();
  const list = usePaged<ConversationSummary>(`${contactId} ${filter}`, (cursor) =>
    call('contact/conversations', { contactId, filter, ...(cursor ? { cursor } : {}) }),
  );
  const controls = (
    <p class="history-filter">
      <label for={selectId}>{t('historyShow')}</label>{' '}
      <select id={selectId} value={filter} onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value as ConversationFilter)}>
        <option value="all">{t('historyFilterAll')}</option>
        <option value="open">{t('historyFilterOpen')}</option>
        <option value="closed">{t('historyFilterClosed')}</option>
      </select>
    </p>
  );
  return (
    <Section title={t('historyConversations')} list={list} empty={t('historyNoConversations')} cannot={t('cannotReadConversations')} controls={controls}>
      {(items, labelledBy) => (
        <ul class="conversations" aria-labelledby={labelledBy}>
          {items.map((c) => (
            <ConversationRow key={c.id} conversation={c} onChange={(next) => list.replace((x) => x.id === next.id, next)} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function Events({ contactId }: { contactId: string }) {
  const call = useCall();
  const list = usePaged<EventView>(contactId, (cursor) => call('contact/events', { contactId, ...(cursor ? { cursor } : {}) }));
  return (
    <Section title={t('historyEvents')} list={list} empty={t('historyNoEvents')} cannot={t('historyCannotEvents')}>
      {(events, labelledBy) => (
        <ul class="history-list" aria-labelledby={labelledBy}>
          {events.map((e, i) => (
            <li key={`${e.name} ${e.createdAt} ${i}`} class="activity-row">
              <span class="activity-title">
                <bdi>{e.name}</bdi>
              </span>
              <span class="activity-meta">
                {e.createdAt !== null && <time dateTime={new Date(e.createdAt * 1000).toISOString()}>{dateTimeText(e.createdAt)}</time>}
              </span>
              {e.metadata.length > 0 && (
                <dl class="fields">
                  {e.metadata.map((m) => (
                    <div class="field" key={m.key}>
                      <dt>
                        <bdi>{m.key}</bdi>
                      </dt>
                      <dd>
                        <bdi>{m.value}</bdi>
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Tickets({ contactId }: { contactId: string }) {
  const call = useCall();
  const list = usePaged<TicketSummary>(contactId, (cursor) => call('contact/tickets', { contactId, ...(cursor ? { cursor } : {}) }));
  return (
    <Section title={t('historyTickets')} list={list} empty={t('noTickets')} cannot={t('cannotReadTickets')}>
      {(tickets, labelledBy) => (
        <ul class="history-list" aria-labelledby={labelledBy}>
          {tickets.map((ticket) => (
            <TicketItem key={ticket.id} ticket={ticket} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function TicketItem({ ticket }: { ticket: TicketSummary }) {
  const call = useCall();
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const id = useId();
  const load = () => {
    setError(null);
    call('ticket/get', { id: ticket.id })
      .then(setDetail)
      .catch((e: unknown) => setError(errorInfo(e)));
  };
  const toggle = () => {
    if (!open && !detail) load();
    setOpen((o) => !o);
  };
  return (
    <li class="activity-row" aria-labelledby={`${id}-title`}>
      <TicketHeading ticket={ticket} titleId={`${id}-title`} />
      <span class="activity-actions">
        <button type="button" class="btn btn-small" aria-expanded={open} aria-controls={`${id}-detail`} aria-describedby={`${id}-title`} onClick={toggle}>
          {t('ticketDetails')}
        </button>
      </span>
      <div id={`${id}-detail`} hidden={!open}>
        {open && (error ? <ErrorState error={error} onRetry={load} /> : !detail ? <Skeleton rows={1} /> : <TicketDetailView detail={detail} />)}
      </div>
    </li>
  );
}

function TicketDetailView({ detail }: { detail: TicketDetail }) {
  const known = ['submitted', 'in_progress', 'waiting_on_customer', 'resolved'];
  const category = detail.category ? (known.includes(detail.category) ? t(`ticketState_${detail.category}`) : detail.category) : null;
  return (
    <dl class="fields ticket-detail">
      <div class="field">
        <dt>{t('ticketStateLabel')}</dt>
        <dd>
          {category ?? '—'}
          {detail.state && detail.state !== detail.category && detail.state.toLowerCase() !== category?.toLowerCase() && (
            <>
              {' '}(<bdi>{detail.state}</bdi>)
            </>
          )}
        </dd>
      </div>
      {detail.typeName && (
        <div class="field">
          <dt>{t('ticketTypeLabel')}</dt>
          <dd>
            <bdi>{detail.typeName}</bdi>
          </dd>
        </div>
      )}
      {detail.createdAt !== null && (
        <div class="field">
          <dt>{t('ticketCreated')}</dt>
          <dd>{dateTimeText(detail.createdAt)}</dd>
        </div>
      )}
      {detail.updatedAt !== null && (
        <div class="field">
          <dt>{t('ticketUpdated')}</dt>
          <dd>{relativeTime(detail.updatedAt)}</dd>
        </div>
      )}
      {detail.description && (
        <div class="field">
          <dt>{t('ticketDescription')}</dt>
          <dd dir="auto">{detail.description}</dd>
        </div>
      )}
      {detail.attributes.map((a) => (
        <div class="field" key={a.name}>
          <dt>
            <bdi>{a.name}</bdi>
          </dt>
          <dd>
            <bdi>{a.value}</bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}
