/**
 * Addresses written so that robots miss them: `name [at] domain [dot] com`, `name(at)domain.com`,
 * `name at domain dot com`, and Cloudflare's email protection. Pure: no DOM, no chrome APIs. Linear time
 * (the regexes only use bounded quantifiers).
 */
import { INVISIBLE_RE, localStart, normalizeEmail, skipInvisible } from './address';

/** `[word]`, `(word)`, `{word}`, full-width `［word］`/`（word）`, with up to three spaces inside: `open + words + close`. */
const OPEN = '[[({［（]\\s{0,3}(';
const CLOSE = ')\\s{0,3}[\\])}］）]';
/** The `@` spelled in brackets: `[at]`, `(at)`, `{at}`, `[@]`, German `[ät]`, French `(arobase)`, Japanese `（アットマーク）`, Persian `[اَت]`/`[ات]`, Thai `(แอท)`. */
const BRACKETED_AT = `${OPEN}at|@|ät|arobase|アットマーク|اَ?ت|แอท${CLOSE}`;
/**
 * The `@` spelled out. 1: in brackets; 2: the bare word `at` or `arobase` with a space (INVISIBLE_RE) each side;
 * 3: bare `アットマーク` or `แอท`, which no Latin word contains; 4: ` @ ` with a space each side; 5 (no group): the
 * full-width `＠`.
 */
const AT_RE = new RegExp(
  `${BRACKETED_AT}|(?<=${INVISIBLE_RE.source})(at|arobase)(?=${INVISIBLE_RE.source})|(アットマーク|แอท)|(?<=\\s)(@)(?=\\s)|＠`,
  'giu',
);
/**
 * Between domain labels: `.`, a dot word in brackets (`[dot]`, `(punkt)`, `[point]`, `(ドット)`, `[دات]`, `[نقطه]`,
 * `(ดอท)`, `[.]`), a spaced word (` dot `, ` punkt `, ` point `), `ドット`/`ดอท`, or the full-width `．`.
 */
const DOT_RE = new RegExp(`\\s{0,3}${OPEN}dot|punkt|point|ドット|ดอท|دات|نقطه|\\.${CLOSE}\\s{0,3}|\\s{1,3}(dot|punkt|point)\\s{1,3}|\\s{0,3}(ドット|ดอท)\\s{0,3}|(．)|\\.`, 'iy');
const MAX_LABELS = 10;
/** A spelled-out dot after a bare marker counts only before a country code (any two letters) or a common TLD: `meet at noon dot the office` does not. */
const TLD_OK_RE = /^(?:..|com|org|net|edu|gov|mil|int|info|biz|dev|app)$/;
/**
 * Any marker an obfuscated address needs, in one test (MARKER_RE: or `mailto:`); no alternative starts with a space
 * (` dot ` is `dot` between spaces), so the engine skips ahead between the few characters that can start one.
 */
const MARKERS = `${BRACKETED_AT}|(?<=\\s)dot(?=\\s)|(?<=\\s)@(?=\\s)|arobase|アットマーク|แอท|＠`;
export const MARKER_RE = new RegExp(`${MARKERS}|mailto:`, 'i');
/** Cheap test first: most text has none of the markers an obfuscated address needs. */
const MAYBE_OBFUSCATED_RE = new RegExp(MARKERS, 'i');
/** ` @ ` counts only after words that say an address follows (`Email: ana @ example.com`), on the same line. */
const SPACED_CUE_RE = /(?:e-?mail|courriel|contact|write|kontakt|メール)[^\n.!?@]{0,30}$/i;

export interface Obfuscated {
  email: string;
  start: number;
  end: number;
}

/**
 * The alphabets a marker reads the address around it in: as plain text (0), ASCII only (1), or ASCII and the
 * full-width forms (2) — a label's characters (never a dot), then a local part's.
 */
const LABEL_CHARS = [/[\p{L}\p{N}\p{M}-]/u, /[a-z0-9-]/i, /[a-z0-9０-９Ａ-Ｚａ-ｚ－-]/i];
const LOCAL_CHARS = [undefined, /[\w.+'-]/, /[\w.+'０-９Ａ-Ｚａ-ｚ-]/];

/** Which group of a match matched (the first one set; -1: none). */
const groupOf = (m: RegExpExecArray): number => m.findIndex((g, i) => i && g);

