/**
 * Whether Chrome vouches that this document is fully visible to the user: not covered by anything, not faded,
 * not clipped or transformed (IntersectionObserver v2, `trackVisibility`). Hosted on a web page, the in-page card
 * refuses input while this is false, so a page cannot lay a decoy over one of its buttons (clickjacking).
 * `undefined` until the first answer; browsers without v2 report `true` (they never say `isVisible`).
 */
import { useEffect, useState } from 'preact/hooks';

/** After the card appears or becomes visible again, clicks and keys wait this long (a page cannot time one). */
export const SETTLE_MS = 500;

/** Chrome's least allowed delay between visibility checks. */
const DELAY_MS = 100;

export function useVisibleToUser(): boolean | undefined {
  const [visible, setVisible] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const options = { trackVisibility: true, delay: DELAY_MS, threshold: [0, 1] } as IntersectionObserverInit;
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1] as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
      if (!last) return;
      setVisible(last.isVisible ?? last.isIntersecting);
    }, options);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  return visible;
}

/**
 * True once Chrome has vouched, for `settleMs` without a break, that the document is fully visible: a click
 * that lands just as a page slides the card (or uncovers it) under the cursor is not taken. `false` while
 * covered, `undefined` until the first answer and during the wait.
 */
export function useSteadilyVisible(settleMs = SETTLE_MS): boolean | undefined {
  const visible = useVisibleToUser();
  const [steady, setSteady] = useState(false);
  useEffect(() => {
    setSteady(false);
    if (visible !== true) return;
    const timer = setTimeout(() => setSteady(true), settleMs);
    return () => clearTimeout(timer);
  }, [visible]);
  return visible === false ? false : visible === true && steady ? true : undefined;
}
