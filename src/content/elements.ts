/**
 * What the scanner needs to know about one element: whether its text joins its neighbours' (inline) or
 * stands alone (a block: its own unit), whether a person can see it, and the addresses its attributes carry
 * (`mailto:` links, Cloudflare's email protection, microdata and hCard `email` properties with their names).
 */
import { cleanName, decodeCloudflare, extractFound, foundInCloudflareHref, foundInMailto, type Found } from '../detect/detect';

/**
 * Tag → kind: never visible page content (skip); text that runs on with the text around it, so
 * `<span>ana</span>@<b>example.com</b>` is one address (inline); a line break that holds no text (break). A tag not
 * listed is a block (a unit of its own). Written as strings: the content script's size counts.
 */
const KINDS = new Map<string, Kind>();
for (const [kind, tags] of [
  ['skip', 'script style template noscript head'],
  ['inline', 'a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q s samp small span strike strong sub sup time tt u var wbr map area slot'],
  ['break', 'br hr img input embed meter progress'],
] as const) {
  for (const tag of tags.split(' ')) KINDS.set(tag, kind);
}
export const DISPLAY_NONE_RE = /(?:^|;)\s*display\s*:\s*none\b/i;
const MAILTO_RE = /^\s*mailto:/i;
const CF_HREF = '/cdn-cgi/l/email-protection#';

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
    el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true' ||
    DISPLAY_NONE_RE.test(el.getAttribute('style') ?? '')
  );
}

/**
 * Whether the browser renders the element (stylesheets included). Chromium's checkVisibility; where it is
 * missing (jsdom) only the attribute check above applies. `display: contents` has no box but shows its children.
 */
export function isRendered(el: Element): boolean {
  if (typeof el.checkVisibility !== 'function' || el.checkVisibility()) return true;
  return el.ownerDocument.defaultView?.getComputedStyle(el).display === 'contents';
}

const EMAIL_RE = /email/i;

/** Cheap test before attributeFound: whether the element's attributes may carry an address at all. */
export function mayCarry(el: Element): boolean {
  const name = el.localName;
  const href = name === 'a' || name === 'area' ? el.getAttribute('href') : null;
  return (
    (href !== null && (MAILTO_RE.test(href) || href.includes(CF_HREF))) ||
    el.hasAttribute('data-cfemail') ||
    EMAIL_RE.test(el.getAttribute('itemprop') ?? '') ||
    EMAIL_RE.test(el.getAttribute('class') ?? '')
  );
}

/** Addresses an element's attributes carry, whether or not it is visible (links, Cloudflare, microdata). */
export function attributeFound(el: Element): Found[] {
  const out = linkFound(el);
  const cf = el.getAttribute('data-cfemail');
  if (cf !== null) pushEmail(out, decodeCloudflare(cf));
  if (el.hasAttribute('itemprop') || el.hasAttribute('class')) out.push(...propertyFound(el, out));
  return out;
}

/** The recipients of a `mailto:` or Cloudflare-protected link. */
function linkFound(el: Element): Found[] {
  const out: Found[] = [];
  const href = el.localName === 'a' || el.localName === 'area' ? el.getAttribute('href') : null;
  if (href !== null) {
    if (MAILTO_RE.test(href)) out.push(...foundInMailto(href));
    else if (href.includes(CF_HREF)) out.push(...foundInCloudflareHref(href));
  }
  return out;
}

function pushEmail(out: Found[], email: string | null): void {
  if (email !== null) out.push({ email });
}

const hasToken = (value: string | null, token: string): boolean => !!value && ` ${value.toLowerCase()} `.includes(` ${token} `);

/** A microdata `itemprop="email"` or hCard `class="email"` / `u-email`: the address with its card's name. */
function propertyFound(el: Element, already: Found[]): Found[] {
  const micro = hasToken(el.getAttribute('itemprop'), 'email');
  const classes = el.getAttribute('class');
  const card = micro ? el.closest('[itemscope]') : hasToken(classes, 'email') || hasToken(classes, 'u-email') ? el.closest('.vcard, .h-card') : null;
  if (!micro && !card) return [];
  const value = el.getAttribute('content') ?? el.getAttribute('href') ?? el.textContent ?? '';
  const found = value.trim().toLowerCase().startsWith('mailto:') ? foundInMailto(value.trim()) : extractFound(value);
  const name = card ? cardName(card, micro) : null;
  const known = new Set(already.map((f) => f.email));
  return found.map((f) => ({ email: f.email, name: f.name ?? name ?? undefined })).filter((f) => f.name || !known.has(f.email)).map(strip);
}

const strip = (f: { email: string; name?: string }): Found => (f.name ? { email: f.email, name: f.name } : { email: f.email });

function cardName(card: Element, micro: boolean): string | null {
  const text = (el: Element | null) => (el ? (el.getAttribute('content') ?? el.textContent ?? '') : '');
  if (micro) {
    const full = text(card.querySelector('[itemprop~="name"]'));
    const parts = `${text(card.querySelector('[itemprop~="givenName"]'))} ${text(card.querySelector('[itemprop~="familyName"]'))}`;
    return cleanName(full) ?? cleanName(parts);
  }
  return cleanName(text(card.querySelector('.fn, .p-name')));
}

/** The addresses a hidden subtree still names: its `mailto:` (and Cloudflare-protected) links, in document order. */
export function hiddenFound(el: Element): Found[] {
  const out = linkFound(el);
  for (const inner of el.querySelectorAll('a[href], area[href]')) out.push(...linkFound(inner));
  return out;
}
