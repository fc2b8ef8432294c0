/**
 * E-mail detection: pure string functions (no DOM, no chrome APIs, no imports).
 *
 * Everything here runs in time linear in the input; there is no regex that
 * can backtrack over unbounded input (the few regexes used only see strings
 * already length-checked, or are anchored with non-overlapping classes).
 */

/** Callers cap lists of detected addresses at this many entries. */
export const MAX_EMAILS = 1000;

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;
const MAILTO = 'mailto:';

const LOCAL_RE = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const TLD_RE = /^[a-z]{2,}$/;
/** First domain label of retina image names: `logo@2x.png`. */
const RETINA_RE = /^\d+x$/;
/** "TLDs" that are really file extensions: `icon@2x.png`, `app@1.2.js`. */
const FILE_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp',
  'css', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'map', 'json',
]);
/** Characters stripped from the start / end of a candidate. */
const OPENERS = new Set([...`"'\`([{<«‹“‘„,;:`]);
const CLOSERS = new Set([...`"'\`)]}>»›”’.,;:!?`]);
const INVISIBLE_RE = /[\s\u200b-\u200d\u2060]/;
const ONLY_PRINTABLE_ASCII_RE = /^[\x21-\x7e]*$/;
const WORDLIKE_RE = /[\p{L}\p{N}\p{M}]/u;
const RECIPIENT_KEYS = new Set(['to', 'cc', 'bcc']);

const isJunk = (ch: string, set: Set<string>): boolean => set.has(ch) || INVISIBLE_RE.test(ch);

/**
 * Normalises one address: trims whitespace, surrounding quotes, brackets and
 * trailing punctuation, an optional `mailto:` prefix, and lower-cases it.
 * Returns null unless the result is a plausible address.
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
  const candidate = raw.slice(start, end);
  // Checked before lower-casing: some non-ASCII letters lower-case to ASCII.
  if (!ONLY_PRINTABLE_ASCII_RE.test(candidate)) return null;
  const email = candidate.toLowerCase();
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
  if (!TLD_RE.test(tld) || FILE_EXTENSIONS.has(tld) || RETINA_RE.test(first)) return false;
  return labels.every((label) => label.length <= MAX_LABEL && LABEL_RE.test(label));
}

/** Ordered, de-duplicated, capped set of addresses. */
class Collector {
  private readonly found = new Set<string>();
  constructor(private readonly limit: number) {}
  get full(): boolean {
    return this.found.size >= this.limit;
  }
  add(email: string | null): void {
    if (email !== null && !this.full) this.found.add(email);
  }
  list(): string[] {
    return [...this.found];
  }
}

// Free text uses a narrower local-part alphabet than normalizeEmail accepts,
// so `?email=bob@x.com` or `/path/bob@x.com` yield `bob@x.com`.
const isLocalChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
  c === 46 /* . */ || c === 95 /* _ */ || c === 43 /* + */ || c === 45 /* - */ || c === 39; /* ' */
const isDomainChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
/** True when the character glues onto an address (`a@b@c.com`, `ünï@x.com`). */
const isGlued = (ch: string): boolean => ch === '@' || (ch > '\x7f' && WORDLIKE_RE.test(ch));

/** The address around the `@` at index `at`; never looks left of `floor`. */
function addressAt(text: string, at: number, floor: number): string | null {
  let start = at;
  while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
  while (start < at && text.charAt(start) === '.') start++;
  while (end > at + 1 && '.-'.includes(text.charAt(end - 1))) end--;
  if (start === at || end === at + 1) return null;
  if (isGlued(text.charAt(start - 1)) || isGlued(text.charAt(end))) return null;
  return normalizeEmail(text.slice(start, end));
}

/** Scans `text` for bare addresses (no mailto handling). Linear time. */
function scanAddresses(text: string, out: Collector): void {
  for (let at = text.indexOf('@'); at !== -1 && !out.full; at = text.indexOf('@', at + 1)) {
    out.add(addressAt(text, at, 0));
  }
}

const isMailtoEnd = (ch: string): boolean => INVISIBLE_RE.test(ch) || `"'\`<>`.includes(ch);

/**
 * Every plausible address in `text` (including `mailto:` URLs, even
 * percent-encoded ones), normalised, de-duplicated, in order of first
 * appearance, at most `limit` of them. Linear time.
 */
export function extractEmails(text: string, limit: number = MAX_EMAILS): string[] {
  const out = new Collector(limit);
  const mailtoRe = /mailto:/gi;
  const nextMailto = (from: number): number => {
    mailtoRe.lastIndex = from;
    return mailtoRe.exec(text)?.index ?? -1;
  };
  let mailto = nextMailto(0);
  let at = text.indexOf('@');
  let floor = 0; // left boundary for the next local part
  while (!out.full && (at !== -1 || mailto !== -1)) {
    if (mailto !== -1 && (at === -1 || mailto < at)) {
      let end = mailto + MAILTO.length;
      while (end < text.length && !isMailtoEnd(text.charAt(end))) end++;
      for (const email of emailsFromMailto(text.slice(mailto, end), limit)) out.add(email);
      floor = end;
      mailto = nextMailto(end);
      at = text.indexOf('@', end);
    } else {
      out.add(addressAt(text, at, floor));
      floor = at + 1;
      at = text.indexOf('@', at + 1);
    }
  }
  return out.list();
}

/** Percent-decodes each run of `%XX` escapes, leaving malformed ones as-is. */
function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * All recipients (path, `to`, `cc`, `bcc`) of a `mailto:` URL, percent-decoded
 * and normalised; e.g. `mailto:a@x.com,b@y.com?subject=Hi&cc=c@z.com`.
 */
export function emailsFromMailto(href: string, limit: number = MAX_EMAILS): string[] {
  const url = href.trim();
  if (url.slice(0, MAILTO.length).toLowerCase() !== MAILTO) return [];
  const body = url.slice(MAILTO.length);
  const q = body.indexOf('?');
  const fields = [q === -1 ? body : body.slice(0, q)];
  if (q !== -1) {
    for (const pair of body.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq !== -1 && RECIPIENT_KEYS.has(percentDecode(pair.slice(0, eq)).toLowerCase())) {
        fields.push(pair.slice(eq + 1));
      }
    }
  }
  const out = new Collector(limit);
  for (const field of fields) {
    for (const recipient of percentDecode(field).split(/[,;]/)) {
      const email = normalizeEmail(recipient);
      if (email !== null) out.add(email);
      else scanAddresses(recipient, out); // e.g. `Bob <bob@x.com>`
    }
  }
  return out.list();
}

/** Concatenates lists, keeping the first occurrence of each entry, capped at `limit`. */
export function mergeUnique(lists: readonly (readonly string[])[], limit: number = MAX_EMAILS): string[] {
  const out = new Collector(limit);
  for (const list of lists) for (const item of list) out.add(item);
  return out.list();
}
