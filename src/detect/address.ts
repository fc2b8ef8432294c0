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
/** "TLDs" that are really file extensions: `icon@2x.png`, `app@1.2.js`. */
const FILE_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp',
  'css', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'map', 'json',
]);
/** Names of hosts that are not on the public Internet. */
const PRIVATE_TLDS = new Set(['localhost', 'local', 'localdomain', 'internal', 'invalid', 'lan', 'intranet', 'corp', 'home', 'arpa']);
/** Characters stripped from the start / end of a candidate. */
const OPENERS = new Set([...`"'\`([{<«‹“‘„,;:`]);
const CLOSERS = new Set([...`"'\`)]}>»›”’.,;:!?`]);
export const INVISIBLE_RE = /[\s\u200b-\u200d\u2060\ufeff]/;
const WORDLIKE_RE = /[\p{L}\p{N}\p{M}]/u;
/** Scripts written without spaces: an address glued to them starts (or ends) where the Latin part does. */
const UNSPACED_RE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const ASCII_ALNUM_RE = /[a-z0-9]/i;
const CONTROL_RE = /[\p{Cc}\p{Cf}]/gu;
const LETTER_RE = /\p{L}/u;

const isJunk = (ch: string, set: Set<string>): boolean => set.has(ch) || INVISIBLE_RE.test(ch);

/** The one canonical form of an address (or of a part of one), shared with the worker's EmailSchema. */
export const canonical = canonicalEmail;

/**
 * Normalises one address: trims whitespace, surrounding quotes, brackets and trailing punctuation, an
 * optional `mailto:` prefix, and returns its canonical form — or null unless it is a plausible address.
 */
export function normalizeEmail(raw: string): string | null {
  let start = 0;
  let end = raw.length;
  while (start < end && isJunk(raw.charAt(start), OPENERS)) start++;
  while (end > start && isJunk(raw.charAt(end - 1), CLOSERS)) end--;
  if (raw.slice(start, start + MAILTO.length).toLowerCase() === MAILTO) {
    start += MAILTO.length;
    while (start < end && isJunk(raw.charAt(start), OPENERS)) start++;
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
  const first = labels[0];
  const tld = labels[labels.length - 1];
  if (labels.length < 2 || first === undefined || tld === undefined) return false;
  if (!TLD_RE.test(tld) || FILE_EXTENSIONS.has(tld) || PRIVATE_TLDS.has(tld) || RETINA_RE.test(first)) return false;
  if (RETINA_RE.test(labels.slice(0, 2).join('.'))) return false; // sprite@1.5x.jpg
  return labels.every((label) => label.length <= MAX_LABEL && LABEL_RE.test(label));
}

const isNonAsciiWord = (ch: string): boolean => ch > '\x7f' && WORDLIKE_RE.test(ch);

// Free text uses a narrower local-part alphabet than normalizeEmail accepts,
// so `?email=bob@x.com` or `/path/bob@x.com` yield `bob@x.com`.
export const isLocalChar = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 46 /* . */ || c === 95 /* _ */ || c === 43 /* + */ || c === 45 /* - */ || c === 39 /* ' */ ||
    isNonAsciiWord(ch);
};
export const isDomainChar = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45 || isNonAsciiWord(ch);
};

/** Where the local part ending before `at` starts; never left of `floor`. */
export function localStart(text: string, at: number, floor: number): number {
  let start = at;
  while (start > floor && isLocalChar(text.charAt(start - 1))) {
    // `联系我们bob@x.com`: the address is the Latin part.
    if (text.charCodeAt(start - 1) > 0x2e7f && UNSPACED_RE.test(text.charAt(start - 1)) && ASCII_ALNUM_RE.test(text.charAt(start))) break;
    start--;
  }
  while (start < at && text.charAt(start) === '.') start++;
  return start;
}

/** Where the domain starting at `from` ends. */
export function domainEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isDomainChar(text.charAt(end))) {
    if (text.charCodeAt(end) > 0x2e7f && UNSPACED_RE.test(text.charAt(end)) && ASCII_ALNUM_RE.test(text.charAt(end - 1))) break;
    end++;
  }
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
