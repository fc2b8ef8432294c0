/**
 * Thin DOM layer over ./detect: finds the e-mail addresses on a page and
 * watches for changes. No chrome APIs; results go to callbacks.
 */
import { emailsFromMailto, extractEmails, MAX_EMAILS } from './detect';

/** Elements whose text is never visible page content. */
const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript']);
const DISPLAY_NONE_RE = /(?:^|;)\s*display\s*:\s*none\b/i;
const MAILTO_RE = /^\s*mailto:/i;
const MAYBE_EMAIL_RE = /@|mailto:/i;

const isElement = (node: Node): node is Element => node.nodeType === Node.ELEMENT_NODE;
const isText = (node: Node): node is Text => node.nodeType === Node.TEXT_NODE;

/** Cheap visibility check: `hidden`, `aria-hidden="true"`, inline `display: none`. */
function isHidden(el: Element): boolean {
  return (
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true' ||
    DISPLAY_NONE_RE.test(el.getAttribute('style') ?? '')
  );
}

function mailtoHref(el: Element): string | null {
  if (el.localName !== 'a' && el.localName !== 'area') return null;
  const href = el.getAttribute('href');
  return href !== null && MAILTO_RE.test(href) ? href : null;
}

/**
 * Addresses in the visible text under `root` plus those in `mailto:` links
 * (hidden ones too), normalised, unique, in document order, at most MAX_EMAILS.
 */
export function scanRoot(root: ParentNode): string[] {
  const found = new Set<string>();
  const add = (emails: string[]): void => {
    for (const email of emails) if (found.size < MAX_EMAILS) found.add(email);
  };
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let node: Node | null = root;
  while (node !== null && found.size < MAX_EMAILS) {
    let descend = true;
    if (isText(node)) {
      add(extractEmails(node.data));
    } else if (isElement(node)) {
      if (SKIPPED_TAGS.has(node.localName)) {
        descend = false;
      } else if (isHidden(node)) {
        descend = false;
        // Hidden links still name people: keep their mailto targets, in order.
        for (const el of [node, ...node.querySelectorAll('a[href], area[href]')]) {
          const href = mailtoHref(el);
          if (href !== null) add(emailsFromMailto(href));
        }
      } else {
        const href = mailtoHref(node);
        if (href !== null) add(emailsFromMailto(href));
      }
    }
    node = descend ? walker.nextNode() : nextOutside(walker, root);
  }
  return [...found];
}

/** Moves the walker past the current node's subtree (staying inside `root`). */
function nextOutside(walker: TreeWalker, root: Node): Node | null {
  while (walker.currentNode !== root) {
    const sibling = walker.nextSibling();
    if (sibling !== null) return sibling;
    if (walker.parentNode() === null) return null;
  }
  return null;
}

/** Whether a mutation can change what scanRoot returns. */
function isRelevant(record: MutationRecord): boolean {
  const target = record.target;
  if (record.type === 'characterData') {
    const now = isText(target) ? target.data : '';
    return MAYBE_EMAIL_RE.test(record.oldValue ?? '') || MAYBE_EMAIL_RE.test(now);
  }
  if (record.type === 'attributes' && record.attributeName === 'style' && isElement(target)) {
    // Only matters when inline `display: none` was toggled.
    return DISPLAY_NONE_RE.test(record.oldValue ?? '') !== DISPLAY_NONE_RE.test(target.getAttribute('style') ?? '');
  }
  return true;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((email, i) => email === b[i]);

export interface WatchOptions {
  /** Quiet time after the last relevant mutation before rescanning. Default 300. */
  debounceMs?: number;
  /** Rescan at the latest this long after the first pending mutation. Default 2000. */
  maxWaitMs?: number;
}

/**
 * Scans `root` now and reports the result, then rescans (debounced) on DOM
 * mutations and reports again only when the list changed. Returns `stop`.
 */
export function watch(
  root: Node,
  onChange: (emails: string[]) => void,
  opts: WatchOptions = {},
): () => void {
  const debounceMs = opts.debounceMs ?? 300;
  const maxWaitMs = Math.max(opts.maxWaitMs ?? 2000, debounceMs);
  let debounceTimer: ReturnType<typeof setTimeout> | undefined;
  let maxWaitTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const scan = (): string[] => scanRoot(root as ParentNode);
  let last = scan();
  onChange(last);

  const clearTimers = (): void => {
    clearTimeout(debounceTimer);
    clearTimeout(maxWaitTimer);
    debounceTimer = maxWaitTimer = undefined;
  };
  const flush = (): void => {
    clearTimers();
    if (stopped) return;
    const next = scan();
    if (sameList(next, last)) return;
    last = next;
    onChange(next);
  };

  const observer = new MutationObserver((records) => {
    if (stopped || !records.some(isRelevant)) return;
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(flush, debounceMs);
    maxWaitTimer ??= setTimeout(flush, maxWaitMs);
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
    characterDataOldValue: true,
    attributes: true,
    attributeOldValue: true,
    attributeFilter: ['href', 'hidden', 'aria-hidden', 'style'],
  });

  return () => {
    stopped = true;
    observer.disconnect();
    clearTimers();
  };
}
