/**
 * What the scanner needs to know about one element: whether its text joins its neighbours' (inline) or
 * stands alone (a block: its own unit), whether a person can see it, and the addresses its attributes carry
 * (`mailto:` links, Cloudflare's email protection, microdata and hCard `email` properties with their names).
 */
import { CF_PATH, cleanName, decodeCloudflare, extractFound, foundInCloudflareHref, foundInMailto, type Found } from '../detect/detect';

/**
 * Tag → kind: never visible page content (skip); text that runs on with the text around it, so
 * `<span>ana</span>@<b>example.com</b>` is one address (inline); a line break that holds no text (break). A tag not
 * listed is a block (a unit of its own). Written as strings: the content script's size counts.
 */
const KINDS = new Map<string, Kind>();
for (const list of 'skip script style template noscript head|inline a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q s samp small span strike strong sub sup time tt u var wbr map area slot|break br hr img input embed meter progress'.split('|')) {
  const [kind, ...tags] = list.split(' ');
  for (const tag of tags) KINDS.set(tag, kind as Kind);
}
export const DISPLAY_NONE_RE = /(?:^|;)\s*display\s*:\s*none\b/i;
const MAILTO_RE = /^\s*mailto:/i;

export const isElement = (node: Node): node is Element => node.nodeType === 1;
export const isText = (node: Node): node is Text => node.nodeType === 3;

/** `hidden`: an inline element hidden by its attributes (`ana@<span hidden>no spam</span>example.com`): its text is skipped, the run goes on. */
export type Kind = 'skip' | 'inline' | 'hidden' | 'break' | 'unit';

export function kindOf(el: Element): Kind {
  const kind = KINDS.get(el.localName);
  if (kind === 'skip') return 'skip';
  if (el.hasAttributes() && isHidden(el)) return kind === 'inline' ? 'hidden' : 'unit';
  if (kind === 'inline') return el.shadowRoot ? 'unit' : 'inline';
  return kind ?? 'unit';
}

/** Cheap visibility check: `hidden`, `aria-hidden="true"`, inline `display: none`. */
export function isHidden(el: Element): boolean {
  return (
    el.hasAttribute('hidden') ||
    /^\s*true\s*$/i.test(el.getAttribute('aria-hidden') ?? '') ||
    DISPLAY_NONE_RE.test(el.getAttribute('style') ?? '')
  );
}

/**
 * Whether the browser renders the element (stylesheets included). Chromium's checkVisibility; where it is
 * missing (jsdom) only the attribute check above applies. `display: contents` has no box but shows its children.
 */
export function isRendered(el: Element): boolean {
  if (el.checkVisibility?.() !== false) return true;
  return el.ownerDocument.defaultView?.getComputedStyle(el).display === 'contents';
}

/** A link's target (of `<a>` or `<area>`: other elements' `href` is no link), or null. */
const hrefOf = (el: Element): string | null => (el.localName === 'a' || el.localName === 'area' ? el.getAttribute('href') : null);

/** Cheap test before attributeFound: whether the element's attributes may carry an address at all. */
export function mayCarry(el: Element): boolean {
  const href = hrefOf(el);
  return (
    (href !== null && (MAILTO_RE.test(href) || href.includes(CF_PATH))) ||
    el.hasAttribute('data-cfemail') ||
    // The space keeps `email` from spanning the two.
    /email/i.test(`${el.getAttribute('itemprop')} ${el.getAttribute('class')}`)
  );
}

/** Addresses an element's attributes carry, whether or not it is visible (links, Cloudflare, microdata). */
export function attributeFound(el: Element): Found[] {
  const out = linkFound(el);
  const cf = el.getAttribute('data-cfemail');
  const email = cf === null ? null : decodeCloudflare(cf);
  if (email !== null) out.push({ email });
  if (el.hasAttribute('itemprop') || el.hasAttribute('class')) propertyFound(el, out);
  return out;
}

/** The recipients of a `mailto:` or Cloudflare-protected link. */
function linkFound(el: Element): Found[] {
  const href = hrefOf(el);
  return href === null ? [] : MAILTO_RE.test(href) ? foundInMailto(href) : href.includes(CF_PATH) ? foundInCloudflareHref(href) : [];
}

/** An `itemprop` (microdata) or a `class` (hCard) that makes an element an address: one of its space-separated words, in any case. */
const ITEMPROP_RE = /(?:^| )email(?: |$)/i;
const HCARD_RE = /(?:^| )(?:u-)?email(?: |$)/i;

/**
 * A microdata `itemprop="email"` or hCard `class="email"` / `u-email`: the address with its card's name, added to
 * `out` (what the element's links carry: an address already there is added again only with a name).
 */
function propertyFound(el: Element, out: Found[]): void {
  const micro = ITEMPROP_RE.test(el.getAttribute('itemprop') ?? '');
  const card = micro ? el.closest('[itemscope]') : HCARD_RE.test(el.getAttribute('class') ?? '') ? el.closest('.vcard, .h-card') : null;
  if (!micro && !card) return;
  const value = el.getAttribute('content') ?? el.getAttribute('href') ?? el.textContent ?? '';
  const found = MAILTO_RE.test(value) ? foundInMailto(value) : extractFound(value);
  /** The `content` or text of the card's first part `q`. */
  const part = (q: string) => {
    const at = card!.querySelector(q);
    return at ? (at.getAttribute('content') ?? at.textContent ?? '') : '';
  };
  const name =
    card &&
    (micro
      ? (cleanName(part('[itemprop~="name"]')) ?? cleanName(`${part('[itemprop~="givenName"]')} ${part('[itemprop~="familyName"]')}`))
      : cleanName(part('.fn, .p-name')));
  const known = out.map((f) => f.email);
  for (const { email, name: own } of found) {
    const shown = own ?? name;
    if (shown) out.push({ email, name: shown });
    else if (!known.includes(email)) out.push({ email });
  }
}

/** The addresses a hidden subtree still names: its `mailto:` (and Cloudflare-protected) links, in document order. */
export function hiddenFound(el: Element): Found[] {
  const out = linkFound(el);
  for (const inner of el.querySelectorAll('a[href], area[href]')) out.push(...linkFound(inner));
  return out;
}
