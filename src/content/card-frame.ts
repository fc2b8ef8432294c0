/**
 * Hosts the in-page contact card: an extension-origin iframe (src/card, web-accessible only through its
 * per-session dynamic URL) inside a closed shadow root on a host element under <html>.
 * - The page cannot read it: the shadow root is closed and the frame is another origin.
 * - The page cannot restyle it: every property that could hide, fade, move or clip the host is set
 *   `!important` from inside the shadow tree, which outranks anything the page's styles or scripts say.
 * - The page cannot remove it for good: while the card is open it is put back; a re-render of the page
 *   leaves it where it is (it is not inside the page's own elements).
 * - The page cannot get at the frame's window (a frame in a shadow root is not one of `window.frames`);
 *   should anything still navigate it, a second load that is not ours closes the card.
 * It closes on Esc, on a click outside, and on the card's own Close button.
 */
import { CLOSE_CARD_MESSAGE } from '../protocol/events';
import { keepAttached } from './keep-attached';

export const CARD_WIDTH = 360;
export const CARD_HEIGHT = 460;
const GAP = 6;
const HOST_TAG = 'sidekick-card';

const STYLE = `
:host { all: initial !important; display: block !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;
  opacity: 1 !important; visibility: visible !important; transform: none !important; filter: none !important;
  clip-path: none !important; mask: none !important; pointer-events: none !important; contain: none !important; }
.frame { position: fixed; width: ${CARD_WIDTH}px; height: ${CARD_HEIGHT}px; max-width: calc(100vw - 16px);
  max-height: calc(100vh - 16px); border: 1px solid rgba(127, 127, 127, 0.45); border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0, 0, 0, 0.28); background: Canvas; color-scheme: light dark;
  pointer-events: auto; display: block; margin: 0; padding: 0; }
`;

export interface CardHost {
  open(email: string, anchor: DOMRect, returnFocus: HTMLElement | null): void;
  /** `restoreFocus`: put focus back on the mark it was opened from (not when the user clicked elsewhere). */
  close(restoreFocus?: boolean): void;
  readonly email: string | null;
  destroy(): void;
}

/**
 * Where the card goes, never over its address and never off-screen: below it if it fits, else above, else to
 * its right, else to its left; on a screen too small for any of those, as close below as it can.
 */
export function placeCard(anchor: DOMRect, viewport: { width: number; height: number }): { left: number; top: number } {
  const width = Math.min(CARD_WIDTH, viewport.width - 16);
  const height = Math.min(CARD_HEIGHT, viewport.height - 16);
  const clampX = (x: number) => Math.round(Math.max(8, Math.min(x, viewport.width - width - 8)));
  const clampY = (y: number) => Math.round(Math.max(8, Math.min(y, viewport.height - height - 8)));
  if (anchor.bottom + GAP + height <= viewport.height - 8) return { left: clampX(anchor.left), top: Math.round(anchor.bottom + GAP) };
  if (anchor.top - GAP - height >= 8) return { left: clampX(anchor.left), top: Math.round(anchor.top - GAP - height) };
  const beside = clampY(anchor.top - height / 3);
  if (anchor.right + GAP + width <= viewport.width - 8) return { left: Math.round(anchor.right + GAP), top: beside };
  if (anchor.left - GAP - width >= 8) return { left: Math.round(anchor.left - GAP - width), top: beside };
  return { left: clampX(anchor.left), top: clampY(anchor.bottom + GAP) };
}

export function createCardHost(doc: Document, frameUrl: (email: string) => string, frameTitle: (email: string) => string): CardHost {
  const view = doc.defaultView!;
  let host: HTMLElement | null = null;
  let frame: HTMLIFrameElement | null = null;
  let current: string | null = null;
  let returnTo: HTMLElement | null = null;
  let loads = 0;
  let expectReload = false;
  let detach: () => void = () => {};

  const onMessage = (e: MessageEvent) => {
    // Only the card's own frame can be the source; a page posting the same text is ignored.
    if (frame && e.source === frame.contentWindow && e.data === CLOSE_CARD_MESSAGE) api.close();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.isTrusted && e.key === 'Escape' && current) api.close();
  };
  const onPointer = (e: PointerEvent) => {
    if (e.isTrusted && current && host && !e.composedPath().includes(host)) api.close(false);
  };

  const place = (anchor: DOMRect) => {
    if (!frame) return;
    const { left, top } = placeCard(anchor, { width: view.innerWidth, height: view.innerHeight });
    frame.style.left = `${left}px`;
    frame.style.top = `${top}px`;
  };

  const api: CardHost = {
    get email() {
      return current;
    },
    open(email, anchor, returnFocus) {
      api.close(false);
      current = email;
      returnTo = returnFocus;
      host = doc.createElement(HOST_TAG);
      const root = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = STYLE;
      frame = doc.createElement('iframe');
      frame.className = 'frame';
      frame.title = frameTitle(email);
      frame.src = frameUrl(email);
      loads = 0;
      expectReload = false;
      frame.addEventListener('load', () => {
        loads++;
        if (loads > 1 && !expectReload) return api.close(false);
        expectReload = false;
        frame?.focus();
      });
      root.append(style, frame);
      place(anchor);
      // Moving an iframe reloads it: that load is ours, not a page navigating the frame.
      detach = keepAttached(host, () => {
        expectReload = true;
      });
      view.addEventListener('message', onMessage);
      view.addEventListener('keydown', onKey, true);
      view.addEventListener('pointerdown', onPointer, true);
    },
    close(restoreFocus = true) {
      if (!host) return;
      detach();
      view.removeEventListener('message', onMessage);
      view.removeEventListener('keydown', onKey, true);
      view.removeEventListener('pointerdown', onPointer, true);
      const hadFocus = doc.activeElement === host;
      host.remove();
      host = null;
      frame = null;
      current = null;
      if (restoreFocus || hadFocus) returnTo?.focus();
      returnTo = null;
    },
    destroy() {
      api.close(false);
    },
  };
  return api;
}
