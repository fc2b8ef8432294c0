/**
 * The content script: finds the addresses on this page and reports them to the worker. It runs in the
 * page's isolated world, never sees the token or any contact data, and adds nothing to the page.
 */
import { watch } from './scanner';

declare global {
  interface Window {
    /** Set in the isolated world (invisible to the page): a second injection rescans instead of re-installing. */
    __sidekickRescan?: () => void;
  }
}

function report(emails: string[]): void {
  const message = { type: 'emails/found', input: { emails: emails.slice(0, 1000), total: emails.length } };
  chrome.runtime.sendMessage(message).catch(() => undefined);
}

if (window === window.top) {
  if (window.__sidekickRescan) {
    window.__sidekickRescan();
  } else {
    let last: string[] = [];
    watch(document, (emails) => {
      last = emails;
      report(emails);
    });
    window.__sidekickRescan = () => report(last);
  }
}
