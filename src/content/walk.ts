/**
 * The walker. A scan of a subtree is one pass of a native TreeWalker over its elements and text nodes that only
 * looks for candidates, and reads as little as it can on the way: of a text node only its length, of an element
 * only whether it hosts a shadow root or is a frame or custom element. The text itself is read in chunks of
 * neighbouring text nodes (one native Range read, not a string per node) and searched once for an `@` that may
 * start an address (not `logo@2x.png`), `mailto:` or an obfuscation marker; the elements whose attributes may
 * carry an address are links (met on the way: their name is read anyway) or come from a few native queries per
 * pass (`data-cfemail`, microdata or hCard `email`). Only the unit around a candidate — its nearest block, or the hidden element above it —
 * has its inline text assembled, matched and (if it holds an address) checked for visibility. The pass stops
 * between any two nodes and resumes later, so a large page's first scan runs in short slices. A change rescans the
 * unit it touched, and passes over what it added; open shadow roots and same-origin iframes get passes of their own.
 * (Closures rather than a class: the content script's size counts, and local names minify.)
 */
import { extractFound, mayHoldAddress, normalizeEmail, type Found } from '../detect/detect';
import { attributeFound, hiddenFound, isElement, isHidden, isRendered, kindOf, mayCarry } from './elements';
import { up, type Registry, type UnitNode } from './units';

/** No one text run yields more addresses than this (the page's count is what Snapshot.total reports). */
const MAX_PER_RUN = 100_000;
/** Where a link whose text is an address ends: nothing of an address. */
const EDGE = '\u200b';
/** How much text (UTF-16 units) a chunk gathers before it is searched: bounds the work between two checks of the clock. */
const CHUNK = 32_768;
/** Enough of a chunk's end to hold the start of any marker the next chunk completes (`( at`, `mailto:`, `arobase`). */
const CARRY = 8;
/**
 * Where a text node may be a candidate (isCandidate's triggers, searched across a whole chunk): an `@` (found
 * with indexOf; its `@2x.` image names are let go), and each obfuscation marker's first letters. A superset: a
 * match costs a look at its unit, never an answer.
 */
