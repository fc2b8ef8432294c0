/** Every user-facing string goes through chrome.i18n (public/_locales/en/messages.json). */
export function t(key: string, substitutions?: string | string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}
