/** The side panel: the people on the bound tab, a search box, and a contact's card. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import type { MenuRequest } from '../protocol/menu';
import type { ContactView, ErrorInfo, NamedRef, SettingsView } from '../protocol/schemas';
import { BulkBar } from './bulk/BulkBar';
import { ExportMenu } from './export/ExportMenu';
import { ContactCard } from './ContactCard';
import { HelpOverlay } from './HelpOverlay';
import { moveInLists, usePanelKeys, type QuickKey } from './keys';
import { OutboxPanel } from './outbox/OutboxPanel';
import { ContactList, type Row } from './ContactList';
import { num, t, tn } from './i18n';
import { SearchBox } from './SearchBox';
import { SiteToggle } from './SiteToggle';
import { CompanyScreen, SiteSection } from './picture/Picture';
import { WorkspaceSwitch } from './WorkspaceSwitch';
import { ErrorState, Notice, Skeleton } from './States';
import { useContacts } from './useContacts';
import { useFirstCard } from './useFirstCard';
import { useMenuRequest } from './useMenuRequest';
import { useBoundTab, useScan } from './useTab';
import { useCall } from './host';

const PAGE_LIST = 'page-contacts';
const SEARCH_LIST = 'search-contacts';
const SITE_LIST = 'site-contacts';

export function Panel({ fixedTabId }: { fixedTabId: number | null }) {
  const call = useCall();
  const tabId = useBoundTab(fixedTabId);
  const { scan, error: scanError, rescan } = useScan(tabId);
  const emails = useMemo(() => (scan?.status === 'ok' ? scan.emails : null), [scan]);
  /** Names the page shows beside its addresses: Create lead sends them along. */
  const pageNames = scan?.status === 'ok' ? (scan.names ?? {}) : {};
  const createLead = (email: string) => people.createLead(email, pageNames[email]);
  const people = useContacts(emails, scan?.status === 'ok' ? scan.origin : undefined);
  const [open, setOpen] = useState<ContactView | null>(null);
  /** A company opened from People at this site (a contact's card opens its companies itself). */
  const [openCompany, setOpenCompany] = useState<NamedRef | null>(null);
  /** People at this site stays open (and as read) while a card or company opened from it is shown. */
  const [siteOpen, setSiteOpen] = useState(false);
  /** The addresses of the "Search result" list: from the Search box, or from the right-click menu. */
  const [searched, setSearched] = useState<string[] | null>(null);
  /** A menu search by name that found no one. */
  const [noneNamed, setNoneNamed] = useState<string | null>(null);
  const [menuError, setMenuError] = useState<ErrorInfo | null>(null);
  /**
   * "Create lead" from the right-click menu acts on the link's target, which may not be the text the link
   * shows: the address is named here and nothing is created until the user confirms it.
   */
  const [leadToConfirm, setLeadToConfirm] = useState<string | null>(null);
  /** The card opens this action's form (the menu's "Tag in Intercom…", a shortcut key); each nonce asks again. */
  const [cardAction, setCardAction] = useState<{ kind: QuickKey; nonce: number } | null>(null);
  const actionNonce = useRef(0);
  const [help, setHelp] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  /** "/" on a card: back to the list, then to the search box. */
  const [searchNext, setSearchNext] = useState(false);
  const [settings, setSettings] = useState<SettingsView | null>(null);
  /** The button a card (a person's, or a company's from People at this site) was opened from: focus goes back to it when the card closes. */
  const openedFrom = useRef<(() => HTMLElement | undefined) | null>(null);

  useEffect(() => {
    call('settings/get', {}).then(setSettings).catch(() => undefined);
  }, []);
  useEffect(() => {
    openedFrom.current = null;
    setOpen(null);
    setOpenCompany(null);
    // Another tab is another site: nothing is asked about it until the user opens the section there.
    setSiteOpen(false);
  }, [tabId]);
  useEffect(() => {
    const from = openedFrom.current;
    if (open || openCompany || !from) return;
    openedFrom.current = null;
    // Stops watching when another card opens, or the panel closes.
    return focusWhenShown(from);
  }, [open, openCompany]);
  useEffect(() => {
    if (!searchNext || open) return;
    setSearchNext(false);
    search.current?.focus();
  }, [searchNext, open]);

  const openAction = (kind: QuickKey): boolean => {
    const nonce = ++actionNonce.current;
    if (open) {
      setCardAction({ kind, nonce });
      return true;
    }
    // On the list: the focused (selected) person's card, opened on that form.
    const row = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('ul.contacts button[data-email]') : null;
    const email = row?.dataset.email;
    const contact = email ? people.known[email] : null;
    if (!email || !contact) return false;
    openedFrom.current = rowIn(row.closest('ul')?.id ?? PAGE_LIST, email);
    setCardAction({ kind, nonce });
    setOpen(contact);
    return true;
  };
  usePanelKeys(
    {
      next: () => !open && moveInLists(document, 1),
      prev: () => !open && moveInLists(document, -1),
      back: () => {
        if (!open && openCompany) {
          setOpenCompany(null);
          return true;
        }
        if (!open) return false;
        setCardAction(null);
        setOpen(null);
        return true;
      },
      leave: () => {
        (document.activeElement as HTMLElement | null)?.blur();
        return true;
      },
      tag: () => openAction('tag'),
      message: () => openAction('message'),
      ticket: () => openAction('ticket'),
      note: () => openAction('note'),
      search: () => {
        if (!open) {
          search.current?.focus();
          return !!search.current;
        }
        openedFrom.current = null;
        setCardAction(null);
        setOpen(null);
        setSearchNext(true);
        return true;
      },
      help: () => {
        setHelp(true);
        return true;
      },
    },
    !help,
  );

  const firstCard = useFirstCard(scan, people.known, people.error, (contact, email) => {
    openedFrom.current = rowIn(PAGE_LIST, email);
    setOpen(contact);
  });

  useMenuRequest((request) => void runMenuRequest(request));
  const showSearch = (list: string[] | null) => {
    setNoneNamed(null);
    setMenuError(null);
    setLeadToConfirm(null);
    setSearched(list);
  };
  const runMenuRequest = async (request: MenuRequest) => {
    setOpen(null);
    setCardAction(null);
    showSearch(null);
    firstCard.want(request.kind === 'first-card');
    // The worker has scanned the tab already; its answer reaches the list by itself.
    if (request.kind === 'scan' || request.kind === 'first-card') return;
    try {
      if (request.kind === 'name-search') {
        const { contacts } = await call('contacts/search-name', { query: request.query! });
        const withEmail = contacts.filter((c): c is ContactView & { email: string } => !!c.email);
        people.setKnown((prev) => ({ ...prev, ...Object.fromEntries(withEmail.map((c) => [c.email, c])) }));
        setSearched(withEmail.length ? [...new Set(withEmail.map((c) => c.email))] : null);
        if (!withEmail.length) setNoneNamed(request.query!);
        return;
      }
      const emails = request.kind === 'lookup' ? request.emails! : request.emails!.slice(0, 1);
      const found = await people.lookupMany(emails);
      const email = emails[0]!;
      if (request.kind === 'create-lead' && !found[email]) setLeadToConfirm(email);
      if (request.kind === 'tag' && found[email]) {
        setCardAction({ kind: 'tag', nonce: ++actionNonce.current });
        setOpen(found[email]);
        return;
      }
      setSearched(emails);
    } catch (e) {
      setMenuError(errorInfo(e));
    }
  };

  const openFrom = (list: string) => (contact: ContactView, email: string) => {
    openedFrom.current = rowIn(list, email);
    setOpen(contact);
  };
  const rows: Row[] = (emails ?? []).map((email) => ({
    email,
    contact: people.known[email],
    creating: people.creating.has(email),
    unresolved: people.error !== null,
    name: pageNames[email],
  }));
  const popOut = () => {
    if (tabId === null) return;
    const url = chrome.runtime.getURL(`src/sidepanel/index.html?tab=${tabId}`);
    void chrome.windows.create({ url, type: 'popup', width: 420, height: 720 });
  };

  return (
    <>
      <main class="panel" inert={help}>
        <header class="panel-header">
          <h1>{t('panelTitle')}</h1>
          <span class="panel-tools">
            <button type="button" class="btn btn-ghost" onClick={() => setHelp(true)} aria-keyshortcuts="?" aria-haspopup="dialog">
              {t('helpOpen')}
            </button>
            {fixedTabId === null && tabId !== null && (
              <button type="button" class="btn btn-ghost" onClick={popOut} title={t('popOutHint')}>
                {t('popOut')}
              </button>
            )}
          </span>
        </header>
        {settings && <WorkspaceSwitch settings={settings} onChange={setSettings} />}
        {openCompany && !open ? (
          <CompanyScreen
            company={openCompany}
            onBack={() => setOpenCompany(null)}
            onOpenContact={(c) => setOpen(c)}
          />
        ) : open ? (
          <ContactCard
            key={open.id}
            contact={people.known[open.email ?? ''] ?? open}
            action={cardAction}
            onBack={() => {
              setCardAction(null);
              setOpen(null);
            }}
            onContact={(c) => {
              if (c.email) people.setKnown((prev) => ({ ...prev, [c.email!]: c }));
              setOpen(c);
            }}
            onOpenContact={(c) => setOpen(c)}
            onGone={(c, g) => {
              // The list shows the address as Intercom now answers it: no one (deleted), or the user who remains.
              const into = g.kind === 'merged' ? g.into : null;
              people.setKnown((prev) => ({
                ...prev,
                ...(c.email ? { [c.email]: into && into.email === c.email ? into : null } : {}),
                ...(into?.email ? { [into.email]: into } : {}),
              }));
            }}
          />
        ) : (
          <>
            <SearchBox inputRef={search} lookupOne={people.lookupOne} onResult={(email) => showSearch(email ? [email] : null)} />
            {menuError && <ErrorState error={menuError} />}
            {firstCard.none && (
              <p class="muted" role="status">
                {t('firstCardNone')}
              </p>
            )}
            {noneNamed && (
              <p class="muted" role="status">
                {t('nameSearchEmpty', noneNamed)}
              </p>
            )}
            {leadToConfirm && (
              <Notice title={t('menuLeadConfirmTitle', leadToConfirm)}>
                <p class="notice-detail">{t('menuLeadConfirmBody')}</p>
                <p class="notice-actions">
                  <button
                    type="button"
                    class="btn btn-primary"
                    onClick={() => {
                      const email = leadToConfirm;
                      setLeadToConfirm(null);
                      void createLead(email);
                    }}
                  >
                    {t('createLead')}
                  </button>{' '}
                  <button type="button" class="btn" onClick={() => setLeadToConfirm(null)}>
                    {t('cancel')}
                  </button>
                </p>
              </Notice>
            )}
            {/* The lists carry the names ("Search result", "People on this page"); their wrappers stay unnamed. */}
            {searched && (
              <div class="search-result">
                <ContactList
                  id={SEARCH_LIST}
                  label={t('searchResult')}
                  rows={searched.map((email) => ({ email, contact: people.known[email], creating: people.creating.has(email) }))}
                  onOpen={openFrom(SEARCH_LIST)}
                  onCreateLead={createLead}
                />
              </div>
            )}
            {people.actionError && <ErrorState error={people.actionError} />}
            <div class="page-section">
              <PageBody
                scanStatus={scan?.status ?? null}
                scanError={scanError}
                lookupError={people.error}
                rows={rows}
                total={scan?.status === 'ok' ? scan.total : 0}
                onRetry={() => (scanError ? rescan() : people.retry())}
                onOpen={openFrom(PAGE_LIST)}
                onCreateLead={createLead}
              />
            </div>
            {rows.length > 0 && <ExportMenu rows={rows} origin={scan?.status === 'ok' ? scan.origin : undefined} />}
            {rows.length > 0 && (
              <BulkBar rows={rows} onContacts={(updates) => people.setKnown((prev) => ({ ...prev, ...updates }))} />
            )}
            {scan?.status === 'ok' && hostOf(scan.origin) && (
              <SiteSection
                host={hostOf(scan.origin)!}
                onOpen={openFrom(SITE_LIST)}
                onContacts={(updates) => people.setKnown((prev) => ({ ...prev, ...updates }))}
                onOpenCompany={(co) => {
                  openedFrom.current = buttonOf('.site-companies button', 'companyId', co.id);
                  setOpenCompany(co);
                }}
                open={siteOpen}
                onToggle={setSiteOpen}
              />
            )}
            <OutboxPanel settings={settings} />
            {scan?.status === 'ok' && settings && (
              <SiteToggle origin={scan.origin} settings={settings} onChange={setSettings} onEnabled={rescan} />
            )}
          </>
        )}
      </main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </>
  );
}

