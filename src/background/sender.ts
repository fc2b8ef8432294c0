/**
 * The one place that decides who sent a message. Trust `sender.id`, then `sender.origin`, then tab and
 * frame; never `sender.url` (a compromised page can make a content script say anything, and a page can
 * impersonate a content script, so content-script messages are hostile input).
 */
export type Caller =
  | { kind: 'extension' }
  /** The in-page card: our page, but framed inside a web page's tab; it may call only the card's routes. */
  | { kind: 'card' }
  | { kind: 'content'; tabId: number; frameId: number; origin: string }
  | { kind: 'unknown'; reason: string };

const CARD_PATH = '/src/card/index.html';

function pathOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).pathname : null;
  } catch {
    return null;
  }
}

export interface Self {
  id: string;
  origin: string;
}

export function classifySender(sender: chrome.runtime.MessageSender, self: Self): Caller {
  if (sender.id !== self.id) return { kind: 'unknown', reason: 'sent by another extension or a web page' };
  if (sender.origin === self.origin) {
    // Only our own process can send with our origin, so here its frame and page path can be believed. A frame
    // inside a tab, or the card page wherever it is, is the in-page card: a web page surrounds it.
    const framed = typeof sender.frameId === 'number' && sender.frameId !== 0;
    if (framed || pathOf(sender.url) === CARD_PATH) return { kind: 'card' };
    return { kind: 'extension' };
  }
  const tabId = sender.tab?.id;
  if (typeof tabId === 'number' && tabId >= 0 && typeof sender.frameId === 'number' && sender.origin) {
    return { kind: 'content', tabId, frameId: sender.frameId, origin: sender.origin };
  }
  return { kind: 'unknown', reason: 'no extension origin and no tab' };
}
