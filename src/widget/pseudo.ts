/**
 * The pseudo-locale (the sandbox build's hidden language `pseudo`, a test language only): every message of the
 * English catalogue with its letters accented, about 40% longer and wrapped in ⟦…⟧. A page shown in it makes two
 * mistakes visible at a glance, and to a test: text that did not come from the catalogue (no brackets), and text
 * a longer language would cut off (the closing bracket goes missing).
 * Placeholders (`$NAME$`, `$1`, `$$`) are kept, so substitutions still land where they belong.
 */
import type { Catalogue } from './i18n';

/** The language tag pages and Intl get: Chrome's own name for its accented pseudo-locale (Intl reads it as English). */
export const PSEUDO_TAG = 'en-XA';
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';
const ACCENT = new Map([...PLAIN].map((c, i) => [c, [...ACCENTED][i]!]));
/** Words added to reach the longer length: separate words, so a long message still wraps as real text would. */
const PADDING = ['ļöŕéɱ', 'îþšûɱ', 'ðöļöŕ', 'šîţ', 'áɱéţ', 'çöñšéçţéţûŕ'];

const accent = (text: string) => [...text].map((c) => ACCENT.get(c) ?? c).join('');

export function pseudoMessage(message: string): string {
  // Placeholders and `$$` stay as they are; only the words around them change.
  const parts = message.split(/(\$\$|\$[A-Za-z0-9_@]+\$|\$\d)/);
  const text = parts.map((p, i) => (i % 2 ? p : accent(p))).join('');
  const visible = message.replace(/\$\$|\$[A-Za-z0-9_@]+\$|\$\d/g, '').length;
  let pad = '';
  for (let i = 0; pad.length < Math.round(visible * 0.4); i++) pad += ` ${PADDING[i % PADDING.length]}`;
  return `${PSEUDO_OPEN}${text}${pad}${PSEUDO_CLOSE}`;
}

/** The pseudo-locale made from the English catalogue (its `langTag` says `en-XA`). */
export function pseudoCatalogue(en: Catalogue): Catalogue {
  const out: Catalogue = {};
  for (const [key, entry] of Object.entries(en)) {
    out[key] = { ...entry, message: key === 'langTag' ? PSEUDO_TAG : pseudoMessage(entry.message) };
  }
  return out;
}
