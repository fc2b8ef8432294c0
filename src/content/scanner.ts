/**
 * Finds the e-mail addresses on a page and follows its changes. The first scan runs in slices of a few
 * milliseconds, yielding to the page between them; after that a MutationObserver marks what changed and,
 * once the page is quiet for a moment, only the units it touched are scanned again. No chrome APIs: results
 * go to a callback, and nothing runs while the page does not change.
 */
import { MAX_EMAILS } from '../detect/detect';
import { DISPLAY_NONE_RE, isElement } from './elements';
import { Registry, sameSnapshot, type Snapshot, type UnitNode } from './units';
import { createWalker } from './walk';

export type { Snapshot };

/** What watch() reports beside the addresses: display names (by address) and the count of all addresses. */
export interface ScanInfo {
  names: Record<string, string>;
  total: number;
}

export interface WatchOptions {
  /** Quiet time after the last mutation before rescanning. Default 300. */
  debounceMs?: number;
  /** Rescan at the latest this long after the first pending mutation. Default 2000. */
  maxWaitMs?: number;
  /** Work per slice before yielding to the page, in ms. Default 8. */
  sliceMs?: number;
  /** The clock slices are measured with (tests pass a counter). */
  now?: () => number;
  /** Told how long each slice of work took (the bench's longest-slice figure). */
  onSlice?: (ms: number) => void;
}

/** When custom elements found without a shadow root are checked again after the first scan. */
const LATE_SHADOW_MS = 1500;

const OBSERVED = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeOldValue: true,
  attributeFilter: ['href', 'hidden', 'aria-hidden', 'style', 'data-cfemail', 'itemprop', 'content'],
};

/** Addresses under `root` right now, in one go (no slicing): the whole snapshot. */
export function scanPage(root: UnitNode): Snapshot {
  const walker = createWalker(new Registry(), root, { root: () => undefined, frame: () => undefined, host: () => undefined });
  walker.run(() => true);
  return walker.registry.snapshot();
}

/** The first MAX_EMAILS addresses under `root`, in document order. */
export function scanRoot(root: UnitNode): string[] {
  return scanPage(root).emails.slice(0, MAX_EMAILS);
}

/** Whether a mutation can change what a scan finds (a style change matters only if it toggled `display: none`). */
function isRelevant(record: MutationRecord): boolean {
  const target = record.target;
  if (record.type === 'attributes' && record.attributeName === 'style' && isElement(target)) {
    return DISPLAY_NONE_RE.test(record.oldValue ?? '') !== DISPLAY_NONE_RE.test(target.getAttribute('style') ?? '');
  }
  return true;
}

/** Runs `fn` as a new task soon: scheduler.postTask where there is one (no timer clamping), else a timeout. */
function nextTask(fn: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: (f: () => void) => Promise<unknown> } }).scheduler;
  if (scheduler?.postTask) scheduler.postTask(fn).catch(() => undefined);
  else setTimeout(fn, 0);
}

/**
 * Scans `root` and reports `(emails, { names, total })` — the first MAX_EMAILS addresses in order of first
 * appearance, display names where the page gives them, and how many addresses there are in all — then
 * follows changes and reports again whenever that changes. A small page is reported before watch() returns.
 * Returns `stop`.
 */
export function watch(root: UnitNode, onChange: (emails: string[], info: ScanInfo) => void, opts: WatchOptions = {}): () => void {
  const debounceMs = opts.debounceMs ?? 300;
  const maxWaitMs = Math.max(opts.maxWaitMs ?? 2000, debounceMs);
  const sliceMs = opts.sliceMs ?? 8;
  const now = opts.now ?? (() => performance.now());
  let debounceTimer: ReturnType<typeof setTimeout> | undefined;
  let maxWaitTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running = false;
  let last: Snapshot | null = null;
  let version = -1;
  /** Changes seen since the last flush (`true`: pass over the node's subtree), handed to the walker once the page is quiet. */
  let pending: Array<[Node, boolean]> = [];
  let removals = false;
  const frames = new WeakSet<HTMLIFrameElement>();
  /** Custom elements seen without a shadow root: checked again on every flush, and once after the first scan. */
  const hosts = new Set<Element>();
  let lateTimer: ReturnType<typeof setTimeout> | undefined;
  const checkHosts = (): void => {
    for (const host of hosts) {
      if (!host.isConnected) hosts.delete(host);
      else if (host.shadowRoot) {
        hosts.delete(host);
        pending.push([host, true]); // scanned again by its parent, now with its shadow root
      }
    }
  };

  const observer = new MutationObserver((records) => {
    if (stopped) return;
    let relevant = false;
    for (const r of records) {
      if (!isRelevant(r)) continue;
      relevant = true;
      // A changed element may be something else now (hidden, a link): its whole subtree is read again.
      pending.push([r.target, r.type === 'attributes']);
      for (const added of r.addedNodes) if (isElement(added)) pending.push([added, true]);
      if (r.removedNodes.length) removals = true;
    }
    if (relevant) changed();
  });
  const walker = createWalker(new Registry(), root, {
    root: (node) => observer.observe(node, OBSERVED),
    frame(iframe) {
      if (frames.has(iframe)) return;
      frames.add(iframe);
      iframe.addEventListener('load', () => {
        if (stopped) return;
        pending.push([iframe, false]);
        changed();
      });
    },
    host: (el) => hosts.add(el),
  });
  observer.observe(root, OBSERVED);

  const changed = (): void => {
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(flush, debounceMs);
    maxWaitTimer ??= setTimeout(flush, maxWaitMs);
  };
  const flush = (): void => {
    clearTimeout(debounceTimer);
    clearTimeout(maxWaitTimer);
    debounceTimer = maxWaitTimer = undefined;
    if (stopped) return;
    checkHosts();
    for (const [node, deep] of pending) walker.mark(node, deep);
    if (removals) walker.removed();
    pending = [];
    removals = false;
    if (!running) slice();
  };
  const slice = (): void => {
    running = false;
    if (stopped) return;
    const start = now();
    const done = walker.run(() => now() - start < sliceMs);
    opts.onSlice?.(now() - start);
    if (!done) {
      running = true;
      nextTask(slice);
      return;
    }
    if (last === null && hosts.size) {
      // Components whose definitions load after the page often attach their shadow roots a moment later.
      lateTimer = setTimeout(() => {
        checkHosts();
        if (pending.length) flush();
      }, LATE_SHADOW_MS);
    }
    // Most changes leave the list as it was: no need to build it again to see that.
    if (last !== null && walker.registry.version === version) return;
    version = walker.registry.version;
    const next = walker.registry.snapshot();
    if (sameSnapshot(last, next)) return;
    last = next;
    onChange(next.emails, { names: next.names, total: next.total });
  };

  slice();
  return () => {
    stopped = true;
    observer.disconnect();
    clearTimeout(debounceTimer);
    clearTimeout(maxWaitTimer);
    clearTimeout(lateTimer);
  };
}