/** Obfuscated addresses in `text`, in order. A bare `at` counts only with a spelled-out `dot` after it. */
export function findObfuscated(text: string): Obfuscated[] {
  const out: Obfuscated[] = [];
  if (!MAYBE_OBFUSCATED_RE.test(text)) return out;
  let floor = 0;
  AT_RE.lastIndex = 0;
  for (let m; (m = AT_RE.exec(text)); ) {
    // Which spelling (a group of AT_RE; -1: `＠`), whether it is the bare English `at` (`arobase` is longer, `ſ` and
    // all), and the alphabet it reads the address in.
    const group = groupOf(m);
    const at = group === 2 && m[2]!.length === 2;
    const chars = group === 1 ? +/[^a-zä@]/i.test(m[1]!) : group === 2 ? 0 : group < 0 ? 2 : 1;
    let before = m.index;
    let after = before + m[0].length;
    if (group === 2 || group === 4) {
      // The spaces around a bare word: `ana at example dot com`.
      before--;
      after++;
    } else if (group > 0) {
      // Up to three spaces each side: `ana [ at ] example.com`, `ana [at] example.com`.
      before = skipInvisible(text, before, -1, 3);
      after = skipInvisible(text, after, 1, 3);
    }
    const start = localStart(text, before, floor, LOCAL_CHARS[chars]);
    // The domain: labels joined by `.` or a dot the marker takes (`spelled`: a dot was a word).
    const labels: string[] = [];
    let spelled = false;
    let end = after;
    for (let i = after; start < before && labels.length < MAX_LABELS; i = DOT_RE.lastIndex) {
      let j = i;
      while (LABEL_CHARS[chars]!.test(text.charAt(j))) j++;
      if (j === i) break;
      labels.push(text.slice(i, (end = j)));
      DOT_RE.lastIndex = j;
      const dot = DOT_RE.exec(text);
      if (!dot) break;
      // A dot word (`[.]` is a plain dot): one the marker does not take ends the address before it — ` @ ` takes
      // none, `＠` only the full-width `．`, the bare `at` only `dot`.
      const g = groupOf(dot);
      if (g > 0 && dot[g] !== '.') {
        if (group === 4 || (group < 0 && g !== 4) || (at && !/^dot$/i.test(dot[g]!))) break;
        if (g !== 4) spelled = true;
      }
    }
    // The bare `at` needs a spelled-out dot; after a bare marker a spelled dot (or the bare ` @ `) needs a country code or common TLD.
    if (labels.length < 2 || (at && !spelled)) continue;
    if (group > 1 && (spelled || group === 4) && !TLD_OK_RE.test(labels[labels.length - 1]!.toLowerCase())) continue;
    if (group === 4 && !SPACED_CUE_RE.test(text.slice(Math.max(floor, start - 40), start))) continue;
    let raw = `${text.slice(start, before)}@${labels.join('.')}`;
    if (chars === 2) raw = raw.normalize('NFKC');
    const email = normalizeEmail(raw);
    if (email === null) continue;
    out.push({ email, start, end });
    floor = end;
    AT_RE.lastIndex = Math.max(AT_RE.lastIndex, end);
  }
  return out;
}

/**
 * Cloudflare's `data-cfemail` / protected-link hex decoded (first byte the XOR key, then UTF-8 text), or null. The
 * bytes go through decodeURIComponent as percent-escapes: it reads them as UTF-8 and refuses malformed UTF-8, as
 * Cloudflare's own decoder does (a leading byte-order mark stays: every caller drops it as invisible).
 */
export function cloudflareText(hex: string): string | null {
  const h = hex.trim();
  if (!/^(?:[0-9a-f]{2}){2,2048}$/i.test(h)) return null;
  try {
    return decodeURIComponent(h.slice(2).replace(/../g, (b) => `%${((parseInt(b, 16) ^ parseInt(h.slice(0, 2), 16)) | 256).toString(16).slice(1)}`));
  } catch {
    return null;
  }
}

/** Decodes Cloudflare's `data-cfemail` hex into the one address it hides. */
export const decodeCloudflare = (hex: string): string | null => normalizeEmail(cloudflareText(hex) ?? '');

/** Where Cloudflare's email protection sends a protected link. */
export const CF_PATH = '/cdn-cgi/l/email-protection#';

/**
 * What a Cloudflare-protected link (`/cdn-cgi/l/email-protection#<hex>`) decodes to: Cloudflare hides the whole
 * `mailto:` target, so it may carry `?subject=…&body=…`, `cc=` and several recipients.
 */
export function cloudflareMailto(href: string): string | null {
  const at = href.indexOf(CF_PATH);
  const text = at === -1 ? null : cloudflareText(href.slice(at + CF_PATH.length));
  return text === null ? null : `mailto:${text}`;
}
