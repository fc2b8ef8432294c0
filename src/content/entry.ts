/**
 * The content script: finds the addresses on this page and reports them to the worker. It runs in the
 * page's isolated world and never sees the token or any contact data. It adds nothing to the page unless the
 * user switched on highlighting (then: neutral marks and, on request, the in-page card — see ./in-page).
 */
import { HIGHLIGHT_EVENT } from '../protocol/events';
import type { RouteInput } from '../protocol/messages';
import { startInPage, type InPage } from './in-page';
import { watch } from './scanner';

declare global {
  interface Window {
    /** Set in the isolated world (invisible to the page): a second injection rescans instead of re-installing. */
    __sidekickRescan?: () => void;
  }
}

/** The last report; null while a large page's first scan is still running (its report is on the way). */
let last: RouteInput<'emails/found'> | null = null;
let inPage: InPage | null = null;

function highlight(on: boolean): void {
  if (on && !inPage) inPage = startInPage(document);
  if (!on && inPage) {
    inPage.destroy();
    inPage = null;
  }
  inPage?.update(last?.emails ?? []);
}

function report(input: RouteInput<'emails/found'>): void {
  chrome.runtime
    .sendMessage({ type: 'emails/found', input })
    .then((answer: { ok?: boolean; data?: { highlight?: unknown } } | undefined) => highlight(answer?.data?.highlight === true))
    .catch(() => undefined);
}

if (window === window.top) {
  if (window.__sidekickRescan) {
    window.__sidekickRescan();
  } else {
    watch(document, (emails, { names, total }) => {
      last = { emails, names, total };
      report(last);
    });
    window.__sidekickRescan = () => {
      if (last) report(last);
    };
    chrome.runtime.onMessage.addListener((msg: { event?: unknown; enabled?: unknown } | null, sender) => {
      // Only our worker (no tab: not another content script or page) switches highlighting.
      if (sender.id === chrome.runtime.id && !sender.tab && msg?.event === HIGHLIGHT_EVENT) highlight(msg.enabled === true);
    });
  }
}
