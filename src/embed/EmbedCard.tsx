/**
 * What `<sidekick-contact>` shows for one address: the side panel's own ContactCard, "Not in Intercom" (with
 * Create lead when this viewer may write), or the failure as a sentence with Try again. The calls go through
 * whatever the host context holds (the element gives it the endpoint's HTTP transport).
 */
import { ContactCard } from '../widget/ContactCard';
import { useHost } from '../widget/host';
import { t, tn } from '../widget/i18n';
import { ErrorState, Notice, Skeleton } from '../widget/States';
import { useOneContact } from '../widget/useOneContact';

export interface EmbedCardProps {
  /** The canonical address, or null when the element's `email` is missing or not an address. */
  email: string | null;
  /** Set when the element cannot call anything (no usable endpoint): shown instead of a lookup. */
  problem?: 'no_endpoint' | null;
  /** Seconds Intercom asked to wait before a read is tried again; null when nothing is waiting. */
  waiting: number | null;
}

export function EmbedCard({ email, problem, waiting }: EmbedCardProps) {
  const { canWrite } = useHost();
  const { contact, setContact, error, creating, createLead, retry } = useOneContact(email && !problem ? email : null);

  if (problem === 'no_endpoint') return <Sentence text={t('err_embed_no_endpoint')} />;
  if (!email) return <Sentence text={t('err_embed_no_email')} />;
  return (
    <>
      {/* Always in the tree, so a screen reader announces the line when it appears. */}
      <p class="embed-waiting" role="status">
        {waiting !== null ? tn('embedWaiting', waiting) : ''}
      </p>
      {error ? (
        <ErrorState error={error} onRetry={retry} />
      ) : contact === undefined ? (
        <Skeleton rows={1} />
      ) : contact === null ? (
        <Notice title={t('notInIntercom')}>
          <p class="notice-detail">{email}</p>
          {canWrite && (
            <p class="notice-actions">
              <button type="button" class="btn" disabled={creating} onClick={() => void createLead()}>
                {creating ? t('creating') : t('createLead')}
              </button>
            </p>
          )}
        </Notice>
      ) : (
        <ContactCard contact={contact} onContact={setContact} />
      )}
    </>
  );
}

/** A set-up problem of the page itself: nothing to try again until the page changes the element. */
function Sentence({ text }: { text: string }) {
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{text}</p>
    </div>
  );
}
