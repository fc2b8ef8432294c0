/**
 * The in-page part of the widget, on when the user switched on highlighting in Settings: neutral marks on the
 * addresses found (./highlight) and, when one is activated, the contact card next to it (./card-frame).
 * The content script hands the card nothing but the address; the card's frame asks the worker itself.
 */
import { createCardHost } from './card-frame';
import { createHighlighter } from './highlight';

export interface InPage {
  update(emails: readonly string[]): void;
  destroy(): void;
}

export function startInPage(doc: Document): InPage {
  const card = createCardHost(
    doc,
    // The dynamic URL (use_dynamic_url): a per-session address a page cannot guess or probe for.
    (email) => `${chrome.runtime.getURL('src/card/index.html')}#${encodeURIComponent(email)}`,
    (email) => chrome.i18n.getMessage('cardFrameTitle', email) || email,
  );
  const marks = createHighlighter(doc, {
    label: (email) => chrome.i18n.getMessage('markLabel', email) || email,
    onActivate: (email, rect, mark) => card.open(email, rect, mark),
  });
  const follow = () => card.email && card.follow(marks.rectOf(card.email));
  const view = doc.defaultView!;
  view.addEventListener('scroll', follow, { capture: true, passive: true });
  view.addEventListener('resize', follow, { passive: true });
  return {
    update: (emails) => marks.update(emails),
    destroy() {
      view.removeEventListener('scroll', follow, true);
      view.removeEventListener('resize', follow);
      card.destroy();
      marks.destroy();
    },
  };
}
