/**
 * Which addresses each tab shows. The scanner is injected on demand (activeTab + scripting) or registered
 * for sites the user chose to scan automatically; it reports back through `emails/found`. States live in
 * storage.session (trusted contexts only) so a restarted worker still knows them.
 */
import scannerFile from '../content/entry.ts?script&iife';
import inPageFile from '../content/in-page-entry.ts?script&iife';
import { HIGHLIGHT_EVENT, TAB_EMAILS_EVENT, type HighlightEvent, type TabStateEvent } from '../protocol/events';
import { ALL_SITES, type ScanState } from '../protocol/schemas';

const REPORT_WAIT_MS = 4000;
const AUTO_SCAN_ID = 'sidekick-auto-scan';
const key = (tabId: number) => `scan:${tabId}`;

const UNSCANNABLE = [/^chrome:/, /^chrome-extension:/, /^edge:/, /^about:/, /^devtools:/, /^view-source:/, /^https:\/\/chromewebstore\.google\.com\//, /^https:\/\/chrome\.google\.com\/webstore/];
/** Chrome's own words when a page may never be scripted, as opposed to "no permission yet". */
const FORBIDDEN_MESSAGE = /cannot be scripted|chrome:\/\/|chrome-extension:\/\/|extensions gallery|Cannot access a chrome|devtools|about:|Web Store/i;

export class TabScans {
  private readonly waiters = new Map<number, Array<(s: ScanState) => void>>();

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
      return this.set(tabId, { status: 'unscannable' });
    }
    if (url && UNSCANNABLE.some((re) => re.test(url))) return this.set(tabId, { status: 'unscannable' });
    const report = new Promise<ScanState>((resolve) => {
      const list = this.waiters.get(tabId) ?? [];
      list.push(resolve);
      this.waiters.set(tabId, list);
    });
    try {
      await chrome.scripting.executeScript({ target: { tabId }, files: [scannerFile] });
    } catch (err) {
      this.waiters.delete(tabId);
      const message = err instanceof Error ? err.message : String(err);
      return this.set(tabId, { status: FORBIDDEN_MESSAGE.test(message) ? 'unscannable' : 'no_access' });
    }
    const timeout = new Promise<ScanState>((resolve) => setTimeout(() => resolve({ status: 'pending' }), REPORT_WAIT_MS));
    return Promise.race([report, timeout]);
  }

  /** A report from the scanner in a tab's top frame. */
  async report(tabId: number, origin: string, emails: string[], total: number, names: Record<string, string> = {}): Promise<void> {
    // Only names of listed addresses are kept: the rest could only be noise from the page.
    const listed = new Set(emails);
    const kept = Object.fromEntries(Object.entries(names).filter(([email]) => listed.has(email)));
    const state: ScanState = { status: 'ok', origin, emails, total: Math.max(total, emails.length), names: kept };
    await this.set(tabId, state);
    for (const resolve of this.waiters.get(tabId) ?? []) resolve(state);
    this.waiters.delete(tabId);
  }

  /** The tab is loading another page: what was found on the last one no longer applies. */
  async navigated(tabId: number): Promise<void> {
    await this.set(tabId, { status: 'pending' });
  }

  async forget(tabId: number): Promise<void> {
    await chrome.storage.session.remove(key(tabId));
  }

  private async set(tabId: number, state: ScanState): Promise<ScanState> {
    await chrome.storage.session.set({ [key(tabId)]: state });
    const event: TabStateEvent = { event: TAB_EMAILS_EVENT, tabId, state };
    // Reaches extension pages only (runtime.sendMessage never goes to content scripts). No listener is fine.
    chrome.runtime.sendMessage(event).catch(() => undefined);
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
