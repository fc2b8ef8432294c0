/**
 * The content script: finds the addresses on this page and reports them to the worker. It runs in the
 * page's isolated world, never sees the token or any contact data, and adds nothing to the page. (With
 * highlighting on, the worker injects ./in-page-entry beside it, which follows its reports.)
 */
import type { RouteInput } from '../protocol/messages';
import { watch } from './scanner';

declare global {
  interface Window {
    /** Set in the isolated world (invisible to the page): a second injection rescans instead of re-installing. */
    __sidekickRescan?: () => void;
    /** For the in-page part: calls `fn` with the addresses now and after every report; returns "stop". */
    __sidekickListen?: (fn: (emails: readonly string[]) => void) => () => void;
  }
}

/** What this script reports (the route takes any list, counted before it is checked; ours holds addresses). */
type Report = RouteInput<'emails/found'> & { emails: string[] };

/** The last report; null while a large page's first scan is still running (its report is on the way). */
let last: Report | null = null;
const listeners = new Set<(emails: readonly string[]) => void>();

function report(input: Report): void {
  chrome.runtime.sendMessage({ type: 'emails/found', input }).catch(() => undefined);
}

if (window === window.top) {
  if (window.__sidekickRescan) {
    window.__sidekickRescan();
  } else {
    watch(document, (emails, info) => {
      last = { emails, ...info };
      report(last);
      for (const fn of listeners) fn(emails);
    });
    window.__sidekickRescan = () => {
      if (last) report(last);
    };
    window.__sidekickListen = (fn) => {
      listeners.add(fn);
      fn(last?.emails ?? []);
      return () => listeners.delete(fn);
    };
  }
}