const SIFT_RE = /＠|[[({［（]\s{0,3}[aäアاแ]|dot|arobase|アットマーク|แอท|mailto:/gi;
/**
 * The elements other than links whose attributes may carry an address (mayCarry tells exactly), found natively
 * once per pass: one query each, since a single simple selector takes a fast path a list of them does not.
 */
const CARRIERS = ['[data-cfemail]', '[itemprop*=email i]', '[class*=email i]'];

export interface WalkHooks {
  /** A shadow root or a frame's document entered the scan: the watcher observes it. */
  root(node: Document | ShadowRoot): void;
  /** An iframe entered the scan: its next load must rescan it. */
  frame(iframe: HTMLIFrameElement): void;
  /** A custom element with no shadow root yet: it may attach one later, which no mutation reports. */
  host(el: Element): void;
}

/** Where the time of a scan goes (the bench's breakdown): per unit scanned, the clock is read around its parts. */
export interface Profile {
  now: () => number;
  units: number;
  /** Reading the text in chunks and searching it for candidates. */
  test: number;
  /** All of the units' own time: assembling their text, matching it and asking for visibility. */
  assembly: number;
  match: number;
  visibility: number;
}

/**
 * One pass over a subtree (nested passes, for shadow roots and frames, go on top of it), with what a unit scanned
 * early names further on (`<div>ana@x.com <p>bo@y.com</p> cy@z.com</div>`: cy after bo), in page order: counted
 * when the pass reaches where it is, so the first scan lists addresses in page order.
 */
type Pass = [root: Node, walker: TreeWalker, later: Array<[Node, UnitNode, Found]>, carriers: Element[], next: number];

export interface Walker {
  readonly registry: Registry;
  /** Something at `node` changed; `deep`: its subtree is new or may have changed what it is (attributes). */
  mark(node: Node, deep?: boolean): void;
  /** Nodes were removed: units no longer on the page are let go once the queue is done. */
  removed(): void;
  /** Works until idle (true) or until `more()`, asked every few nodes, says stop (false). */
  run(more: () => boolean): boolean;
}

export function createWalker(registry: Registry, root: UnitNode, hooks: WalkHooks, profile?: Profile): Walker {
  const passes: Pass[] = [];
  /** Changes to rescan around: `true` also passes over the node's subtree. */
  const queue = new Map<Node, boolean>([[root, true]]);
  /** Units scanned by the deep job under way (each once), and units it lets go of unless it scanned them. */
  let done = new Set<UnitNode>();
  let stale: UnitNode[] = [];
  let sweep = false;

  // The unit being scanned: its current run of inline text (text nodes, '\n' and a link's edges), the inline
  // elements of the run with a class or style (a stylesheet may hide them: asked only if the run may hold an
  // address), where the open link's text starts (-1: none), the first text node of the run, each address once with
  // where it is, and whether the browser renders the unit (asked the first time its text holds an address).
  let unit: UnitNode = root;
  let parts: Array<Text | string> = [];
  let styled: Element[] | null = null;
  let link = -1;
  let first: Node | null = null;
  let seen = new Map<string, [Found, Node]>();
  let rendered: boolean | null = null;
  // The top pass's text not searched yet: its nodes in order and where each ends in their joined text. `here`: the
  // node a unit was scanned for within a pass (what it names after that is counted when the pass gets there).
  let texts: Text[] = [];
  let ends: number[] = [];
  let length = 0;
  let tail = '';
  let tailNodes: Text[] = [];
  let tailEnds: number[] = [];
  let here: Node | null = null;

  /** Lets go of the characters kept from the last chunk (with their nodes): the next text is another tree's, or starts over. */
  const drop = (): void => {
    tail = '';
    tailNodes = tailEnds = [];
  };
  const idle = (): boolean => !passes.length && !queue.size && !sweep;
  const inside = (node: Node, ancestor: Node): boolean => {
    for (let n: Node | null = node; n; n = up(n)) if (n === ancestor) return true;
    return false;
  };

  function finish(): void {
    for (const node of stale) if (!done.has(node)) registry.set(node, []);
    stale = [];
  }

  /** Turns the next queued change into a rescan of its unit and, if deep, a pass over its subtree. */
  function resolve(): void {
    const [node, deep] = queue.entries().next().value as [Node, boolean];
    queue.delete(node);
    const at = unitOf(node, root);
    if (deep) {
      // What the subtree's units named before: let go of at the end unless the pass scans them again.
      done = new Set();
      stale = registry.nodes().filter((u) => inside(u, node));
    }
    if (at) scan(at);
    if (!deep) return;
    start(node);
    if (!passes.length) finish();
  }

  /** A pass over `node`'s subtree, after `node` itself. */
  function start(node: Node): void {
    if (isElement(node)) element(node);
    const lists = CARRIERS.map((selector) => [...((node as ParentNode).querySelectorAll?.(selector) ?? [])]);
    passes.push([node, (node.ownerDocument ?? (node as Document)).createTreeWalker(node, 5 /* SHOW_ELEMENT | SHOW_TEXT */), [], merge(lists), 0]);
  }

  /** Counts what was left for before `node` and at it (all of it with `node` null: the pass is over). */
  function reach(later: Pass[2], node: Node | null): void {
    let i = 0;
    for (; i < later.length && (node === null || later[i]![0] === node || later[i]![0].compareDocumentPosition(node) & 4); i++) registry.append(later[i]![1], later[i]![2]);
    later.splice(0, i);
  }

  /** An element of a pass (`pass`; `listed`: one of its carriers), or the root of one about to start (none). */
  function element(el: Element, pass?: Pass, listed?: boolean): void {
    const name = el.localName;
    const shadow = el.shadowRoot;
    const frame = name === 'iframe';
    const carries = (listed || name === 'a' || name === 'area' || (!pass && el.hasAttributes())) && mayCarry(el);
    if (pass && (shadow || frame || carries)) {
      // The text before it comes first, and a nested pass starts with no text of this one.
      sift(pass, !(shadow || frame));
      reach(pass[2], el);
      here = el;
    }
    if (carries) candidate(el);
    if (shadow) nested(el, shadow);
    else if (frame) {
      hooks.frame(el as HTMLIFrameElement);
      const doc = frameDocument(el as HTMLIFrameElement);
      if (doc) nested(el, doc);
    } else if (name.includes('-')) hooks.host(el);
  }

  /** A shadow root or a frame's document under `host`: a pass of its own, unless the host is hidden or skipped. */
  function nested(host: Element, node: Document | ShadowRoot): void {
    const at = unitOf(host, root);
    if (!at || (isElement(at) && isHidden(at))) return;
    hooks.root(node);
    start(node);
  }

  /**
   * Walks the pass on until it ends (true), a nested pass starts (true: it runs first) or `more()` says stop (false).
   * The common path reads a text node's length, or an element's shadow root and name, and nothing else.
   */
  function walk(pass: Pass, more: () => boolean): boolean {
    const [, walker, , carriers] = pass;
    let next = carriers[pass[4]];
    for (let i = 1; ; i++) {
      const node = walker.nextNode();
      if (!node) {
        sift(pass, false);
        reach(pass[2], null);
        passes.pop();
        if (!passes.length) finish();
        return true;
      }
      if (node.nodeType === 3) {
        texts.push(node as Text);
        ends.push((length += (node as Text).length));
        if (length > CHUNK) sift(pass, true);
      } else {
        const name = (node as Element).localName;
        if (node === next || (node as Element).shadowRoot || name === 'a' || name === 'iframe' || name === 'area' || name.includes('-')) {
          const carries = node === next;
          if (carries) next = carriers[++pass[4]];
          const depth = passes.length;
          element(node as Element, pass, carries);
          if (passes.length !== depth) return true;
        }
      }
      if (!(i & 31) && !more()) return false;
    }
  }

  /**
   * Searches the pass's gathered text for candidates and scans their units, in page order. `carry`: the last few
   * characters stay (with their nodes) to be searched again with the next chunk, so a marker split across the
   * boundary is still met.
   */
  function sift(pass: Pass, carry: boolean): void {
    const n = texts.length;
    if (!n) {
      if (!carry) drop();
      return;
    }
    const t = profile?.now() ?? 0;
    const last = texts[n - 1]!;
    let body = texts[0]!.data;
    if (n > 1) {
      const range = last.ownerDocument.createRange();
      range.setStart(texts[0]!, 0);
      range.setEnd(last, last.length);
      body = range.toString();
      // Text the walker did not meet between them (the page changed): read node by node instead.
      if (body.length !== ends[n - 1]) body = texts.map((node) => node.data).join('');
    }
    const text = tail + body;
    const nodes = tailNodes.concat(texts);
    const stops = tailEnds.concat(ends.map((end) => end + tail.length));
    texts = [];
    ends = [];
    length = 0;
    const hits = siftText(text, stops).map((i) => nodes[i]!);
    tail = carry ? text.slice(-CARRY) : '';
    const from = text.length - tail.length;
    let j = nodes.length - 1;
    while (j > 0 && stops[j - 1]! > from) j--;
    tailNodes = tail ? nodes.slice(j) : [];
    tailEnds = tail ? stops.slice(j).map((end) => end - from) : [];
    if (profile) profile.test += profile.now() - t;
    for (const node of hits) {
      reach(pass[2], node);
      here = node;
      candidate(node);
    }
  }

  function candidate(node: Node): void {
    const at = unitOf(node, root);
    if (at && !done.has(at)) scan(at);
  }

  /** Scans one unit's own text and attributes (not its nested units) and counts what it names now. */
  function scan(node: UnitNode): void {
    done.add(node);
    const t = profile?.now() ?? 0;
    unit = node;
    parts = [];
    styled = first = null;
    link = -1;
    seen = new Map();
    rendered = null;
    if (isElement(node) && node.hasAttributes()) {
      if (isHidden(node)) {
        found(hiddenFound(node), node);
        return count();
      }
      found(attributeFound(node), node);
    }
    for (let next: Node | null = node.firstChild; next; ) next = step(next);
    flush();
    count();
    if (profile) {
      profile.units++;
      profile.assembly += profile.now() - t;
    }
  }

  /** One node of the unit's content; returns the next one. */
  function step(node: Node): Node | null {
    const type = node.nodeType;
    if (type === 3) {
      if (!parts.length) first = node;
      parts.push(node as Text);
      return advance(node, false);
    }
    if (type !== 1) return advance(node, false);
    const el = node as Element;
    const kind = kindOf(el);
    // Hidden inside a run (`ana@<span hidden>no spam</span>example.com`): its text is skipped, the run goes on.
    if (kind === 'hidden') found(hiddenFound(el), el);
    else if (kind === 'unit') flush();
    if (kind === 'hidden' || kind === 'unit' || kind === 'skip') return advance(node, false);
    if (kind === 'break') parts.push('\n');
    if (el.hasAttributes()) {
      if (kind === 'inline' && (el.hasAttribute('class') || el.hasAttribute('style'))) (styled ??= []).push(el);
      const carried = attributeFound(el);
      if (carried.length) {
        flush(); // the text before a link comes before it
        found(carried, el);
      }
    }
    if (el.localName === 'a') link = parts.length;
    return advance(node, kind === 'inline');
  }

  /** The node after `node` in the unit (into it when `descend`), leaving links on the way up. */
  function advance(node: Node, descend: boolean): Node | null {
    if (descend && node.firstChild) return node.firstChild;
    for (let n: Node | null = node; n && n !== unit; n = n.parentNode) {
      if ((n as Element).localName === 'a') leaveLink();
      if (n.nextSibling) return n.nextSibling;
    }
    return null;
  }

  /** A link's edges end an address its text shows whole: `<a>ana@example.fi</a><span>Next` is not ana@example.finext. */
  function leaveLink(): void {
    const from = link;
    link = -1;
    if (from < 0) return;
    const inner = join(parts.slice(from));
    if (inner.includes('@') && normalizeEmail(inner) !== null) {
      parts.splice(from, 0, EDGE);
      parts.push(EDGE);
    }
  }

  /** Notes what the unit names, once per address (a later name fills a missing one), with where it is. */
  function found(list: Found[], at: Node): void {
    for (const f of list) {
      const had = seen.get(f.email);
      if (!had) seen.set(f.email, [f, at]);
      else if (f.name && !had[0].name) had[0] = f;
    }
  }

  /** Matches the run of inline text gathered so far (a block boundary ends it). Unrendered text counts for nothing. */
  function flush(): void {
    let run = parts;
    const maybeHidden = styled;
    parts = [];
    styled = null;
    link = -1;
    let text = join(run);
    if (text.length < 6 || !mayHoldAddress(text)) return;
    let t = profile?.now() ?? 0;
    const gone = maybeHidden?.filter((el) => !isRendered(el));
    if (gone?.length) {
      // Text a stylesheet hides is not part of what the page shows.
      run = run.filter((part) => typeof part === 'string' || !gone.some((el) => el.contains(part)));
      text = join(run);
    }
    if (profile) profile.visibility += profile.now() - t;
    t = profile?.now() ?? 0;
    const list = extractFound(text, MAX_PER_RUN);
    if (profile) profile.match += profile.now() - t;
    if (!list.length) return;
    t = profile?.now() ?? 0;
    rendered ??= !isElement(unit) || isRendered(unit);
    if (profile) profile.visibility += profile.now() - t;
    if (rendered) found(list, first ?? unit);
  }

  /**
   * Counts what the scanned unit names: now what is at or before where the pass is, and, for a pass under way, the
   * rest when the pass reaches it (so addresses keep page order).
   */
  function count(): void {
    const pass = passes[passes.length - 1];
    const now: Found[] = [];
    for (const [f, at] of seen.values()) {
      if (pass && here && at !== here && here.compareDocumentPosition(at) & 4 /* FOLLOWING */ && pass[0].contains(at)) insert(pass[2], [at, unit, f]);
      else now.push(f);
    }
    registry.set(unit, now);
  }

  return {
    registry,
    mark(node, deep = false) {
      queue.set(node, queue.get(node) || deep);
    },
    removed() {
      sweep = true;
    },
    run(more) {
      for (const pass of passes) {
        // A pass resumed after the page changed: its place may have left the tree (then it starts again), and the
        // elements it was to meet may have left or moved before it.
        if (!pass[0].contains(pass[1].currentNode)) {
          pass[1].currentNode = pass[0];
          pass[4] = 0;
          texts = [];
          ends = [];
          length = 0;
          drop();
        }
        const [from, walker, , carriers] = pass;
        while (pass[4] < carriers.length && !(from.contains(carriers[pass[4]]!) && walker.currentNode.compareDocumentPosition(carriers[pass[4]]!) & 4)) pass[4]++;
      }
      for (let n = 1; ; n++) {
        const pass = passes[passes.length - 1];
        if (pass) {
          if (!walk(pass, more)) {
            sift(pass, true);
            return false;
          }
        } else if (queue.size) {
          resolve();
        } else if (sweep) {
          sweep = false;
          for (const node of registry.nodes()) if (!inside(node, root)) registry.set(node, []);
        } else {
          return true;
        }
        if (n % 32 === 0 && !more()) {
          const top = passes[passes.length - 1];
          if (top) sift(top, true);
          return idle();
        }
      }
    },
  };
}

/**
 * The unit that answers for `node`'s text and links: its nearest block (itself, for a block), or above that the
 * outermost hidden element (a hidden block, or the block around a hidden inline element, which counts only its
 * links); a document or shadow root for text directly under it, or the scanned `root`, read as a unit whatever it is;
 * null inside a skipped element or off the page.
 */
export function unitOf(node: Node, root?: Node): UnitNode | null {
  let unit: UnitNode | null = null;
  let needBlock = false;
  // A text or comment node answers to its parent; an element, document or shadow root starts from itself.
  let n: Node | null = node.nodeType === 3 || node.nodeType === 8 ? node.parentNode : node;
  for (; n && n.nodeType === 1; n = n.parentNode) {
    // The scanned root is a unit whatever it is: nothing above it is read.
    if (n === root) break;
    const kind = kindOf(n as Element);
    if (kind === 'skip') return null;
    if (kind === 'hidden') {
      unit = null;
      needBlock = true;
    } else if (kind === 'unit' && (!unit || needBlock || isHidden(n as Element))) {
      unit = n as Element;
      needBlock = false;
    }
  }
  if (!n) return null;
  return unit && !needBlock ? unit : (n as UnitNode);
}

/**
 * Where candidates are in the text of consecutive text nodes joined (node i ends at `stops[i]`): the indexes of the
 * nodes, in order, each once. Every node isCandidate accepts is among them (test/unit/walk-sift.test.ts).
 */
export function siftText(text: string, stops: number[]): number[] {
  const found: number[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) found.push(at);
  const ats = found.length;
  SIFT_RE.lastIndex = 0;
  for (let m = SIFT_RE.exec(text); m; m = SIFT_RE.exec(text)) found.push((SIFT_RE.lastIndex = m.index + 1) - 1);
  if (ats && found.length > ats) found.sort((a, b) => a - b);
  const hits: number[] = [];
  let k = 0;
  for (const at of found) {
    while (stops[k]! <= at) k++;
    if (hits[hits.length - 1] !== k && !(text[at] === '@' && image(text, at, stops[k]!))) hits.push(k);
  }
  return hits;
}

/**
 * Lists each in page order merged into one, each element once (an element may answer more than one query): at
 * most two comparisons per element, so a page with thousands of carriers costs no sort.
 */
export function merge(lists: Element[][]): Element[] {
  const out: Element[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best: Element | undefined;
    let from = -1;
    lists.forEach((list, i) => {
      const el = list[at[i]!];
      if (el && (!best || (el !== best && best.compareDocumentPosition(el) & 2 /* PRECEDING */))) [best, from] = [el, i];
    });
    if (!best) return out;
    at[from]!++;
    if (out[out.length - 1] !== best) out.push(best);
  }
}

/** Whether the `@` at `at` begins an image name's scale (`@2x.`, `@1.5x.`) within its own text node, which ends at `end`. */
function image(text: string, at: number, end: number): boolean {
  let i = at + 1;
  while (i < end && digit(text, i)) i++;
  if (i > at + 1 && i + 1 < end && text[i] === '.' && digit(text, i + 1)) for (i++; i < end && digit(text, i); ) i++;
  return i > at + 1 && i + 1 < end && text[i] === 'x' && text[i + 1] === '.';
}

const digit = (s: string, i: number): boolean => s.charCodeAt(i) - 48 < 10 && s.charCodeAt(i) >= 48;

/** Keeps `later` in page order (most entries come last: checked from the end). */
function insert(later: Pass[2], entry: Pass[2][number]): void {
  let i = later.length;
  while (i > 0 && later[i - 1]![0] !== entry[0] && entry[0].compareDocumentPosition(later[i - 1]![0]) & 4) i--;
  later.splice(i, 0, entry);
}

const text = (p: Text | string): string => (typeof p === 'string' ? p : p.data);
const join = (parts: Array<Text | string>): string => (parts.length === 1 ? text(parts[0]!) : parts.map(text).join(''));

function frameDocument(iframe: HTMLIFrameElement): Document | null {
  try {
    return iframe.contentDocument;
  } catch {
    return null;
  }
}
