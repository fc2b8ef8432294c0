/**
 * The right-click menu: look up a selection or a mailto: link, tag or create a lead from a link, scan the page.
 * Items are created on install/update only (Chrome keeps them across worker restarts); clicks open the side
 * panel and hand the request to it through storage.session (`menu:request:<windowId>`) and an event.
 */
import { emit, MENU_REQUEST_EVENT } from '../protocol/events';
import { MAX_LINK_LENGTH, MAX_SELECTION_LENGTH, menuRequestKey } from '../protocol/constants';
import type { StoredMenuRequest } from '../protocol/menu';
import type { TabScans } from './scan';

export const MENU_IDS = {
  selection: 'sidekick-lookup-selection',
  lookupLink: 'sidekick-lookup-link',
  tagLink: 'sidekick-tag-link',
  createLeadLink: 'sidekick-create-lead-link',
  scanPage: 'sidekick-scan-page',
} as const;

const DOCUMENTS = ['http://*/*', 'https://*/*', 'file:///*'];
const MAILTO = ['mailto:*'];

/** What the menu shows; titles come from the messages (Chrome puts the selection in for `%s`). */
export function menuItems(): chrome.contextMenus.CreateProperties[] {
  const title = (key: string) => chrome.i18n.getMessage(key) || key;
  const link = { contexts: ['link'] as ['link'], targetUrlPatterns: MAILTO, documentUrlPatterns: DOCUMENTS };
  return [
    { id: MENU_IDS.selection, title: title('menuLookupSelection'), contexts: ['selection'], documentUrlPatterns: DOCUMENTS },
    { id: MENU_IDS.lookupLink, title: title('menuLookupLink'), ...link },
    { id: MENU_IDS.tagLink, title: title('menuTagLink'), ...link },
    { id: MENU_IDS.createLeadLink, title: title('menuCreateLeadLink'), ...link },
    { id: MENU_IDS.scanPage, title: title('menuScanPage'), contexts: ['page'], documentUrlPatterns: DOCUMENTS },
  ];
}

/** Replaces whatever items an older version left with this version's. */
export async function createMenus(): Promise<void> {
  await chrome.contextMenus.removeAll();
  for (const item of menuItems()) {
    await new Promise<void>((resolve) => {
      chrome.contextMenus.create(item, () => {
        if (chrome.runtime.lastError) console.warn('[sidekick] menu item:', chrome.runtime.lastError.message);
        resolve();
      });
    });
  }
}

/**
 * Selected text, for the panel to look up its addresses or, without one, to search by name (the panel reads it:
 * protocol/menu-resolve.ts); blank asks nothing.
 */
export function selectionRequest(text: string, now = Date.now()): StoredMenuRequest | null {
  const selected = text.slice(0, MAX_SELECTION_LENGTH);
  return selected.trim() ? { kind: 'selection', text: selected, at: now } : null;
}

/** What a click asks the panel for, or null when there is nothing to ask (not a mailto: link, empty selection). */
export function requestFor(info: chrome.contextMenus.OnClickData, now = Date.now()): StoredMenuRequest | null {
  const id = String(info.menuItemId);
  if (id === MENU_IDS.selection) return selectionRequest(info.selectionText ?? '', now);
  const kind = id === MENU_IDS.lookupLink ? 'lookup' : id === MENU_IDS.tagLink ? 'tag' : id === MENU_IDS.createLeadLink ? 'create-lead' : null;
  const link = info.linkUrl ?? '';
  if (!kind || !/^mailto:/i.test(link) || link.length > MAX_LINK_LENGTH) return null;
  return { kind, link, at: now };
}

/** Stores the request for the panel of that window and tells open panels (extension pages only). */
export async function deliver(windowId: number, request: StoredMenuRequest): Promise<void> {
  await chrome.storage.session.set({ [menuRequestKey(windowId)]: request });
  emit(MENU_REQUEST_EVENT, { windowId, request });
}

export async function handleMenuClick(info: chrome.contextMenus.OnClickData, tab: chrome.tabs.Tab | undefined, scans: TabScans): Promise<void> {
  if (!tab || tab.windowId === undefined || tab.windowId < 0) return;
  const windowId = tab.windowId;
  // First, before any await: the click is the user gesture that lets the panel open.
  try {
    chrome.sidePanel.open({ windowId }).catch(() => undefined);
  } catch {
    // Not a user gesture (e.g. a dispatched event): the panel opens when the user opens it.
  }
  if (String(info.menuItemId) === MENU_IDS.scanPage) {
    if (tab.id !== undefined && tab.id >= 0) await scans.scan(tab.id);
    return;
  }
  const request = requestFor(info);
  if (request) await deliver(windowId, request);
}

/** Wires the menu; call synchronously at the worker's top level. */
export function registerMenus(scans: TabScans): void {
  chrome.runtime.onInstalled.addListener(() => {
    createMenus().catch(() => console.error('[sidekick] could not create the right-click menu'));
  });
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    handleMenuClick(info, tab, scans).catch(() => undefined);
  });
}
