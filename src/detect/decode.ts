/**
 * Addresses written so that robots miss them: `name [at] domain [dot] com`, `name(at)domain.com`,
 * `name at domain dot com`, and Cloudflare's email protection. Pure: no DOM, no chrome APIs. Linear time
 * (the regexes only use bounded quantifiers).
 */
import { INVISIBLE_RE, isDomainChar, isLocalChar, localStart, normalizeEmail } from './address';

/**
 * The `@` spelled out. 1: in brackets — `[at]`, `(at)`, `{at}`, `[@]`, German `[ät]`, French `(arobase)`, Japanese
 * `（アットマーク）`, Persian `[اَت]`/`[ات]`, Thai `(แอท)`; 2: the bare word `at` or `arobase`; 3: bare `アットマーク` or
 * `แอท`, which no Latin word contains; 4: ` @ ` with a space each side; 5: the full-width `＠`.
 */
const AT_RE =
  /[[({［（]\s{0,3}(at|@|ät|arobase|アットマーク|اَ?ت|แอท)\s{0,3}[\])}］）]|(?<![\p{L}\p{N}])(at|arobase)(?![\p{L}\p{N}])|(アットマーク|แอท)|(?<=\s)(@)(?=\s)|＠/giu;
/**
 * Between domain labels: `.`, a dot word in brackets (`[dot]`, `(punkt)`, `[point]`, `(ドット)`, `[دات]`, `[نقطه]`,
 * `(ดอท)`, `[.]`), a spaced word (` dot `, ` punkt `, ` point `), `ドット`/`ดอท`, or the full-width `．`.
 */
const DOT_RE = /\s{0,3}[[({［（]\s{0,3}(dot|punkt|point|ドット|ดอท|دات|نقطه|\.)\s{0,3}[\])}］）]\s{0,3}|\s{1,3}(dot|punkt|point)\s{1,3}|\s{0,3}(ドット|ดอท)\s{0,3}|(．)|\./iy;
const MAX_LABELS = 10;
/** A spelled-out dot after a bare marker counts only before a country code or one of these: `meet at noon dot the office` does not. */
const COMMON_TLDS = new Set(['com', 'org', 'net', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'io', 'dev', 'app', 'ai', 'me']);
/** Cheap test first: most text has none of the markers an obfuscated address needs. */
export const MAYBE_OBFUSCATED_RE = /[[({［（]\s{0,3}(?:at|@|ät|arobase|アットマーク|اَ?ت|แอท)\s{0,3}[\])}］）]|\sdot\s|arobase|アットマーク|แอท|＠|\s@\s/i;
/** ` @ ` counts only after words that say an address follows (`Email: ana @ example.com`), on the same line. */
const SPACED_CUE_RE = /(?:e-?mail|courriel|contact|write|kontakt|メール)[^\n.!?@]{0,30}$/i;

/** How one spelling of `@` reads the address around it. */
interface Marker {
  /** Which characters the local part and labels take: any (as plain text), ASCII only, or ASCII and full-width forms. */
  chars: 'any' | 'ascii' | 'wide';
  /** The dots it takes besides `.`: `w` a dot word (in brackets or spaced), `s` only the English ` dot `, `n` none. */
  dots: 'w' | 's' | 'n';
  /** A spelled-out dot is required (the bare English `at`). */
  needsSpelled?: boolean;
  /** A spelled-out dot needs a country code or common TLD after it. */
  tldRule: boolean;
}

export interface Obfuscated {
  email: string;
  start: number;
  end: number;
}

/** Skips up to three spaces from `i` in direction `dir`. */
function skipSpaces(text: string, i: number, dir: 1 | -1): number {
  let n = 0;
  while (n < 3 && INVISIBLE_RE.test(text.charAt(dir === 1 ? i : i - 1))) {
    i += dir;
    n++;
  }
  return i;
}

const isWide = (c: number): boolean => c >= 0xff01 && c <= 0xff5e;
/** A character of a label in the marker's alphabet (never a dot). */
function labelChar(ch: string, chars: Marker['chars']): boolean {
  if (chars === 'any') return isDomainChar(ch) && ch !== '.';
  const c = ch.charCodeAt(0);
  const ascii = /[a-z0-9-]/i.test(ch);
  return chars === 'ascii' ? ascii : ascii || (isWide(c) && /[０-９Ａ-Ｚａ-ｚ－]/.test(ch));
}

/** The domain after `from`, labels joined by dots in the spellings the marker takes; `spelled`: a dot was a word. */
function readDomain(text: string, from: number, m: Marker): { labels: string[]; end: number; spelled: boolean } | null {
  const labels: string[] = [];
  let spelled = false;
  let i = from;
  let end = from;
  while (labels.length < MAX_LABELS) {
    let j = i;
    while (j < text.length && labelChar(text.charAt(j), m.chars)) j++;
    if (j === i) break;
    labels.push(text.slice(i, j));
    end = j;
    DOT_RE.lastIndex = j;
    const dot = DOT_RE.exec(text);
    if (!dot) break;
    const word = (dot[1] ?? dot[2] ?? dot[3] ?? dot[4])?.toLowerCase();
    if (word !== undefined && word !== '.') {
      // A word the marker does not take ends the address before it.
      if (m.dots === 'n' ? word !== '．' || m.chars !== 'wide' : m.dots === 's' && word !== 'dot') break;
      if (word !== '．') spelled = true;
    }
    i = DOT_RE.lastIndex;
  }
  return labels.length < 2 ? null : { labels, end, spelled };
}

