/**
 * Every user-facing string goes through `t()`, over the catalogues in public/_locales/<lang>/messages.json.
 * In the extension Chrome reads them (chrome.i18n); where there is no chrome.i18n (the embedded element) the
 * host loads a catalogue with `setCatalogue()` and `t()` applies Chrome's own rules to it: named placeholders
 * (`$COUNT$` → its `content`, `$1`…`$9` → the substitutions), `$$` for a dollar sign, unknown keys → the key.
 */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, MessageEntry>;

let active: { lang: string; messages: Catalogue } | null = null;

/** Makes `t()` read this catalogue (and format for this language) instead of chrome.i18n. */
export function setCatalogue(lang: string, messages: Catalogue): void {
  active = { lang, messages };
}

/** The language strings, dates and numbers are shown in. */
export function currentLang(): string | undefined {
  if (active) return active.lang;
  const chromeI18n = typeof chrome !== 'undefined' ? chrome.i18n : undefined;
  // The catalogue Chrome picked names its language; the browser's own language may have no catalogue.
  const tag = chromeI18n?.getMessage?.('langTag');
  return tag || chromeI18n?.getUILanguage?.() || undefined;
}

/** "Note, Tag and Ticket" in the language shown (Intl.ListFormat: its own separators and conjunction). */
export function listText(items: string[]): string {
  try {
    return new Intl.ListFormat(currentLang(), { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** A number as the language shown writes it (Intl.NumberFormat: its digits and grouping, Persian digits in Persian). */
export function num(n: number): string {
  try {
    return new Intl.NumberFormat(currentLang()).format(n);
  } catch {
    return String(n);
  }
}

/** CLDR's plural category of `n` in `lang` (Intl.PluralRules): Japanese and Thai have only `other`, French's `one` takes 0. */
export function pluralCategory(n: number, lang = currentLang()): Intl.LDMLPluralRule {
  try {
    return new Intl.PluralRules(lang).select(n);
  } catch {
    return n === 1 ? 'one' : 'other';
  }
}

/**
 * A message that carries a count: `key_<category>` for `n` in the language shown (`count_one`, `count_other`…),
 * else `key_other`; `n` formatted for that language is `$1`, further substitutions follow it.
 */
export function tn(key: string, n: number, more: string[] = []): string {
  const subs = [num(n), ...more];
  const own = `${key}_${pluralCategory(n)}`;
  const text = t(own, subs);
  return text === own ? t(`${key}_other`, subs) : text;
}

export function t(key: string, substitutions?: string | string[]): string {
  if (active) return formatMessage(active.messages, key, substitutions);
  const chromeI18n = typeof chrome !== 'undefined' ? chrome.i18n : undefined;
  return chromeI18n?.getMessage(key, substitutions) || key;
}

/** chrome.i18n.getMessage over a catalogue: the same placeholders, substitutions and `$$` as Chrome. */
export function formatMessage(messages: Catalogue, key: string, substitutions?: string | string[]): string {
  const entry = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : undefined;
  if (!entry || typeof entry.message !== 'string') return key;
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const positional = (text: string) => text.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  const placeholders = entry.placeholders ?? {};
  const named = new Map(Object.entries(placeholders).map(([name, p]) => [name.toLowerCase(), p.content]));
  // One pass, so a substituted value is never read again as a placeholder.
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$(\d)/g, (whole, name: string | undefined, digit: string | undefined) => {
    if (whole === '$$') return '$';
    if (digit !== undefined) return subs[Number(digit) - 1] ?? '';
    const content = named.get(name!.toLowerCase());
    return content === undefined ? '' : positional(content);
  });
}

/**
 * An extension page's <html lang dir> for the catalogue Chrome picked: its own `langTag` message, and
 * Chrome's `@@bidi_dir` (rtl for Persian), so text, dates and numbers read in the language shown and
 * logical CSS lays the page out right to left without a copy.
 */
export function applyDocumentLanguage(doc: Document = document): void {
  const lang = t('langTag');
  if (lang && lang !== 'langTag') doc.documentElement.lang = lang;
  const chromeI18n = typeof chrome !== 'undefined' ? chrome.i18n : undefined;
  doc.documentElement.dir = active ? (RTL_LANGS.has(active.lang.split('-')[0]!) ? 'rtl' : 'ltr') : chromeI18n?.getMessage('@@bidi_dir') || 'ltr';
}

/** Languages written right to left, by base subtag. */
export const RTL_LANGS = new Set(['ar', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);
