/**
 * The walker: (re)scans units in document order, one node at a time, and can stop between any two nodes
 * and resume later — so the first scan of a large page runs in short slices, and a change rescans only the
 * units it touched (a registered nested unit is kept as it is, a new one is scanned in full, one no longer
 * found is dropped with its addresses). Open shadow roots and same-origin iframes are units of their own.
 */
import { extractFound, mayHoldAddress, normalizeEmail, type Found } from '../detect/detect';
import { attributeFound, hiddenFound, isElement, isHidden, isRendered, kindOf } from './elements';
import { Registry, type Unit, type UnitNode } from './units';

/** No one text run yields more addresses than this (the page's count is what Snapshot.total reports). */
const MAX_PER_RUN = 100_000;
const NONE: Found[] = [];

interface Frame {
  unit: Unit;
  /** The next node of the unit's own content to visit; null when the unit is done. */
  next: Node | null;
  /** The current run of inline text (text nodes, and '\n' or a link's edge), joined when a block boundary ends it. */
  parts: Array<Text | string>;
  /** Inline elements of the current run with a class or style: a stylesheet may hide them (asked only if the run may hold an address). */
  styled: Element[] | null;
  /** Where the open link's text starts in `parts` (-1: none). */
  link: number;
  /** What this scan of the unit found so far, counted as it was found (so the first scan keeps page order). */
  seen: Map<string, Found> | null;
  /** Whether the browser renders the unit: asked the first time its text holds an address. */
  rendered: boolean | null;
  /** The nested units met (most units have none: allocated on the first). */
  children: Set<Unit> | null;
}

export interface WalkHooks {
  /** A document or shadow root entered the scan: the watcher observes it. */
  root(node: Document | ShadowRoot): void;
  /** An iframe entered the scan: its next load must rescan it. */
  frame(iframe: HTMLIFrameElement): void;
  /** A custom element with no shadow root yet: it may attach one later, which no mutation reports. */
  host(el: Element): void;
}

export class Walker {
  private readonly stack: Frame[] = [];
  /** Nodes to rescan around; `true`: the element's own attributes changed (it may change kind). */
  private readonly queue = new Map<Node, boolean>();

  constructor(
    readonly registry: Registry,
    private readonly root: UnitNode,
    private readonly hooks: WalkHooks,
  ) {
    this.queue.set(root, false);
  }

  /** Something under `node` was added, changed or removed; `attributes`: the element's own attributes changed. */
  mark(node: Node, attributes = false): void {
    this.queue.set(node, (this.queue.get(node) ?? false) || attributes);
  }

  get idle(): boolean {
    return !this.stack.length && !this.queue.size;
  }

  /** Works until idle (true) or until `more()`, asked every few nodes, says stop (false). */
  run(more: () => boolean): boolean {
    for (let n = 1; ; n++) {
      const top = this.stack[this.stack.length - 1];
      if (top) {
        if (top.next === null) this.finish(top);
        else this.step(top, top.next);
      } else if (this.queue.size) {
        this.resolve();
      } else {
        return true;
      }
      if (n % 32 === 0 && !more()) return this.idle;
    }
  }

  /** Turns the next queued change into a rescan of the unit that holds it (only ever with an empty stack). */
  private resolve(): void {
    const [node, attributes] = this.queue.entries().next().value as [Node, boolean];
    this.queue.delete(node);
    const reg = this.registry;
    if (node === this.root) {
      // The root itself: scanned afresh (its attributes may have changed what it is).
      const old = reg.get(node);
      if (old && !attributes) return this.open(old);
      if (old) reg.drop(old);
      return this.open(reg.register(this.root, null));
    }
    let target: Node | null = node;
    if (attributes && isElement(node)) {
      const unit = reg.get(node);
      if (unit) reg.drop(unit); // its parent's rescan classifies it again
      target = node.parentNode;
    }
    const unit = target && reg.owner(target);
    if (unit) this.open(unit);
  }

  /** Starts (re)scanning a unit: its own attributes first, then a shadow root or a frame's document. */
  private open(unit: Unit): void {
    const node = unit.node;
    const frame: Frame = { unit, next: node.firstChild, parts: [], styled: null, link: -1, seen: null, rendered: null, children: null };
    this.stack.push(frame);
    if (!isElement(node)) {
      this.hooks.root(node as Document | ShadowRoot);
      return;
    }
    if (node.hasAttributes()) {
      if (isHidden(node)) {
        this.found(frame, hiddenFound(node));
        frame.next = null;
        return;
      }
      this.found(frame, attributeFound(node));
    }
    if (node.localName === 'iframe') {
      frame.next = null;
      this.hooks.frame(node as HTMLIFrameElement);
      const doc = frameDocument(node as HTMLIFrameElement);
      if (doc) this.child(frame, doc);
    } else if (node.shadowRoot) {
      this.child(frame, node.shadowRoot);
    } else if (node.localName.includes('-')) {
      this.hooks.host(node);
    }
  }

