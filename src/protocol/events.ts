/** Worker → extension pages: what the worker knows of a tab changed. Never sent to content scripts. */
import type { ScanState } from './schemas';

/**
 * Whether a message an extension page received was broadcast by this extension's worker. Content scripts'
 * messages reach extension pages too: they always carry a tab; other extensions' carry a foreign id; a
 * worker's messages may carry no origin at all.
 */
export function fromWorker(sender: chrome.runtime.MessageSender): boolean {
  return sender.id === chrome.runtime.id && !sender.tab && (!sender.origin || sender.origin === location.origin);
}

export const TAB_EMAILS_EVENT = 'event/tab-state';

/**
 * Worker → the in-page part in a tab's top frame: highlighting was switched off in Settings, remove yourself.
 * (Switching it on injects the in-page part instead.) It carries that one boolean and nothing else.
 */
export const HIGHLIGHT_EVENT = 'event/highlight';

/**
 * In-page card frame → the content script that hosts it: "close me". A bare string with no data, because a
 * page listening to its own window's messages sees it too; the host checks it came from the card's frame.
 */
export const CLOSE_CARD_MESSAGE = 'sidekick:close-card';

export interface HighlightEvent {
  event: typeof HIGHLIGHT_EVENT;
  enabled: boolean;
}

export interface TabStateEvent {
  event: typeof TAB_EMAILS_EVENT;
  tabId: number;
  state: ScanState;
}

/** Worker → extension pages: the outbox changed (an action was queued, sent, finished or failed). */
export const OUTBOX_EVENT = 'event/outbox';

export interface OutboxEvent {
  event: typeof OUTBOX_EVENT;
  entries: import('./actions').OutboxEntry[];
}
