/**
 * E-mail detection: pure string functions (no DOM, no chrome APIs). Text in, addresses out — with the
 * display name when the text gives one (`Ana Lima <ana@example.com>`, `"Lima, Ana" <ana@example.com>`).
 *
 * Everything here runs in time linear in the input; there is no regex that can backtrack over unbounded
 * input (the few regexes used only see strings already length-checked, or use bounded quantifiers).
 */
import { canonical, cleanName, domainEnd, LETTER_RE, localStart, MAX_NAME, normalizeEmail, skipInvisible } from './address';
import { CF_PATH, cloudflareMailto, decodeCloudflare, findObfuscated, MARKER_RE } from './decode';

export { canonical, CF_PATH, cleanName, decodeCloudflare, MAX_NAME, normalizeEmail };

/** Lists of detected addresses sent anywhere are capped at this many entries (with a count of the rest). */
export const MAX_EMAILS = 1000;

/** One address found, with the name shown beside it when there is one. */
export interface Found {
  email: string;
  name?: string;
}

/** Where a display name before `<address>` stops at the latest. */
const NAME_STOP = '\n,;:|()[]{}<>';
const QUOTES: Record<string, string> = { '"': '"', '”': '“', "'": "'" };

type Add = (email: string | null, name?: string | null) => void;

/**
 * An ordered, de-duplicated, capped set of addresses (a later name fills in a missing one): what adds to it, and
 * the map it fills (its values are the list). A closure, not a class: the content script's size counts.
 */
function collector(limit: number): [Add, Map<string, Found>] {
  const found = new Map<string, Found>();
  const add: Add = (email, name) => {
    if (email === null) return;
    const had = found.get(email);
    if (had) {
      if (name && !had.name) had.name = name;
    } else if (found.size < limit) {
      found.set(email, name ? { email, name } : { email });
    }
  };
  return [add, found];
}

/** The address around the `@` at index `at`; never looks left of `floor`. */
function addressAt(text: string, at: number, floor: number): { email: string; start: number; end: number } | null {
  const start = localStart(text, at, floor);
  const end = domainEnd(text, at + 1);
  if (start === at || end === at + 1) return null;
  if (text.charAt(start - 1) === '@' || text.charAt(end) === '@') return null;
  const email = normalizeEmail(text.slice(start, end));
  return email === null ? null : { email, start, end };
}

/** The name of `Name <address>` or `"Name" <address>`, the address spanning [start, end). */
function nameBefore(text: string, start: number, end: number, floor: number): string | null {
  const open = skipInvisible(text, start, -1, Infinity, floor);
  if (text.charAt(open - 1) !== '<' || text.charAt(skipInvisible(text, end, 1)) !== '>') return null;
  const nameEnd = skipInvisible(text, open - 1, -1, Infinity, floor);
  const quote = QUOTES[text.charAt(nameEnd - 1)];
  let from = nameEnd;
  if (quote) {
    // A quoted name may hold commas: `"Lima, Ana" <ana@x.com>`.
    from = text.lastIndexOf(quote, nameEnd - 2);
    if (from < floor || nameEnd - from > MAX_NAME + 2) return null;
    return cleanName(text.slice(from + 1, nameEnd - 1));
  }
  while (from > floor && nameEnd - from <= MAX_NAME && !NAME_STOP.includes(text.charAt(from - 1)) && !sentenceEndsAt(text, from - 1)) from--;
  // A run of text longer than any name is a sentence, not a name.
  if (nameEnd - from > MAX_NAME) return null;
  const name = cleanName(text.slice(from, nameEnd));
  return name !== null && looksLikeName(name) ? name : null;
}

/** `… thanks. Ana Lima <…>`: a space after a full stop that ends a word of 4+ letters (not `Dr.` or `J.`). */
function sentenceEndsAt(text: string, space: number): boolean {
  if (text.charAt(space) !== ' ' || !'.!?'.includes(text.charAt(space - 1))) return false;
  let letters = 0;
  while (letters < 4 && LETTER_RE.test(text.charAt(space - 2 - letters))) letters++;
  return letters >= 4 || text.charAt(space - 1) !== '.';
}

/**
 * Particles of surnames may start lower-case (de da das do dos du di del della der den la le van von ter bin al el
 * y e); any other cased word of a name starts upper-case.
 */
const PARTICLE_RE = /^(?:d(?:[aeiou]|[ao]s|e[lrn]|ella)|l[ae]|v[ao]n|ter|bin|[ae]l|[ye])$/i;
const MAX_NAME_WORDS = 6;

function looksLikeName(name: string): boolean {
  const list = name.split(' ');
  return list.length <= MAX_NAME_WORDS && list.every((word) => {
    const first = LETTER_RE.exec(word)?.[0];
    return !first || first === first.toUpperCase() || PARTICLE_RE.test(word);
  });
}

/**
 * Every plausible address in `text`: plain, in `mailto:` URLs (even percent-encoded ones) and obfuscated
 * (`name [at] domain [dot] com`), normalised, de-duplicated, in order of first appearance, at most `limit`,
 * each with its display name when the text gives one. Linear time.
 */
