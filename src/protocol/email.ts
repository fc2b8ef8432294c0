/**
 * The one canonical form of an e-mail address, in every context (content script, worker, panel): lower-case,
 * then Unicode NFC. Internationalised addresses keep their Unicode; a punycode (`xn--`) domain stays punycode.
 * No imports, so the content script can use it without pulling in anything else.
 */
export const canonicalEmail = (s: string): string => s.toLowerCase().normalize('NFC');
