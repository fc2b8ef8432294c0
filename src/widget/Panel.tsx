/** The side panel: the people on the bound tab, a search box, and a contact's card. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { call } from '../protocol/client';
import type { ContactView, ErrorInfo, SettingsView } from '../protocol/schemas';
import { ContactCard } from './ContactCard';
import { ContactList, type Row } from './ContactList';
import { t } from './i18n';
import { SearchBox } from './SearchBox';
import { SiteToggle } from './SiteToggle';
import { ErrorState, Notice, Skeleton } from './States';
import { useContacts } from './useContacts';
import { useBoundTab, useScan } from './useTab';

export function Panel({ fixedTabId }: { fixedTabId: number | null }) {
  const tabId = useBoundTab(fixedTabId);
  const { scan, error: scanError, rescan } = useScan(tabId);
  const emails = useMemo(() => (scan?.status === 'ok' ? scan.emails : null), [scan]);
  const people = useContacts(emails);
  const [open, setOpen] = useState<ContactView | null>(null);
  const [searched, setSearched] = useState<string | null>(null);
  const [settings, setSettings] = useState<SettingsView | null>(null);

  useEffect(() => {
    call('settings/get', {}).then(setSettings).catch(() => undefined);
  }, []);
  useEffect(() => setOpen(null), [tabId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && open) setOpen(null);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [open]);

  if (open) return <ContactCard contact={people.known[open.email ?? ''] ?? open} onBack={() => setOpen(null)} />;

  const rows: Row[] = (emails ?? []).map((email) => ({ email, contact: people.known[email], creating: people.creating.has(email) }));
  const popOut = () => {
    if (tabId === null) return;
    const url = chrome.runtime.getURL(`src/sidepanel/index.html?tab=${tabId}`);
    void chrome.windows.create({ url, type: 'popup', width: 420, height: 720 });
  };

  return (
    <main class="panel">
      <header class="panel-header">
        <h1>{t('panelTitle')}</h1>
        {fixedTabId === null && tabId !== null && (
          <button type="button" class="btn btn-ghost" onClick={popOut} title={t('popOutHint')}>
            {t('popOut')}
          </button>
        )}
      </header>
      <SearchBox lookupOne={people.lookupOne} onResult={setSearched} />
      {searched && (
        <section aria-label={t('searchResult')}>
          <ContactList
            label={t('searchResult')}
            rows={[{ email: searched, contact: people.known[searched], creating: people.creating.has(searched) }]}
            onOpen={setOpen}
            onCreateLead={people.createLead}
          />
        </section>
      )}
      {people.actionError && <ErrorState error={people.actionError} />}
      <section class="page-section" aria-label={t('onThisPage')}>
        <PageBody
          scanStatus={scan?.status ?? null}
          scanError={scanError}
          lookupError={people.error}
          rows={rows}
          total={scan?.status === 'ok' ? scan.total : 0}
          onRetry={() => (scanError ? rescan() : people.retry())}
          onOpen={setOpen}
          onCreateLead={people.createLead}
        />
      </section>
      {scan?.status === 'ok' && settings && (
        <SiteToggle origin={scan.origin} settings={settings} onChange={setSettings} onEnabled={rescan} />
      )}
    </main>
  );
}

interface BodyProps {
  scanStatus: string | null;
  scanError: ErrorInfo | null;
  lookupError: ErrorInfo | null;
  rows: Row[];
  total: number;
  onRetry: () => void;
  onOpen: (c: ContactView) => void;
  onCreateLead: (email: string) => void;
}

function PageBody({ scanStatus, scanError, lookupError, rows, total, onRetry, onOpen, onCreateLead }: BodyProps) {
  if (scanError) return <ErrorState error={scanError} onRetry={onRetry} />;
  if (scanStatus === null || scanStatus === 'pending') return <Skeleton />;
  if (scanStatus === 'unscannable') return <Notice title={t('unscannableTitle')}>{<p>{t('unscannableBody')}</p>}</Notice>;
  if (scanStatus === 'no_access') return <Notice title={t('noAccessTitle')}>{<p>{t('noAccessBody')}</p>}</Notice>;
  if (!rows.length) return <Notice title={t('emptyTitle')}>{<p>{t('emptyBody')}</p>}</Notice>;
  if (lookupError) return <ErrorState error={lookupError} onRetry={onRetry} />;
  return (
    <>
      <p class="count" aria-live="polite">
        {total > rows.length ? t('countCapped', [String(rows.length), String(total)]) : t('count', String(rows.length))}
      </p>
      <ContactList label={t('onThisPage')} rows={rows} onOpen={onOpen} onCreateLead={onCreateLead} />
    </>
  );
}
