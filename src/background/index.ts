/** The service worker's wiring: listeners are registered synchronously at the top level, as MV3 requires. */
import type Browser from 'webextension-polyfill';
import { registerCommands } from './commands';
import { createHandlers, createOutbox } from './handlers';
import { registerMenus } from './menus';
import { createRouter } from './router';
import { TabScans } from './scan';
import { lockStorage } from './vault';

// The polyfill is a CommonJS (UMD) module: required, the bundle takes its module.exports as they are; imported as
// an ES default, the bundler would add its ES-interop helper (a copy of the module's properties) only for that.
declare const require: (id: 'webextension-polyfill') => typeof Browser;
const browser = require('webextension-polyfill');

const scans = new TabScans();
const outbox = createOutbox();
const route = createRouter(createHandlers(scans, outbox), {
  id: chrome.runtime.id,
  origin: new URL(chrome.runtime.getURL('/')).origin,
});

// Restrict storage.local to trusted contexts before anything can be written to it.
lockStorage().catch(() => console.error('[sidekick] could not restrict storage to trusted contexts'));

// Actions a stopped worker left behind: pending ones are sent, ones caught mid-request are checked first.
void outbox.resume().catch(() => undefined);

browser.runtime.onMessage.addListener((message: unknown, sender: Browser.Runtime.MessageSender) => {
  // Whatever woke the worker, the outbox picks up where it stopped (a no-op when nothing is left).
  void outbox.resume().catch(() => undefined);
  // Events this worker broadcast to pages are not requests; everything else goes through the router.
  if (message && typeof message === 'object' && 'event' in message) return undefined;
  return route(message, sender as chrome.runtime.MessageSender);
});

// The toolbar button (and its shortcut) opens the panel on this tab and scans it: the click grants activeTab.
chrome.action.onClicked.addListener((tab) => {
  if (tab.windowId === undefined || tab.id === undefined) return;
  // open() must be called before any await to keep the user gesture.
  chrome.sidePanel.open({ windowId: tab.windowId }).catch(() => undefined);
  void scans.scan(tab.id);
});

// The right-click menu: items created on install/update, clicks open the panel and hand it the request.
registerMenus(scans);

// Keyboard commands beyond the toolbar button's: look up the selection, scan the page, open the first card.
registerCommands(scans);

chrome.tabs.onRemoved.addListener((tabId) => void scans.forget(tabId));

// A tab the panel already knows navigated: its old people are gone at once, and the new page is scanned
// if we may (auto-scan sites report by themselves; elsewhere activeTab may have ended with the navigation).
// Events of one tab are handled in order, so 'complete' never reads the state from before 'loading'.
const tabQueues = new Map<number, Promise<void>>();
chrome.tabs.onUpdated.addListener((tabId, change) => {
  const status = change.status;
  if (status !== 'loading' && status !== 'complete') return;
  const next = (tabQueues.get(tabId) ?? Promise.resolve()).then(async () => {
    const state = await scans.get(tabId);
    if (!state) return;
    if (status === 'loading') await scans.navigated(tabId);
    else if (state.status === 'pending') await scans.scan(tabId);
  }).catch(() => undefined);
  tabQueues.set(tabId, next);
  void next.then(() => {
    if (tabQueues.get(tabId) === next) tabQueues.delete(tabId);
  });
});

chrome.runtime.onInstalled.addListener(() => {
  chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
});
