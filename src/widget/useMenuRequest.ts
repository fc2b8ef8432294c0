/** Requests from the right-click menu for this panel's window: read on load and when the worker announces one. */
import { fromWorker } from '../protocol/events';
import { useEffect, useRef } from 'preact/hooks';
import { MENU_REQUEST_EVENT, menuRequestKey, parseMenuRequest, type MenuRequest, type MenuRequestEvent } from '../protocol/menu';

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
      const request = parseMenuRequest(stored);
      if (!live || !request || handled.has(request.at)) return;
      handled.add(request.at);
      handler.current(request);
    };
    const onMessage = (msg: unknown, sender: chrome.runtime.MessageSender) => {
      // Only the worker hands out requests: not content scripts (they carry a tab), not other extensions.
      if (!fromWorker(sender)) return;
      const event = msg as Partial<MenuRequestEvent> | null;
      if (event?.event !== MENU_REQUEST_EVENT || windowId === undefined || event.windowId !== windowId) return;
      void consume().catch(() => undefined);
    };
    chrome.runtime.onMessage.addListener(onMessage);
    void chrome.windows.getCurrent().then((w) => {
      windowId = w.id;
      return consume();
    }).catch(() => undefined);
    return () => {
      live = false;
      chrome.runtime.onMessage.removeListener(onMessage);
    };
  }, []);
}
