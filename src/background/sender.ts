/**
 * The one place that decides who sent a message. Trust `sender.id`, then `sender.origin`, then tab and
 * frame; never `sender.url` (a compromised page can make a content script say anything, and a page can
 * impersonate a content script, so content-script messages are hostile input).
 */
export type Caller =
  | { kind: 'extension' }
  | { kind: 'content'; tabId: number; frameId: number; origin: string }
  | { kind: 'unknown'; reason: string };

export interface Self {
  id: string;
  origin: string;
}

export function classifySender(sender: chrome.runtime.MessageSender, self: Self): Caller {
  if (sender.id !== self.id) return { kind: 'unknown', reason: 'sent by another extension or a web page' };
  if (sender.origin === self.origin) return { kind: 'extension' };
  const tabId = sender.tab?.id;
  if (typeof tabId === 'number' && tabId >= 0 && typeof sender.frameId === 'number' && sender.origin) {
    return { kind: 'content', tabId, frameId: sender.frameId, origin: sender.origin };
  }
  return { kind: 'unknown', reason: 'no extension origin and no tab' };
}