export function extractFound(text: string, limit: number = MAX_EMAILS): Found[] {
  const [add, found] = collector(limit);
  // A `mailto:` URL in text: up to an invisible character (INVISIBLE_RE), a quote or a bracket. (One regex a call:
  // foundInMailto calls this again.)
  const mailtoRe = /mailto:[^\s\u200b-\u200d\u2060\ufeff"'`<>]*/gi;
  let mailto = mailtoRe.exec(text);
  let at = text.indexOf('@');
  let floor = 0; // left boundary for the next local part
  while (found.size < limit && (at !== -1 || mailto)) {
    if (mailto && (at === -1 || mailto.index < at)) {
      for (const f of foundInMailto(mailto[0], limit)) add(f.email, f.name);
      floor = mailtoRe.lastIndex;
      at = text.indexOf('@', floor);
      mailto = mailtoRe.exec(text);
    } else {
      const f = addressAt(text, at, floor);
      if (f) add(f.email, nameBefore(text, f.start, f.end, floor));
      floor = at + 1;
      at = text.indexOf('@', at + 1);
    }
  }
  for (const o of findObfuscated(text)) add(o.email);
  vcardNames(text, add);
  return [...found.values()];
}

/** A vCard: from `BEGIN:VCARD` to its `END:VCARD` (not included), or to the end of the text. */
const VCARD_RE = /BEGIN:VCARD[^]*?(?=END:VCARD|$)/gi;
const VCARD_FN_RE = /^(?:[\w-]{1,20}\.)?FN(?:;[^:\n]{0,200})?:(.{1,500})$/im;
const VCARD_EMAIL_RE = /^(?:[\w-]{1,20}\.)?EMAIL(?:;[^:\n]{0,200})?:(.{1,300})$/gim;

/** A vCard pasted as text (`BEGIN:VCARD … FN:Ana Lima … EMAIL;TYPE=work:ana@x.com … END:VCARD`): its FN names its addresses. */
function vcardNames(text: string, add: Add): void {
  for (const [card] of text.matchAll(VCARD_RE)) {
    const name = cleanName(VCARD_FN_RE.exec(card)?.[1]?.replace(/\\([,;])/g, '$1') ?? '');
    for (const m of card.matchAll(VCARD_EMAIL_RE)) add(normalizeEmail(m[1]!), name);
  }
}

/**
 * Where the addresses of `text` are, with the detector's own boundaries: plain ones and obfuscated ones, each as
 * the span of text that shows it (for the highlight, which marks what the page shows). Not names or mailto URLs.
 */
export function addressSpans(text: string): Array<{ email: string; start: number; end: number }> {
  const out: Array<{ email: string; start: number; end: number }> = [];
  let floor = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const found = addressAt(text, at, floor);
    if (found) out.push(found);
    floor = at + 1;
  }
  return out.concat(findObfuscated(text));
}

/** Cheap test: can `text` hold an address at all (an `@`, `mailto:`, or the markers of an obfuscated one)? */
export function mayHoldAddress(text: string): boolean {
  return text.includes('@') || MARKER_RE.test(text);
}

/**
 * Cheap test of one text node, before any work on the text around it: an `@` that may start an address (not the
 * `@2x.` of an image name, whose domain no text after it can make plausible), `mailto:`, or an obfuscation marker.
 */
export function isCandidate(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    // `@2x.`, `@1.5x.`: digits, maybe `.digits`, then `x.`.
    let i = at + 1;
    while (isDigit(text, i)) i++;
    if (i > at + 1 && text[i] === '.' && isDigit(text, i + 1)) for (i++; isDigit(text, i); ) i++;
    if (i === at + 1 || text[i] !== 'x' || text[i + 1] !== '.') return true;
  }
  return MARKER_RE.test(text);
}

const isDigit = (s: string, i: number): boolean => s.charCodeAt(i) - 48 < 10 && s.charCodeAt(i) >= 48;

/** The addresses of extractFound, without names. */
export function extractEmails(text: string, limit: number = MAX_EMAILS): string[] {
  return extractFound(text, limit).map((f) => f.email);
}

/** Percent-decodes each run of `%XX` escapes, leaving malformed ones as-is. */
function percentDecode(s: string): string {
  return s.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * All recipients (path, `to`, `cc`, `bcc`) of a `mailto:` URL, percent-decoded and normalised, with display
 * names; e.g. `mailto:a@x.com,Bob%20%3Cb@y.com%3E?subject=Hi&cc=c@z.com`.
 */
export function foundInMailto(href: string, limit: number = MAX_EMAILS): Found[] {
  // The path, then the query after the first `?`.
  const url = /^mailto:([^?]*)\??([^]*)/i.exec(href.trim());
  if (!url) return [];
  const fields = [url[1]!];
  for (const pair of url[2]!.split('&')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && /^(?:to|cc|bcc)$/i.test(percentDecode(pair.slice(0, eq)))) fields.push(pair.slice(eq + 1));
  }
  const [add, found] = collector(limit);
  for (const field of fields) {
    for (const recipient of percentDecode(field).split(/[,;]/)) {
      const email = normalizeEmail(recipient);
      if (email !== null) add(email);
      // e.g. `Bob <bob@x.com>`
      else for (const f of extractFound(recipient.replace(/mailto:/gi, ''), limit)) add(f.email, f.name);
    }
  }
  return [...found.values()];
}

/** Every recipient of a Cloudflare-protected link (its hidden `mailto:` target), with names. */
export function foundInCloudflareHref(href: string): Found[] {
  const mailto = cloudflareMailto(href);
  return mailto === null ? [] : foundInMailto(mailto);
}

/** The first address behind a Cloudflare-protected link, if any. */
export const emailFromCloudflareHref = (href: string): string | null => foundInCloudflareHref(href)[0]?.email ?? null;

/** The addresses of foundInMailto, without names. */
export function emailsFromMailto(href: string, limit: number = MAX_EMAILS): string[] {
  return foundInMailto(href, limit).map((f) => f.email);
}

/** Concatenates lists, keeping the first occurrence of each entry, capped at `limit`. */
export function mergeUnique(lists: readonly (readonly string[])[], limit: number = MAX_EMAILS): string[] {
  const out = new Set<string>();
  for (const list of lists) for (const item of list) if (out.size < limit) out.add(item);
  return [...out];
}
