/**
 * The in-page part of the widget, on when the user switched on highlighting in Settings: neutral marks on the
 * addresses found (./highlight) and, when one is activated, the contact card next to it (./card-frame).
 * The content script hands the card nothing but the address; the card's frame asks the worker itself.
 */
import { createCardHost } from './card-frame';
import { createHighlighter } from './highlight';

/** How far the activated address may move (layout jitter) before its card closes. */
export const MAX_MOVE_PX = 4;

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
  /** The address the open card belongs to: where it was when activated, and where it is now. */
  let anchor: { at: DOMRect; where: () => DOMRect | null | undefined } | null = null;
  const marks = createHighlighter(doc, {
    label: (email) => chrome.i18n.getMessage('markLabel', email) || email,
    onActivate: (email, rect, mark, where) => {
      anchor = { at: rect, where };
      card.open(email, rect, mark);
      watch();
    },
  });
  // The card never follows its address: if the address moves (a scroll, a page shifting things), the card
  // closes, so a page cannot slide one of its buttons under the user's cursor.
  const follow = () => {
    if (!card.email || !anchor) return;
    const now = anchor.where();
    if (now === undefined) return; // the page is re-rendering: its marks are found again in a moment
    if (!now || Math.abs(now.left - anchor.at.left) > MAX_MOVE_PX || Math.abs(now.top - anchor.at.top) > MAX_MOVE_PX) {
      anchor = null;
      card.close(false);
    }
  };
  const view = doc.defaultView!;
  // A page can move the address without a scroll (content inserted above it): while a card is open, its
  // address is checked every frame (one measurement; nothing runs once the card is closed).
  let frame = 0;
  const watch = () => {
    cancelAnimationFrame(frame);
    const tick = () => {
      follow();
      frame = card.email && anchor ? requestAnimationFrame(tick) : 0;
    };
    frame = requestAnimationFrame(tick);
  };
  view.addEventListener('scroll', follow, { capture: true, passive: true });
  view.addEventListener('resize', follow, { passive: true });
  return {
    update: (emails) => marks.update(emails),
    destroy() {
      cancelAnimationFrame(frame);
      view.removeEventListener('scroll', follow, true);
      view.removeEventListener('resize', follow);
      card.destroy();
      marks.destroy();
    },
  };
}
