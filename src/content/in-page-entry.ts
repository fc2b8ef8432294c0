/**
 * The in-page part of the widget as a script of its own, injected by the worker next to the scanner only while
 * highlighting is on (Settings), so the scanner every page gets stays small. It shares the scanner's isolated
 * world: it reads the addresses the scanner found and follows its reports through the hooks ./entry sets.
 * Switching highlighting off (the worker's HIGHLIGHT_EVENT) removes it and everything it drew.
 */
import { HIGHLIGHT_EVENT } from '../protocol/events';
import { startInPage } from './in-page';

declare global {
  interface Window {
    /** Set while the in-page part runs in this isolated world (a second injection does nothing). */
    __sidekickInPage?: boolean;
  }
}

if (window === window.top && !window.__sidekickInPage && window.__sidekickListen) {
  window.__sidekickInPage = true;
  const inPage = startInPage(document);
  const unlisten = window.__sidekickListen((emails) => inPage.update(emails));
  const onMessage = (msg: { event?: unknown; enabled?: unknown } | null, sender: chrome.runtime.MessageSender) => {
    // Only our worker (no tab: not another content script or page) switches highlighting off.
    if (sender.id !== chrome.runtime.id || sender.tab || msg?.event !== HIGHLIGHT_EVENT || msg.enabled !== false) return;
    chrome.runtime.onMessage.removeListener(onMessage);
    unlisten();
    inPage.destroy();
    window.__sidekickInPage = false;
  };
  chrome.runtime.onMessage.addListener(onMessage);
}
