/**
 * What the scanner knows of a page, kept per unit so a change costs what it touches. A unit is a block
 * element (its inline text is matched as one string, so `<span>ana</span>@<b>example.com</b>` is one
 * address), a hidden element (only its links count), a shadow root, an iframe, or a document. Only units
 * that name an address are kept, each with the addresses of its own text and attributes (nested units hold
 * theirs). The page's list is the multiset union, kept as a count per address: letting a unit go subtracts
 * exactly what it added.
 */
import { MAX_EMAILS, type Found } from '../detect/detect';

export type UnitNode = Document | ShadowRoot | Element;

/** The addresses on the page: the first MAX_EMAILS in order of first appearance, their names, and how many in all. */
export interface Snapshot {
  emails: string[];
  names: Record<string, string>;
  total: number;
}

/** The node a unit hangs from: the parent, a shadow root's host, or a same-origin frame's iframe element. */
export function up(node: Node): Node | null {
  try {
    return node.parentNode ?? (node.nodeType === 11 ? (node as ShadowRoot).host : node.nodeType === 9 ? (node as Document).defaultView?.frameElement : null) ?? null;
  } catch {
    return null; // a cross-origin frame's element
  }
}

/** (Private members are `#` names: they minify, and the content script's size counts.) */
export class Registry {
  /** What each unit that names an address names, in its order (a unit naming none is not kept). */
  readonly #units = new Map<UnitNode, Found[]>();
  /** Address → how many units name it, and the names they show beside it (the first one wins), in order of first appearance. */
  readonly #counts = new Map<string, [n: number, names: Map<string, number>]>();
  /** Moves whenever the snapshot may have changed (an address came or went, or a name did). */
  version = 0;

  /** The units that name something. */
  nodes(): UnitNode[] {
    return [...this.#units.keys()];
  }

  /** What a unit names now: counted before what it named is let go, so an address it keeps keeps its place. */
  set(node: UnitNode, found: Found[]): void {
    const had = this.#units.get(node);
    for (const f of found) this.#count(f, 1);
    if (found.length) this.#units.set(node, found);
    else this.#units.delete(node);
    for (const f of had ?? []) this.#count(f, -1);
  }

  /** One more address a unit names (found further on in the same scan). */
  append(node: UnitNode, f: Found): void {
    const list = this.#units.get(node);
    if (list) list.push(f);
    else this.#units.set(node, [f]);
    this.#count(f, 1);
  }

  /**
   * One unit more (`d` 1) or fewer (-1) names `f`: a new address goes to the end of the order, one no unit names
   * any more goes, and so does a name no unit shows beside it any more.
   */
  #count({ email, name }: Found, d: number): void {
    let entry = this.#counts.get(email);
    if (!entry) {
      if (d < 0) return;
      this.#counts.set(email, (entry = [0, new Map()]));
    }
    const names = entry[1];
    if ((entry[0] += d) <= 0) this.#counts.delete(email);
    else if (name && (d > 0 || names.has(name))) {
      const left = (names.get(name) ?? 0) + d;
      if (left) names.set(name, left);
      else names.delete(name);
    } else if (entry[0] > 1 || d < 0) return; // nothing the snapshot shows changed
    this.version++;
  }

  snapshot(limit: number = MAX_EMAILS): Snapshot {
    const emails: string[] = [];
    const names: Record<string, string> = {};
    for (const [email, [, shown]] of this.#counts) {
      if (emails.length >= limit) break;
      emails.push(email);
      const name = shown.keys().next().value;
      if (name) names[email] = name;
    }
    return { emails, names, total: this.#counts.size };
  }
}

/** Whether two snapshots (both from Registry.snapshot, so their names are in the same order) say the same. */
export const sameSnapshot = (a: Snapshot | null, b: Snapshot): boolean => a !== null && JSON.stringify(a) === JSON.stringify(b);
