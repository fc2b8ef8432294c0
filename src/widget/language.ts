/**
 * Settings → Language on the extension's own pages. Chrome's i18n always follows the browser's language, so
 * when the user picked another, the page loads that catalogue (one of the extension's own files) before its
 * first render and t() reads it; when the choice changes, the worker tells every open page, which starts again
 * in the new language (the side panel, the in-page card and Settings alike).
 */
import { extensionTransport } from '../protocol/client';
import { LANGUAGE_EVENT, onWorkerEvent } from '../protocol/events';
import { PSEUDO } from '../protocol/constants';
import { applyDocumentLanguage, setCatalogue, type Catalogue } from './i18n';

export async function startInChosenLanguage(): Promise<void> {
  // At once, the language Chrome picked; a moment later the chosen one, if it differs.
  applyDocumentLanguage();
  try {
    const { language } = await extensionTransport.call('ui/language', {});
    if (__SANDBOX__ && language === PSEUDO) {
      // The sandbox build's test language, made from the English catalogue as the page starts.
      const [{ pseudoCatalogue, PSEUDO_TAG }, res] = await Promise.all([import('./pseudo'), fetch(chrome.runtime.getURL('_locales/en/messages.json'))]);
      if (res.ok) setCatalogue(PSEUDO_TAG, pseudoCatalogue((await res.json()) as Catalogue));
    } else if (language) {
      const res = await fetch(chrome.runtime.getURL(`_locales/${language}/messages.json`));
      if (res.ok) setCatalogue(language, (await res.json()) as Catalogue);
    }
  } catch {
    // Settings could not be read (a worker starting up): the browser's language, as Chrome picks it.
  }
  applyDocumentLanguage();
  onWorkerEvent(LANGUAGE_EVENT, () => location.reload());
}

/** Each language by its own name (the same in every catalogue: a reader looks for their language's name). */
export const AUTONYMS: Record<string, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  ja: '日本語',
  th: 'ไทย',
  fa: 'فارسی',
};
