/**
 * Optional highlighting of the addresses found on the page (Settings → "Highlight email addresses on pages").
 *
 * Nothing of the page is changed: the marks are drawn in a layer of our own (a closed shadow root on a host
 * element under <html>), positioned over the page's text. Every detected address gets the same neutral mark —
 * the content script never knows which are Intercom contacts, and the page cannot read the layer anyway.
 * Marks let clicks through (the page's text stays selectable); a click that lands on a mark, or Enter on a
 * mark reached with Tab, opens the in-page card for that address.
 */

import { addressSpans, decodeCloudflare, emailsFromMailto, foundInCloudflareHref, mayHoldAddress, normalizeEmail } from '../detect/detect';
import { isElement, isRendered, isText, kindOf } from './elements';
import { keepAttached } from './keep-attached';

/** Upper bound on marks drawn (a page with thousands of addresses gets the first ones, in page order). */
export const MAX_MARKS = 500;
const HOST_TAG = 'sidekick-marks';
/** Besides what the scanner skips: text in form fields is the user's, not the page's. */
const FIELDS = new Set(['textarea', 'input', 'select', 'option']);

export interface Mark {
  email: string;
  range: Range;
}

export interface HighlightOptions {
  /** The accessible name of a mark. */
  label: (email: string) => string;
  /**
   * A mark was activated; `mark` is where focus goes back when the card closes, `where` the activated address's
   * box now (null once it is gone, undefined while the page's re-render is being followed), to tell whether it moved.
   */
  onActivate: (email: string, rect: DOMRect, mark: HTMLElement | null, where: () => DOMRect | null | undefined) => void;
}

export interface Highlighter {
  update(emails: readonly string[]): void;
  destroy(): void;
}

/**
 * The nearest ancestor whose text stands alone (the scanner's unit, or a link whose text is an address: its edges
 * end the address, as the scanner reads it): text under the same one reads as one run.
 */
function blockOf(node: Node): Node | null {
  let el = node.parentElement;
  while (el && kindOf(el) === 'inline' && !(el.localName === 'a' && normalizeEmail(el.textContent ?? '') !== null)) el = el.parentElement;
  return el;
}

/** What the scanner does not read: skipped elements, hidden inline ones (a stylesheet's too), and form fields. */
function skipped(el: Element): boolean {
  const kind = kindOf(el);
  return kind === 'skip' || kind === 'hidden' || FIELDS.has(el.localName) || (kind === 'inline' && (el.hasAttribute('class') || el.hasAttribute('style')) && !isRendered(el));
}

/**
 * The text ranges (and links) that show one of `emails`, in page order, at most `max`. Text is read the way the
 * scanner reads it — runs of inline text joined — so `<span>ana</span>@<b>example.com</b>` is one mark, and so
 * are `ana [at] example [dot] com` and a Cloudflare-protected address.
 */
