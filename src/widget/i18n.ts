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
  return chromeI18n?.getUILanguage?.() || undefined;
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