  /** A nested unit met while scanning `frame`: kept as it is if known (and adopted), else scanned now. */
  private child(frame: Frame, node: UnitNode): void {
    const known = this.registry.get(node);
    if (known) {
      if (known.parent !== frame.unit) {
        known.parent?.children?.delete(known);
        known.parent = frame.unit;
      }
      (frame.children ??= new Set()).add(known);
      return;
    }
    const unit = this.registry.register(node, frame.unit);
    (frame.children ??= new Set()).add(unit);
    this.open(unit);
  }

  private step(frame: Frame, node: Node): void {
    const type = node.nodeType;
    if (type === 3) {
      frame.parts.push(node as Text);
      return advance(frame, node, false);
    }
    if (type !== 1 || !isElement(node)) return advance(frame, node, false);
    // A known unit is still a unit: only an attribute change makes it something else, and that change is
    // queued (it drops the unit and rescans its parent).
    const kind = kindOf(node);
    if (kind === 'skip') return advance(frame, node, false);
    if (kind === 'hidden') {
      // Hidden inside a run (`ana@<span hidden>no spam</span>example.com`): its text is skipped, the run goes on.
      this.found(frame, hiddenFound(node));
      return advance(frame, node, false);
    }
    if (kind === 'unit') {
      this.flush(frame);
      advance(frame, node, false);
      return this.child(frame, node);
    }
    if (kind === 'break') frame.parts.push('\n');
    if (node.hasAttributes()) {
      if (kind === 'inline' && (node.hasAttribute('class') || node.hasAttribute('style'))) (frame.styled ??= []).push(node);
      const found = attributeFound(node);
      if (found.length) {
        this.flush(frame); // the text before a link comes before it
        this.found(frame, found);
      }
    }
    if (node.localName === 'a') frame.link = frame.parts.length;
    advance(frame, node, kind === 'inline');
  }

  /** Counts what the unit names, once per address (a later name fills a missing one). */
  private found(frame: Frame, found: Found[]): void {
    if (!found.length) return;
    frame.seen ??= new Map();
    for (const f of found) {
      const had = frame.seen.get(f.email);
      if (!had) {
        frame.seen.set(f.email, f);
        this.registry.add(f);
      } else if (f.name && !had.name) {
        frame.seen.set(f.email, f);
        this.registry.name(f);
      }
    }
  }

  /** Matches the run of inline text gathered so far (a block boundary ends it). Unrendered text counts for nothing. */
  private flush(frame: Frame): void {
    if (!frame.parts.length) return;
    let parts = frame.parts;
    const styled = frame.styled;
    frame.parts = [];
    frame.styled = null;
    frame.link = -1;
    let text = join(parts);
    if (text.length < 6 || !mayHoldAddress(text)) return;
    const gone = styled?.filter((el) => !isRendered(el));
    if (gone?.length) {
      // Text a stylesheet hides is not part of what the page shows.
      parts = parts.filter((p) => typeof p === 'string' || !gone.some((el) => el.contains(p)));
      text = join(parts);
    }
    const found = extractFound(text, MAX_PER_RUN);
    if (!found.length) return;
    const node = frame.unit.node;
    frame.rendered ??= !isElement(node) || isRendered(node);
    if (frame.rendered) this.found(frame, found);
  }

  private finish(frame: Frame): void {
    this.flush(frame);
    this.stack.pop();
    const { unit } = frame;
    const found = frame.seen ? [...frame.seen.values()] : NONE;
    if (this.registry.get(unit.node) !== unit) {
      this.registry.release(found); // dropped meanwhile
      return;
    }
    this.registry.release(unit.found);
    unit.found = found;
    if (unit.children) {
      for (const child of unit.children) if (!frame.children?.has(child) && child.parent === unit) this.registry.drop(child);
    }
    unit.children = frame.children;
  }
}

const EDGE = '\u200b';

/** A link's edges end an address its text shows whole: `<a>ana@example.fi</a><span>Next` is not ana@example.finext. */
function leaveLink(frame: Frame): void {
  const from = frame.link;
  frame.link = -1;
  if (from < 0) return;
  const inner = join(frame.parts.slice(from));
  if (inner.includes('@') && normalizeEmail(inner) !== null) {
    frame.parts.splice(from, 0, EDGE);
    frame.parts.push(EDGE);
  }
}
const join = (parts: Array<Text | string>): string => (parts.length === 1 ? text(parts[0]!) : parts.map(text).join(''));
const text = (p: Text | string): string => (typeof p === 'string' ? p : p.data);

function advance(frame: Frame, node: Node, descend: boolean): void {
  if (descend && node.firstChild) {
    frame.next = node.firstChild;
    return;
  }
  const root = frame.unit.node;
  for (let n: Node | null = node; n && n !== root; n = n.parentNode) {
    if ((n as Element).localName === 'a') leaveLink(frame);
    if (n.nextSibling) {
      frame.next = n.nextSibling;
      return;
    }
  }
  frame.next = null;
}

function frameDocument(iframe: HTMLIFrameElement): Document | null {
  try {
    return iframe.contentDocument;
  } catch {
    return null;
  }
}
