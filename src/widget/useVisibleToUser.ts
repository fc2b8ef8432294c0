/**
 * Whether Chrome vouches that this document is fully visible to the user: not covered by anything, not faded,
 * not clipped or transformed (IntersectionObserver v2, `trackVisibility`). Hosted on a web page, the in-page card
 * refuses input while this is false, so a page cannot lay a decoy over one of its buttons (clickjacking).
 * `undefined` until the first answer; browsers without v2 report `true` (they never say `isVisible`).
 */
import { useEffect, useState } from 'preact/hooks';

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
