/**
 * Addresses written so that robots miss them: `name [at] domain [dot] com`, `name(at)domain.com`,
 * `name at domain dot com`, and Cloudflare's email protection. Pure: no DOM, no chrome APIs. Linear time
 * (the regexes only use bounded quantifiers).
 */
import { INVISIBLE_RE, isDomainChar, localStart, normalizeEmail } from './address';

/** `[at]`, `(at)`, `{at}`, `[@]` (a few spaces allowed inside), or the bare word `at`. */
const AT_RE = /[[({]\s{0,3}(?:at|@)\s{0,3}[\])}]|(?<![\p{L}\p{N}])at(?![\p{L}\p{N}])/giu;
/** Between domain labels: `.`, `[dot]`, `(dot)`, `{dot}` or the word ` dot `. */
const DOT_RE = /\s{0,3}[[({]\s{0,3}(?:dot|\.)\s{0,3}[\])}]\s{0,3}|\s{1,3}dot\s{1,3}|\./iy;
const MAX_LABELS = 10;
/** A bare `at … dot …` counts only before a country code or one of these: `meet at noon dot the office` does not. */
const COMMON_TLDS = new Set(['com', 'org', 'net', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'io', 'dev', 'app', 'ai', 'me']);
/** Cheap test first: most text has none of the markers an obfuscated address needs. */
export const MAYBE_OBFUSCATED_RE = /[[({]\s{0,3}(?:at|@)\s{0,3}[\])}]|\sdot\s/i;

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

/** The domain after `from`, labels joined by dots in any spelling; `spelled`: a dot was written as a word. */
function readDomain(text: string, from: number): { labels: string[]; end: number; spelled: boolean } {
  const labels: string[] = [];
  let spelled = false;
  let i = from;
  let end = from;
  while (labels.length < MAX_LABELS) {
    let j = i;
    while (j < text.length && isDomainChar(text.charAt(j)) && text.charAt(j) !== '.') j++;
    if (j === i) break;
    labels.push(text.slice(i, j));
    end = j;
    DOT_RE.lastIndex = j;
    const dot = DOT_RE.exec(text);
    if (!dot) break;
    if (dot[0] !== '.') spelled = true;
    i = DOT_RE.lastIndex;
  }
  return { labels, end, spelled };
}

/** Obfuscated addresses in `text`, in order. A bare `at` counts only with a spelled-out `dot` after it. */
export function findObfuscated(text: string): Obfuscated[] {
  const out: Obfuscated[] = [];
  if (!MAYBE_OBFUSCATED_RE.test(text)) return out;
  let floor = 0;
  AT_RE.lastIndex = 0;
  for (let m = AT_RE.exec(text); m; m = AT_RE.exec(text)) {
    const bare = m[0].length === 2;
    const before = bare ? m.index - 1 : skipSpaces(text, m.index, -1);
    const after = bare ? m.index + 2 : skipSpaces(text, m.index + m[0].length, 1);
    if (bare && (!INVISIBLE_RE.test(text.charAt(before)) || !INVISIBLE_RE.test(text.charAt(after)))) continue;
    const start = localStart(text, before, floor);
    const domain = readDomain(text, bare ? after + 1 : after);
    if (start === before || domain.labels.length < 2) continue;
    const tld = domain.labels[domain.labels.length - 1]!.toLowerCase();
    if (bare && (!domain.spelled || (tld.length !== 2 && !COMMON_TLDS.has(tld)))) continue;
    const email = normalizeEmail(`${text.slice(start, before)}@${domain.labels.join('.')}`);
    if (email === null) continue;
    out.push({ email, start, end: domain.end });
    floor = domain.end;
    AT_RE.lastIndex = Math.max(AT_RE.lastIndex, domain.end);
  }
  return out;
}

/** Decodes Cloudflare's `data-cfemail` hex (first byte the XOR key, then the UTF-8 address). */
export function decodeCloudflare(hex: string): string | null {
  const h = hex.trim();
  if (h.length < 4 || h.length > 1024 || h.length % 2 || !/^[0-9a-f]+$/i.test(h)) return null;
  const key = parseInt(h.slice(0, 2), 16);
  const bytes = new Uint8Array(h.length / 2 - 1);
  for (let i = 2; i < h.length; i += 2) bytes[i / 2 - 1] = parseInt(h.slice(i, i + 2), 16) ^ key;
  try {
    return normalizeEmail(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
}

const CF_PATH = '/cdn-cgi/l/email-protection#';

/** The address behind a Cloudflare-protected link (`/cdn-cgi/l/email-protection#<hex>`), if any. */
export function emailFromCloudflareHref(href: string): string | null {
  const at = href.indexOf(CF_PATH);
  return at === -1 ? null : decodeCloudflare(href.slice(at + CF_PATH.length));
}