/** Where the local part ending before `at` starts in the marker's alphabet; never left of `floor`. */
function localFrom(text: string, at: number, floor: number, chars: Marker['chars']): number {
  if (chars === 'any') return localStart(text, at, floor);
  let start = at;
  for (; start > floor; start--) {
    const ch = text.charAt(start - 1);
    if (!isLocalChar(ch) || (ch > '\x7f' && (chars === 'ascii' || !isWide(ch.charCodeAt(0))))) break;
  }
  while (start < at && text.charAt(start) === '.') start++;
  return start;
}

const NON_LATIN = /[^a-zä@]/i;

/** Obfuscated addresses in `text`, in order. A bare `at` counts only with a spelled-out `dot` after it. */
export function findObfuscated(text: string): Obfuscated[] {
  const out: Obfuscated[] = [];
  if (!MAYBE_OBFUSCATED_RE.test(text)) return out;
  let floor = 0;
  AT_RE.lastIndex = 0;
  for (let m = AT_RE.exec(text); m; m = AT_RE.exec(text)) {
    let before = m.index;
    let after = m.index + m[0].length;
    let marker: Marker;
    if (m[1] !== undefined) {
      marker = NON_LATIN.test(m[1]) ? { chars: 'ascii', dots: 'w', tldRule: false } : { chars: 'any', dots: 'w', tldRule: false };
      before = skipSpaces(text, before, -1);
      after = skipSpaces(text, after, 1);
    } else if (m[2] !== undefined) {
      // A bare word needs a space each side: `ana at example dot com`.
      if (!INVISIBLE_RE.test(text.charAt(before - 1)) || !INVISIBLE_RE.test(text.charAt(after))) continue;
      before--;
      after++;
      const at = m[2].toLowerCase() === 'at';
      marker = { chars: 'any', dots: at ? 's' : 'w', needsSpelled: at, tldRule: true };
    } else if (m[3] !== undefined) {
      marker = { chars: 'ascii', dots: 'w', tldRule: true };
      before = skipSpaces(text, before, -1);
      after = skipSpaces(text, after, 1);
    } else if (m[4] !== undefined) {
      marker = { chars: 'ascii', dots: 'n', tldRule: true };
      before--;
      after++;
    } else {
      marker = { chars: 'wide', dots: 'n', tldRule: false };
    }
    const start = localFrom(text, before, floor, marker.chars);
    const domain = start === before ? null : readDomain(text, after, marker);
    if (!domain) continue;
    const tld = domain.labels[domain.labels.length - 1]!.toLowerCase();
    const tldOk = tld.length === 2 || COMMON_TLDS.has(tld);
    if (marker.needsSpelled && !domain.spelled) continue;
    if (marker.tldRule && (domain.spelled || marker.dots === 'n') && !tldOk) continue;
    if (m[4] !== undefined && !SPACED_CUE_RE.test(text.slice(Math.max(floor, start - 40), start))) continue;
    let raw = `${text.slice(start, before)}@${domain.labels.join('.')}`;
    if (marker.chars === 'wide') raw = raw.normalize('NFKC');
    const email = normalizeEmail(raw);
    if (email === null) continue;
    out.push({ email, start, end: domain.end });
    floor = domain.end;
    AT_RE.lastIndex = Math.max(AT_RE.lastIndex, domain.end);
  }
  return out;
}

/** Cloudflare's `data-cfemail` / protected-link hex decoded (first byte the XOR key, then UTF-8 text), or null. */
export function cloudflareText(hex: string): string | null {
  const h = hex.trim();
  if (h.length < 4 || h.length > 4096 || h.length % 2 || !/^[0-9a-f]+$/i.test(h)) return null;
  const key = parseInt(h.slice(0, 2), 16);
  const bytes = new Uint8Array(h.length / 2 - 1);
  for (let i = 2; i < h.length; i += 2) bytes[i / 2 - 1] = parseInt(h.slice(i, i + 2), 16) ^ key;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes Cloudflare's `data-cfemail` hex into the one address it hides. */
export const decodeCloudflare = (hex: string): string | null => normalizeEmail(cloudflareText(hex) ?? '');

const CF_PATH = '/cdn-cgi/l/email-protection#';

/**
 * What a Cloudflare-protected link (`/cdn-cgi/l/email-protection#<hex>`) decodes to: Cloudflare hides the whole
 * `mailto:` target, so it may carry `?subject=…&body=…`, `cc=` and several recipients.
 */
export function cloudflareMailto(href: string): string | null {
  const at = href.indexOf(CF_PATH);
  const text = at === -1 ? null : cloudflareText(href.slice(at + CF_PATH.length));
  return text === null ? null : `mailto:${text}`;
}
