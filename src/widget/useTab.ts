/** Which tab the panel speaks for, and what the worker knows of it. */
import { useEffect, useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import { onWorkerEvent, TAB_EMAILS_EVENT } from '../protocol/events';
import type { ErrorInfo, ScanState } from '../protocol/schemas';
import { useCall } from './host';

/** Follows the active tab of the panel's window, unless the panel was opened for one tab (`?tab=`). */
export function useBoundTab(fixedTabId: number | null): number | null {
  const [tabId, setTabId] = useState<number | null>(fixedTabId);
  useEffect(() => {
    if (fixedTabId !== null) return;
    let windowId: number | undefined;
    void chrome.windows.getCurrent().then((w) => {
      windowId = w.id;
      return chrome.tabs.query({ active: true, windowId: w.id });
    }).then(([tab]) => setTabId(tab?.id ?? null));
    const onActivated = (info: chrome.tabs.OnActivatedInfo) => {
      if (windowId === undefined || info.windowId === windowId) setTabId(info.tabId);
    };
    chrome.tabs.onActivated.addListener(onActivated);
    return () => chrome.tabs.onActivated.removeListener(onActivated);
  }, [fixedTabId]);
  return tabId;
}

/** Scans the tab when the panel binds to it, then follows the worker's updates for that tab. */
export function useScan(tabId: number | null): { scan: ScanState | null; error: ErrorInfo | null; rescan: () => void } {
  const call = useCall();
  const [scan, setScan] = useState<ScanState | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (tabId === null) return;
    let live = true;
    setScan(null);
    setError(null);
    call('tab/scan', { tabId })
      .then((state) => live && setScan((prev) => (state.status === 'pending' && prev ? prev : state)))
      .catch((e: unknown) => live && setError(errorInfo(e)));
    // Only the worker speaks for tabs.
    const stop = onWorkerEvent(TAB_EMAILS_EVENT, (e) => {
      if (e.tabId === tabId && e.state) setScan(e.state);
    });
    return () => {
      live = false;
      stop();
    };
  }, [tabId, nonce]);
  return { scan, error, rescan: () => setNonce((n) => n + 1) };
}
