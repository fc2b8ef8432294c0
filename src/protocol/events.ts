/** Worker → extension pages: what the worker knows of a tab changed. Never sent to content scripts. */
import type { ScanState } from './schemas';

export const TAB_EMAILS_EVENT = 'event/tab-state';

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
