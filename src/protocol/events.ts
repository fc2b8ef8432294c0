/**
 * Worker → pages, the other direction of the protocol: one typed table of the events the worker announces to
 * extension pages, one `emit()` for the worker and one `onWorkerEvent()` for pages. Events never go to content
 * scripts (runtime.sendMessage does not reach them), and a page believes one only if the worker sent it.
 */
import type { OutboxEntry } from './actions';
import type { StoredMenuRequest } from './menu';
import type { ScanState } from './schemas';

export const TAB_EMAILS_EVENT = 'event/tab-state';
/** Worker → extension pages: the outbox changed (an action was queued, sent, finished or failed). */
export const OUTBOX_EVENT = 'event/outbox';
/** Worker → the panel of a window: the right-click menu or a command asked for something (see ./menu). */
export const MENU_REQUEST_EVENT = 'event/menu-request';
/** Worker → extension pages: Settings → Language changed; every page shows itself again in it. */
export const LANGUAGE_EVENT = 'event/language';
/** Worker → extension pages: another workspace is in use (or the workspaces changed); pages start again in it. */
export const WORKSPACE_EVENT = 'event/workspace';

export interface WorkerEvents {
  /** What the worker knows of a tab changed. */
  [TAB_EMAILS_EVENT]: { tabId: number; state: ScanState };
  [OUTBOX_EVENT]: { entries: OutboxEntry[] };
  [MENU_REQUEST_EVENT]: { windowId: number; request: StoredMenuRequest };
  [LANGUAGE_EVENT]: { language: string | null };
  [WORKSPACE_EVENT]: { workspaceId: string };
}
export type WorkerEventName = keyof WorkerEvents;
/** On the wire: the event's name beside its fields. */
export type WorkerEvent<E extends WorkerEventName> = { event: E } & WorkerEvents[E];

/** The worker announces an event to its extension pages. Nobody listening is fine. */
export function emit<E extends WorkerEventName>(event: E, payload: WorkerEvents[E]): void {
  const message: WorkerEvent<E> = { event, ...payload };
  chrome.runtime.sendMessage(message).catch(() => undefined);
}

/**
 * Whether a message an extension page received was broadcast by this extension's worker. Content scripts'
 * messages reach extension pages too: they always carry a tab; other extensions' carry a foreign id; a
 * worker's messages may carry no origin at all.
 */
export function fromWorker(sender: chrome.runtime.MessageSender): boolean {
  return sender.id === chrome.runtime.id && !sender.tab && (!sender.origin || sender.origin === location.origin);
}

/** A page listens to one of the worker's events (and only the worker's); answers a function that stops it. */
export function onWorkerEvent<E extends WorkerEventName>(event: E, listener: (payload: WorkerEvent<E>) => void): () => void {
  const onMessage = (message: unknown, sender: chrome.runtime.MessageSender) => {
    if (!fromWorker(sender)) return;
    if (!message || typeof message !== 'object' || (message as { event?: unknown }).event !== event) return;
    listener(message as WorkerEvent<E>);
  };
  chrome.runtime.onMessage.addListener(onMessage);
  return () => chrome.runtime.onMessage.removeListener(onMessage);
}

/**
 * Worker → the in-page part in a tab's top frame: highlighting was switched off in Settings, remove yourself.
 * (Switching it on injects the in-page part instead.) It carries that one boolean and nothing else.
 */
export const HIGHLIGHT_EVENT = 'event/highlight';

export interface HighlightEvent {
  event: typeof HIGHLIGHT_EVENT;
  enabled: boolean;
}

/**
 * In-page card frame → the content script that hosts it: "close me". A bare string with no data, because a
 * page listening to its own window's messages sees it too; the host checks it came from the card's frame.
 */
export const CLOSE_CARD_MESSAGE = 'sidekick:close-card';
