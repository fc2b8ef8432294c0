/** Requests from the right-click menu for this panel's window: read on load and when the worker announces one. */
import { MENU_REQUEST_EVENT, onWorkerEvent } from '../protocol/events';
import { useEffect, useRef } from 'preact/hooks';
import { menuRequestKey } from '../protocol/constants';
import type { MenuRequest } from '../protocol/menu';

export function useMenuRequest(onRequest: (r: MenuRequest) => void): void {
  const handler = useRef(onRequest);
  handler.current = onRequest;
  useEffect(() => {
    const session = (globalThis.chrome as typeof chrome | undefined)?.storage?.session;
    if (!session) return;
    let live = true;
    let windowId: number | undefined;
    const handled = new Set<number>();
    /** Takes the window's request out of storage, so it is acted on once (by one panel). */
    const consume = async () => {
      if (windowId === undefined) return;
      const key = menuRequestKey(windowId);
      const stored = (await session.get(key))[key];
      if (stored === undefined) return;
      await session.remove(key);
      // The request's schema (and valibot) load with the first request: most panels never get one.
      const { parseMenuRequest, resolveMenuRequest } = await import('../protocol/menu');
      const parsed = parseMenuRequest(stored);
      if (!live || !parsed || handled.has(parsed.at)) return;
      handled.add(parsed.at);
      // A selection or a link is read for its addresses here (the detector loads with the first one).
      const request = await resolveMenuRequest(parsed);
      if (live && request) handler.current(request);
    };
    // Only the worker hands out requests: not content scripts (they carry a tab), not other extensions.
    const stop = onWorkerEvent(MENU_REQUEST_EVENT, (e) => {
      if (windowId === undefined || e.windowId !== windowId) return;
      void consume().catch(() => undefined);
    });
    void chrome.windows.getCurrent().then((w) => {
      windowId = w.id;
      return consume();
    }).catch(() => undefined);
    return () => {
      live = false;
      stop();
    };
  }, []);
}