interface BodyProps {
  scanStatus: string | null;
  scanError: ErrorInfo | null;
  lookupError: ErrorInfo | null;
  rows: Row[];
  total: number;
  onRetry: () => void;
  onOpen: (c: ContactView, email: string) => void;
  onCreateLead: (email: string) => void;
}

function PageBody({ scanStatus, scanError, lookupError, rows, total, onRetry, onOpen, onCreateLead }: BodyProps) {
  if (scanError) return <ErrorState error={scanError} onRetry={onRetry} />;
  if (scanStatus === null || scanStatus === 'pending') return <Skeleton />;
  if (scanStatus === 'unscannable') return <Notice title={t('unscannableTitle')}>{<p>{t('unscannableBody')}</p>}</Notice>;
  if (scanStatus === 'no_access') return <Notice title={t('noAccessTitle')}>{<p>{t('noAccessBody')}</p>}</Notice>;
  if (!rows.length) return <Notice title={t('emptyTitle')}>{<p>{t('emptyBody')}</p>}</Notice>;
  return (
    <>
      {/* A failed lookup is explained above the addresses, which stay listed (as "Not looked up"). */}
      {lookupError && <ErrorState error={lookupError} onRetry={onRetry} />}
      <p class="count" aria-live="polite">
        {total > rows.length ? t('countCapped', [num(rows.length), num(total)]) : tn('count', rows.length)}
      </p>
      <ContactList id={PAGE_LIST} label={t('onThisPage')} rows={rows} onOpen={onOpen} onCreateLead={onCreateLead} />
      {total > rows.length && <p class="list-more muted">{tn('andMore', total - rows.length)}</p>}
    </>
  );
}

/** The button among `selector`'s whose data-`key` is `value`, looked for when asked. */
const buttonOf = (selector: string, key: string, value: string) => () => [...document.querySelectorAll<HTMLElement>(selector)].find((b) => b.dataset[key] === value);
const rowIn = (list: string, email: string) => buttonOf(`#${list} button[data-email]`, 'email', email);

/**
 * Focus goes back to what `find` answers: at once, or when it appears (People at this site is loaded with
 * import() and renders a moment after Back), unless the user has put focus somewhere meanwhile.
 */
function focusWhenShown(find: () => HTMLElement | undefined): () => void {
  const body = document.body;
  // Watches until focus is somewhere (there, or where the user put it), or the caller stops it.
  const tryNow = () => {
    if (document.activeElement === body) find()?.focus();
    if (document.activeElement !== body) watch.disconnect();
  };
  const watch = new MutationObserver(tryNow);
  watch.observe(body, { childList: true, subtree: true });
  tryNow();
  return () => watch.disconnect();
}

/** The host name of a page's origin (none for pages without one, such as files). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).hostname || null;
  } catch {
    return null;
  }
}
