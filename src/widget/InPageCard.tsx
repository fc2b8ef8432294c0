/**
 * The contact card shown on the page itself, in an extension-origin iframe next to a highlighted address.
 * The same ContactCard as the side panel. Two things differ because a web page surrounds it:
 * - it never tells the page anything (its size is fixed; the only message it sends is "close", with no data);
 * - it takes clicks and keys only once Chrome has vouched for half a second that nothing covers or fades it
 *   (IntersectionObserver v2), so a page cannot draw a decoy over a button, or slide the card under the cursor
 *   just before a click; and a one-click write (Create lead, Close, Open, Undo) asks for a second click.
 */
import { useEffect } from 'preact/hooks';
import { CLOSE_CARD_MESSAGE } from '../protocol/events';
import { ContactCard } from './ContactCard';
import { t } from './i18n';
import { ErrorState, Notice, Skeleton } from './States';
import { useOneContact } from './useOneContact';
import { useSteadilyVisible } from './useVisibleToUser';
import { WriteButton } from './WriteButton';

export function closeCard(): void {
  // The one message the card sends its host: no data, so a page listening learns nothing.
  window.parent.postMessage(CLOSE_CARD_MESSAGE, '*');
}

export function InPageCard({ email }: { email: string }) {
  const { contact, setContact, error, creating, createLead, retry } = useOneContact(email);
  const visible = useSteadilyVisible();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Forms take their own Esc (and stop it); an Esc that reaches the window closes the card.
      if (e.key === 'Escape' && !e.defaultPrevented) closeCard();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  return (
    <main class="in-page-card">
      <h1 class="visually-hidden">{t('cardTitle')}</h1>
      {visible === false && (
        <p class="notice notice-error covered" role="alert">
          {t('cardCovered')}
        </p>
      )}
      {/* Until Chrome vouches that nothing covers the card, nothing in it can be clicked or typed into. */}
      <div inert={visible !== true} class="in-page-body">
        {error ? (
          <div class="in-page-state">
            <CloseRow />
            <ErrorState error={error} onRetry={retry} />
          </div>
        ) : contact === undefined ? (
          <div class="in-page-state">
            <CloseRow />
            <Skeleton rows={1} />
          </div>
        ) : contact === null ? (
          <div class="in-page-state">
            <CloseRow />
            <Notice title={t('notInIntercom')}>
              <p class="notice-detail">{email}</p>
              <p class="notice-actions">
                <WriteButton class="btn" disabled={creating} label={t('createLead')} onClick={() => void createLead()}>
                  {creating ? t('creating') : t('createLead')}
                </WriteButton>
              </p>
            </Notice>
          </div>
        ) : (
          <ContactCard contact={contact} onBack={closeCard} backLabel={t('closeCard')} backIcon="×" onContact={setContact} />
        )}
      </div>
    </main>
  );
}

function CloseRow() {
  return (
    <header class="card-header">
      <button type="button" class="btn btn-ghost" onClick={closeCard} aria-label={t('closeCard')}>
        ×
      </button>
      <p class="in-page-title">{t('cardTitle')}</p>
    </header>
  );
}
