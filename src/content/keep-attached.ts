/**
 * Our hosts (the marks layer, the in-page card) live under <html>, outside the page's own elements, so a
 * re-render of the page leaves them be. A page that removes one anyway (or rebuilds <html>'s children) gets it
 * back — within reason: after `limit` times it keeps it off, so a page fighting back cannot make us loop.
 * Appends `host` now; returns "stop watching".
 */
export function keepAttached(host: Element, onPutBack?: () => void, limit = 100): () => void {
  const html = host.ownerDocument.documentElement;
  let putBack = 0;
  const watcher = new MutationObserver(() => {
    if (host.isConnected || putBack++ >= limit) return;
    onPutBack?.();
    html.append(host);
  });
  html.append(host);
  watcher.observe(html, { childList: true });
  return () => watcher.disconnect();
}
