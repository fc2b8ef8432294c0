/**
 * Which addresses each tab shows. The scanner is injected on demand (activeTab + scripting) or registered
 * for sites the user chose to scan automatically; it reports back through `emails/found`. States live in
 * storage.session (trusted contexts only) so a restarted worker still knows them.
 */
import scannerFile from '../content/entry.ts?script&iife';
import inPageFile from '../content/in-page-entry.ts?script&iife';
import { emit, HIGHLIGHT_EVENT, TAB_EMAILS_EVENT, type HighlightEvent } from '../protocol/events';
import { ALL_SITES, type ScanState } from '../protocol/schemas';

const REPORT_WAIT_MS = 4000;
/** A tab's reports are stored at most this often; the latest one in between is written when the time is up. */
export const REPORT_INTERVAL_MS = 500;
/**
 * What one tab may keep in storage.session (its 10 MB quota is shared by every tab): a full list of 1,000
 * ordinary addresses with their names fits; past it names go first, then the list is shortened (the page's real
 * total is kept), so it takes sixty hostile tabs, not a dozen, to fill the quota.
 */
export const MAX_STORED_BYTES = 160 * 1024;
const AUTO_SCAN_ID = 'sidekick-auto-scan';
const key = (tabId: number) => `scan:${tabId}`;

const UNSCANNABLE = [/^chrome:/, /^chrome-extension:/, /^edge:/, /^about:/, /^devtools:/, /^view-source:/, /^https:\/\/chromewebstore\.google\.com\//, /^https:\/\/chrome\.google\.com\/webstore/];
/** Chrome's own words when a page may never be scripted, as opposed to "no permission yet". */
const FORBIDDEN_MESSAGE = /cannot be scripted|chrome:\/\/|chrome-extension:\/\/|extensions gallery|Cannot access a chrome|devtools|about:|Web Store/i;

/** The report as stored: within MAX_STORED_BYTES, names dropped first, then addresses from the end. */
export function capReport(state: Extract<ScanState, { status: 'ok' }>, max = MAX_STORED_BYTES): Extract<ScanState, { status: 'ok' }> {
  // As Chrome counts the quota: the bytes of the JSON.
  const encoder = new TextEncoder();
  const size = (x: unknown) => encoder.encode(JSON.stringify(x)).length;
  if (size(state) <= max) return state;
  const bare = { ...state, names: {} };
  if (size(bare) <= max) return bare;
  let { emails } = bare;
  // Each address costs its bytes and three of JSON (quotes, comma).
  const budget = max - size({ ...bare, emails: [] });
  let used = 0;
  let n = 0;
  for (; n < emails.length; n++) {
    const cost = encoder.encode(emails[n]!).length + 3;
    if (used + cost > budget) break;
    used += cost;
  }
  emails = emails.slice(0, n);
  return { ...bare, emails };
}

export class TabScans {
  readonly #waiters = new Map<number, Array<(s: ScanState) => void>>();
  /** Per tab: when its last report was stored, and the newest report waiting for its turn. */
  readonly #throttle = new Map<number, { at: number; next: ScanState | null; timer: ReturnType<typeof setTimeout> | null }>();

  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async get(tabId: number): Promise<ScanState | null> {
    const got = await chrome.storage.session.get(key(tabId));
    return (got[key(tabId)] as ScanState | undefined) ?? null;
  }

  /** Injects the scanner into the tab's top frame and waits for its first report. */
  async scan(tabId: number): Promise<ScanState> {
    let url: string | undefined;
    try {
      url = (await chrome.tabs.get(tabId)).url;
    } catch {
      return this.#set(tabId, { status: 'unscannable' });
    }
    if (url && UNSCANNABLE.some((re) => re.test(url))) return this.#set(tabId, { status: 'unscannable' });
    const report = new Promise<ScanState>((resolve) => {
      const list = this.#waiters.get(tabId) ?? [];
      list.push(resolve);
      this.#waiters.set(tabId, list);
    });
    try {
      await chrome.scripting.executeScript({ target: { tabId }, files: [scannerFile] });
    } catch (err) {
      this.#waiters.delete(tabId);
      const message = err instanceof Error ? err.message : String(err);
      return this.#set(tabId, { status: FORBIDDEN_MESSAGE.test(message) ? 'unscannable' : 'no_access' });
    }
    const timeout = new Promise<ScanState>((resolve) => setTimeout(() => resolve({ status: 'pending' }), REPORT_WAIT_MS));
    return Promise.race([report, timeout]);
  }

  /** A report from the scanner in a tab's top frame. */
  async report(tabId: number, origin: string, emails: string[], total: number, names: Record<string, string> = {}): Promise<void> {
    // Only names of listed addresses are kept: the rest could only be noise from the page.
    const listed = new Set(emails);
    const kept = Object.fromEntries(Object.entries(names).filter(([email]) => listed.has(email)));
    const state = capReport({ status: 'ok', origin, emails, total: Math.max(total, emails.length), names: kept });
    // A page can report as often as it likes; it is stored (and told to the panels) at most every REPORT_INTERVAL_MS.
    const slot = this.#throttle.get(tabId);
    const wait = slot ? slot.at + REPORT_INTERVAL_MS - this.#now() : 0;
    if (slot && wait > 0) {
      slot.next = state;
      slot.timer ??= setTimeout(() => {
        slot.timer = null;
        const next = slot.next;
        slot.next = null;
        if (next && next.status === 'ok') void this.#store(tabId, next);
      }, wait);
      return;
    }
    await this.#store(tabId, state);
  }

  async #store(tabId: number, state: ScanState): Promise<void> {
    const slot = this.#throttle.get(tabId);
    if (slot) slot.at = this.#now();
    else this.#throttle.set(tabId, { at: this.#now(), next: null, timer: null });
    await this.#set(tabId, state);
    for (const resolve of this.#waiters.get(tabId) ?? []) resolve(state);
    this.#waiters.delete(tabId);
  }

  /** The tab is loading another page: what was found on the last one no longer applies. */
  async navigated(tabId: number): Promise<void> {
    this.#dropPending(tabId);
    await this.#set(tabId, { status: 'pending' });
  }

  async forget(tabId: number): Promise<void> {
    this.#dropPending(tabId);
    this.#throttle.delete(tabId);
    await chrome.storage.session.remove(key(tabId));
  }

  /** A report still waiting for its turn belongs to the page that is gone. */
  #dropPending(tabId: number): void {
    const slot = this.#throttle.get(tabId);
    if (!slot) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.next = null;
    slot.at = 0;
  }

  async #set(tabId: number, state: ScanState): Promise<ScanState> {
    await chrome.storage.session.set({ [key(tabId)]: state });
    emit(TAB_EMAILS_EVENT, { tabId, state });
    return state;
  }
}

