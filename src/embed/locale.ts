/**
 * The element's language: its own `lang`, else the nearest ancestor's, else the document's, else the browser's;
 * and the catalogue closest to it (exact language, then the base language, then English). English is in the
 * bundle (it is the fallback); other catalogues load on demand as chunks beside sidekick.js.
 */
import en from '../../public/_locales/en/messages.json';
import { RTL_LANGS, type Catalogue } from '../widget/i18n';

const lazy = import.meta.glob<Catalogue>(['../../public/_locales/*/messages.json', '!../../public/_locales/en/messages.json'], { import: 'default' });

/** Chrome's folder names (`pt_BR`) by a lower-case BCP 47 key (`pt-br`). */
const available = new Map<string, string>([['en', 'en']]);
for (const file of Object.keys(lazy)) {
  const folder = /_locales\/([^/]+)\/messages\.json$/.exec(file)?.[1];
  if (folder) available.set(folder.toLowerCase().replace(/_/g, '-'), folder);
}


export function requestedLang(el: Element): string {
  const own = el.closest('[lang]')?.getAttribute('lang')?.trim();
  return own || document.documentElement.lang || navigator.language || 'en';
}

/** The catalogue folder to use for a requested language. */
export function bestCatalogue(lang: string): string {
  const key = lang.toLowerCase().replace(/_/g, '-');
  return available.get(key) ?? available.get(key.split('-')[0]!) ?? 'en';
}

/** The language tag of a catalogue folder (`pt_BR` → `pt-BR`), for the `lang` attribute and Intl. */
export const tagOf = (folder: string): string => folder.replace(/_/g, '-');

export function dirOf(lang: string): 'rtl' | 'ltr' {
  return RTL_LANGS.has(lang.toLowerCase().split(/[-_]/)[0]!) ? 'rtl' : 'ltr';
}

export async function loadCatalogue(folder: string): Promise<Catalogue> {
  const load = Object.entries(lazy).find(([file]) => file.includes(`/_locales/${folder}/`))?.[1];
  if (!load) return en as Catalogue;
  try {
    return await load();
  } catch {
    // A chunk that did not load (offline, a page's CSP): English is better than keys.
    return en as Catalogue;
  }
}

export const ENGLISH = en as Catalogue;
