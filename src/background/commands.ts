/**
 * Browser-level keyboard commands (manifest `commands`, keys changed at chrome://extensions/shortcuts).
 * `_execute_action` is Chrome's own (it clicks the toolbar button). The others open the side panel and hand
 * it a request through the menu-request mechanism (src/protocol/menu.ts), like the right-click menu does.
 */
import type { StoredMenuRequest } from '../protocol/menu';
import { deliver, selectionRequest } from './menus';
import type { TabScans } from './scan';

export const COMMANDS = {
  lookupSelection: 'lookup-selection',
  scanPage: 'scan-page',
  firstCard: 'open-first-card',
} as const;

/**
 * The selected text of the tab's top frame, including a selection inside a text field (which
 * getSelection() leaves out). Runs in the page through activeTab, granted by the key press.
 */
export function readSelection(): string {
  const el = document.activeElement;
  if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.selectionStart !== null && el.selectionEnd !== null) {
    const inField = el.value.slice(el.selectionStart, el.selectionEnd);
    if (inField) return inField;
  }
  return getSelection()?.toString() ?? '';
}

async function selectedText(tabId: number): Promise<string> {
  try {
    const [frame] = await chrome.scripting.executeScript({ target: { tabId }, func: readSelection });
    return typeof frame?.result === 'string' ? frame.result.slice(0, 10_000) : '';
  } catch {
    // A page no extension may script (chrome://, the Web Store): there is no selection to read.
    return '';
  }
}

/**
 * Runs one command for the tab it was pressed in. The side panel is opened before anything is awaited
 * (the key press is the user gesture `sidePanel.open` needs); the rest happens after.
 */
export function handleCommand(command: string, tab: chrome.tabs.Tab | undefined, scans: TabScans): Promise<void> {
  if (!(Object.values(COMMANDS) as string[]).includes(command)) return Promise.resolve();
  if (!tab || tab.windowId === undefined || tab.windowId < 0 || tab.id === undefined || tab.id < 0) return Promise.resolve();
  const { windowId, id: tabId } = tab;
  try {
    chrome.sidePanel.open({ windowId }).catch(() => undefined);
  } catch {
    // Not a user gesture (a dispatched event): the panel takes the request when the user opens it.
  }
  return (async () => {
    let request: StoredMenuRequest | null;
    if (command === COMMANDS.lookupSelection) {
      request = selectionRequest(await selectedText(tabId));
    } else {
      // Scanning here uses the key press's activeTab grant; the panel then shows (or opens) what was found.
      await scans.scan(tabId);
      request = { kind: command === COMMANDS.scanPage ? 'scan' : 'first-card', at: Date.now() };
    }
    if (request) await deliver(windowId, request);
  })();
}

/** Wires the commands; call synchronously at the worker's top level. */
export function registerCommands(scans: TabScans): void {
  chrome.commands.onCommand.addListener((command, tab) => {
    handleCommand(command, tab, scans).catch(() => undefined);
  });
}