/**
 * Keeps the registered auto-scan content script in step with the user's choice: every site, or the list of
 * sites (settings.autoScanOrigins, the source of truth). Only the worker registers or removes it.
 */
export async function syncAutoScan(origins: string[], allSites = false): Promise<void> {
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [AUTO_SCAN_ID] });
  if (!origins.length && !allSites) {
    if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [AUTO_SCAN_ID] });
    return;
  }
  const script = {
    id: AUTO_SCAN_ID,
    js: [scannerFile],
    matches: allSites ? [...ALL_SITES] : origins.map((o) => `${o}/*`),
    runAt: 'document_idle' as const,
    persistAcrossSessions: true,
  };
  if (existing.length) await chrome.scripting.updateContentScripts([script]);
  else await chrome.scripting.registerContentScripts([script]);
}

/**
 * Highlighting on: the in-page part (marks and card) joins the scanner in the tab's top frame. It runs only where
 * the scanner already runs (the same grant: activeTab from the user's click, or an auto-scan site); a second
 * injection does nothing. Failures (the tab navigated, the grant ended) are quiet: the next report tries again.
 */
export async function injectInPage(tabId: number): Promise<void> {
  await chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [inPageFile] }).catch(() => undefined);
}

/**
 * Highlighting was switched. On: every tab the scanner reported from gets the in-page part. Off: the in-page part
 * in every tab's top frame is told to remove itself (tabs without one just fail).
 */
export async function announceHighlight(enabled: boolean, scans: TabScans): Promise<void> {
  const tabs = await chrome.tabs.query({});
  if (enabled) {
    await Promise.all(
      tabs.map(async (tab) => {
        if (tab.id !== undefined && (await scans.get(tab.id))?.status === 'ok') await injectInPage(tab.id);
      }),
    );
    return;
  }
  const event: HighlightEvent = { event: HIGHLIGHT_EVENT, enabled };
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : chrome.tabs.sendMessage(tab.id, event, { frameId: 0 }).catch(() => undefined))),
  );
}
