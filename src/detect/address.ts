/**
 * What one e-mail address is: the character classes free text is scanned with, and the one normalisation
 * every context applies (pure: no DOM, no chrome APIs).
 *
 * Normal form: src/protocol/email.ts (lower-case, then NFC; Unicode kept, punycode kept), the same function
 * the worker's EmailSchema applies, so an address means the same string everywhere.
 */
import { canonicalEmail } from '../protocol/email';

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;
const MAILTO = 'mailto:';
export const MAX_NAME = 128;

const LOCAL_RE = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL_RE = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u;
/** A top-level domain is letters (any script), or an ASCII punycode label. */
const TLD_RE = /^(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)$/u;
/** First domain label of retina image names: `logo@2x.png`. */
const RETINA_RE = /^\d+(?:\.\d+)?x$/;
/**
 * "TLDs" that are really file extensions (`icon@2x.png`, `app@1.2.js`), then names of hosts that are not on the
 * public Internet (localhost, local, localdomain, internal, invalid, intranet, …): none ends a plausible address.
 * (Word lists are regexes: the content script's size counts, and they compress better than lists of string literals.)
 */
const NOT_TLD_RE = /^(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|css|[mc]?js|tsx?|jsx|map|json|local(?:host|domain)?|in(?:ternal|valid|tranet)|lan|corp|home|arpa)$/;
/** Characters stripped from the start / end of a candidate: quotes, brackets, punctuation, and the invisible ones of INVISIBLE_RE. */
const OPENER_RE = /[\s\u200b-\u200d\u2060\ufeff"'`([{<«‹“‘„,;:]/;
const CLOSER_RE = /[\s\u200b-\u200d\u2060\ufeff"'`)\]}>»›”’.,;:!?]/;
export const INVISIBLE_RE = /[\s\u200b-\u200d\u2060\ufeff]/;

/** From `i`, past at most `max` invisible characters in direction `dir` (backwards never left of `floor`). */
export function skipInvisible(text: string, i: number, dir: 1 | -1, max = Infinity, floor = 0): number {
  while (max-- > 0 && (dir > 0 || i > floor) && INVISIBLE_RE.test(text.charAt(dir > 0 ? i : i - 1))) i += dir;
  return i;
}
/** Scripts written without spaces: an address glued to them starts (or ends) where the Latin part does. */
const UNSPACED_RE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const ASCII_ALNUM_RE = /[a-z0-9]/i;
const CONTROL_RE = /[\p{Cc}\p{Cf}]/gu;
export const LETTER_RE = /\p{L}/u;

/** The one canonical form of an address (or of a part of one), shared with the worker's EmailSchema. */
export const canonical = canonicalEmail;

/**
 * Normalises one address: trims whitespace, surrounding quotes, brackets and trailing punctuation, an
 * optional `mailto:` prefix, and returns its canonical form — or null unless it is a plausible address.
 */
export function normalizeEmail(raw: string): string | null {
  let start = 0;
  let end = raw.length;
  while (start < end && OPENER_RE.test(raw.charAt(start))) start++;
  while (end > start && CLOSER_RE.test(raw.charAt(end - 1))) end--;
  if (raw.slice(start, start + MAILTO.length).toLowerCase() === MAILTO) {
    start += MAILTO.length;
    while (start < end && OPENER_RE.test(raw.charAt(start))) start++;
  }
  if (end - start > MAX_ADDRESS) return null;
  const email = canonical(raw.slice(start, end));
  if (email.length > MAX_ADDRESS) return null;
  const at = email.indexOf('@');
  if (at < 1 || at > MAX_LOCAL || email.includes('@', at + 1)) return null;
  if (!LOCAL_RE.test(email.slice(0, at))) return null;
  return isPlausibleDomain(email.slice(at + 1)) ? email : null;
}

function isPlausibleDomain(domain: string): boolean {
  const labels = domain.split('.');
  const tld = labels[labels.length - 1]!;
  if (labels.length < 2 || !TLD_RE.test(tld) || NOT_TLD_RE.test(tld) || RETINA_RE.test(labels[0]!)) return false;
  if (RETINA_RE.test(labels.slice(0, 2).join('.'))) return false; // sprite@1.5x.jpg
  return labels.every((label) => label.length <= MAX_LABEL && LABEL_RE.test(label));
}

// Free text uses a narrower local-part alphabet than normalizeEmail accepts, so `?email=bob@x.com` or
// `/path/bob@x.com` yield `bob@x.com`: ASCII letters and digits, `._+-'`, and any letter, digit or mark (the ASCII
// ones of \p{L}\p{N} are the letters and digits). A domain takes letters, digits, marks, `.` and `-`.
export const LOCAL_CHAR_RE = /[._+'\p{L}\p{N}\p{M}-]/u;
export const DOMAIN_CHAR_RE = /[.\p{L}\p{N}\p{M}-]/u;

/** `联系我们bob@x.com`: the address is the Latin part — it stops where a script written without spaces (at `cjk`) meets an ASCII letter or digit (at `latin`). */
const glued = (text: string, cjk: number, latin: number): boolean =>
  text.charCodeAt(cjk) > 0x2e7f && UNSPACED_RE.test(text.charAt(cjk)) && ASCII_ALNUM_RE.test(text.charAt(latin));

/** Where the local part ending before `at` starts; never left of `floor`. `local`: which characters it takes. */
export function localStart(text: string, at: number, floor: number, local: RegExp = LOCAL_CHAR_RE): number {
  let start = at;
  while (start > floor && local.test(text.charAt(start - 1)) && !glued(text, start - 1, start)) start--;
  while (start < at && text.charAt(start) === '.') start++;
  return start;
}

/** Where the domain starting at `from` ends. */
export function domainEnd(text: string, from: number): number {
  let end = from;
  while (DOMAIN_CHAR_RE.test(text.charAt(end)) && !glued(text, end, end - 1)) end++;
  while (end > from && '.-'.includes(text.charAt(end - 1))) end--;
  return end;
}

/**
 * A display name as plain text: control characters dropped, whitespace collapsed, surrounding quotes
 * trimmed, cut to MAX_NAME characters. Null unless it has a letter and nothing address-like.
 */
export function cleanName(raw: string): string | null {
  const name = raw
    .replace(CONTROL_RE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“‘«]+|["'”’»]+$/g, '')
    .trim();
  if (!name || /[@<>]/.test(name) || !LETTER_RE.test(name)) return null;
  return name.slice(0, MAX_NAME).trim();
}