export function findMarks(root: Node, emails: ReadonlySet<string>, max = MAX_MARKS): Mark[] {
  const doc = root.ownerDocument ?? (root as Document);
  const marks: Mark[] = [];
  if (!emails.size) return marks;
  let run: Text[] = [];
  let runBlock: Node | null = null;

  const flush = () => {
    const nodes = run;
    run = [];
    const text = nodes.map((n) => n.data).join('');
    if (!mayHoldAddress(text)) return;
    const starts: number[] = [];
    nodes.reduce((at, n) => (starts.push(at), at + n.data.length), 0);
    // The node holding the character at `offset` (the last one that starts at or before it).
    const at = (offset: number, end: boolean): [Text, number] => {
      let i = nodes.length - 1;
      while (i > 0 && (end ? starts[i]! >= offset : starts[i]! > offset)) i--;
      return [nodes[i]!, offset - starts[i]!];
    };
    // The detector's own spans (plain and obfuscated addresses): the mark covers what the page shows.
    for (const span of addressSpans(text)) {
      if (marks.length >= max) return;
      if (!emails.has(span.email)) continue;
      const range = doc.createRange();
      range.setStart(...at(span.start, false));
      range.setEnd(...at(span.end, true));
      marks.push({ email: span.email, range });
    }
  };
  /** An element that stands for an address without showing it (Cloudflare's "[email protected]"). */
  const markElement = (el: Element, email: string | null) => {
    if (!email || !emails.has(email) || marks.length >= max) return;
    const range = doc.createRange();
    range.selectNodeContents(el);
    marks.push({ email, range });
  };

  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (isElement(node) && skipped(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node && marks.length < max; node = walker.nextNode()) {
    if (isText(node)) {
      const block = blockOf(node);
      if (block !== runBlock) flush();
      runBlock = block;
      run.push(node);
    } else if (isElement(node)) {
      const cf = node.getAttribute('data-cfemail');
      if (cf) markElement(node, decodeCloudflare(cf));
      // A block or a line break between two texts: they are not one address.
      if (kindOf(node) !== 'inline') {
        flush();
        runBlock = null;
      }
    }
  }
  flush();
  // Links whose text isn't the address ("Write to Ana") still name someone.
  const base = root instanceof Document ? root : (root as ParentNode);
  for (const a of base.querySelectorAll?.('a[href]') ?? []) {
    if (marks.length >= max) break;
    const href = a.getAttribute('href') ?? '';
    // Not a link already marked, by its text (a mailto link showing its address) or as Cloudflare's element.
    if (marks.some((m) => a.contains(m.range.startContainer))) continue;
    markElement(a, [...foundInCloudflareHref(href).map((f) => f.email), ...emailsFromMailto(href)].find((e) => emails.has(e)) ?? null);
  }
  return marks;
}

/** The first line of a range's boxes, as one rectangle (an address split across elements has several boxes). */
export function firstLine(range: Range): DOMRect | null {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  const first = rects[0];
  if (!first) return null;
  const line = rects.filter((r) => Math.abs(r.top - first.top) < first.height / 2);
  const left = Math.min(...line.map((r) => r.left));
  const right = Math.max(...line.map((r) => r.right));
  const top = Math.min(...line.map((r) => r.top));
  const bottom = Math.max(...line.map((r) => r.bottom));
  return new DOMRect(left, top, right - left, bottom - top);
}

const STYLE = `
:host { all: initial !important; display: block !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483646 !important;
  pointer-events: none !important; opacity: 1 !important; visibility: visible !important; transform: none !important; }
.m { all: initial; position: fixed; box-sizing: border-box; pointer-events: none; border-radius: 2px; cursor: pointer;
  background: rgba(128, 128, 128, 0.14); border-bottom: 2px dotted rgba(110, 110, 110, 0.9); }
.m:focus-visible { outline: 2px solid #4f6bd8; outline-offset: 2px; background: rgba(79, 107, 216, 0.14); }
`;

export function createHighlighter(doc: Document, options: HighlightOptions): Highlighter {
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  root.append(style);
  let marks: Mark[] = [];
  let buttons: HTMLButtonElement[] = [];
  let rects: Array<DOMRect | null> = [];
  let frame = 0;
  let shown: readonly string[] = [];
  let rebuild: ReturnType<typeof setTimeout> | undefined;

  const layout = () => {
    frame = 0;
    rects = marks.map(({ range }) => firstLine(range));
    rects.forEach((r, i) => {
      const b = buttons[i]!;
      b.hidden = r === null;
      if (!r) return;
      b.style.left = `${r.left}px`;
      b.style.top = `${r.top}px`;
      b.style.width = `${r.width}px`;
      b.style.height = `${r.height}px`;
    });
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(layout);
  };

  const activate = (i: number) => {
    const mark = marks[i];
    // Measured now, not at the last layout: the card's anchor is where the address is at this moment.
    const rect = mark ? firstLine(mark.range) : null;
    if (rect && mark) options.onActivate(mark.email, rect, buttons[i] ?? null, () => whereNow(mark, rect));
  };
  /**
   * Where the activated address is now: its own range while the page keeps it, else (the page re-rendered it)
   * the same address nearest to where it was once the marks are found again; undefined while that is pending,
   * null once it is gone. Another copy of the address elsewhere on the page is never taken for it.
   */
  const whereNow = (mark: Mark, at: DOMRect): DOMRect | null | undefined => {
    if (mark.range.startContainer.isConnected && !mark.range.collapsed) return firstLine(mark.range);
    if (rebuild !== undefined) return undefined;
    let best: DOMRect | null = null;
    let bestDistance = Infinity;
    for (const m of marks) {
      if (m.email !== mark.email) continue;
      const r = firstLine(m.range);
      const distance = r ? Math.hypot(r.left - at.left, r.top - at.top) : Infinity;
      if (r && distance < bestDistance) [best, bestDistance] = [r, distance];
    }
    return best;
  };
  // Keyboard: a mark is a button reached with Tab; Enter or Space clicks it.
  root.addEventListener('click', (e) => {
    const i = buttons.indexOf(e.target as HTMLButtonElement);
    if (i >= 0 && e.isTrusted) activate(i);
  });
  // Mouse: marks let the pointer through, so the click is the page's; one that lands on a mark is ours.
  const onClick = (e: MouseEvent) => {
    if (!e.isTrusted || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    if (!doc.getSelection()?.isCollapsed) return; // the user was selecting text
    const i = rects.findIndex((r) => r && e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom);
    if (i < 0) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    activate(i);
  };
  const view = doc.defaultView!;
  view.addEventListener('click', onClick, true);
  view.addEventListener('scroll', schedule, { capture: true, passive: true });
  view.addEventListener('resize', schedule, { passive: true });
  const resized = new ResizeObserver(schedule);
  if (doc.body) resized.observe(doc.body);
  const detach = keepAttached(host);
  // A page that re-renders the same addresses (new text nodes, same list) needs the marks found again.
  const changes = new MutationObserver(() => {
    clearTimeout(rebuild);
    rebuild = setTimeout(() => {
      rebuild = undefined;
      api.update(shown);
    }, 250);
  });
  if (doc.body) changes.observe(doc.body, { childList: true, subtree: true, characterData: true });

  const api: Highlighter = {
    update(emails) {
      shown = emails;
      marks = findMarks(doc.body ?? doc, new Set(emails));
      for (const b of buttons.splice(marks.length)) b.remove();
      marks.forEach(({ email }, i) => {
        let b = buttons[i];
        if (!b) {
          b = doc.createElement('button');
          b.type = 'button';
          b.className = 'm';
          root.append(b);
          buttons.push(b);
        }
        b.setAttribute('aria-label', options.label(email));
      });
      layout();
    },
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      clearTimeout(rebuild);
      changes.disconnect();
      view.removeEventListener('click', onClick, true);
      view.removeEventListener('scroll', schedule, true);
      view.removeEventListener('resize', schedule);
      resized.disconnect();
      detach();
      host.remove();
      marks = [];
      buttons = [];
    },
  };
  return api;
}
