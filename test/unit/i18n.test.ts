// @vitest-environment node
/** t() without chrome.i18n: the same catalogue rules as Chrome (Chrome itself is compared in test/e2e/i18n.test.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { currentLang, formatMessage, setCatalogue, t, type Catalogue } from '../../src/widget/i18n';

const cat: Catalogue = {
  plain: { message: 'Hello' },
  named: { message: 'Showing the first $SHOWN$ of $Total$', placeholders: { shown: { content: '$1' }, total: { content: '$2' } } },
  fixed: { message: 'Price: $AMOUNT$ and $$5', placeholders: { amount: { content: '12 €' } } },
  direct: { message: 'From $1 to $2, not $3' },
  sneaky: { message: 'Name: $N$', placeholders: { n: { content: '$1' } } },
};

afterEach(() => {
  (globalThis as { chrome?: unknown }).chrome = undefined;
});

describe('formatMessage', () => {
  it('fills named placeholders (any case) and positional ones, and turns $$ into $', () => {
    expect(formatMessage(cat, 'plain')).toBe('Hello');
    expect(formatMessage(cat, 'named', ['10', '99'])).toBe('Showing the first 10 of 99');
    expect(formatMessage(cat, 'fixed')).toBe('Price: 12 € and $5');
    expect(formatMessage(cat, 'direct', ['a', 'b'])).toBe('From a to b, not ');
    expect(formatMessage(cat, 'named', '7')).toBe('Showing the first 7 of ');
  });

  it('never reads a substituted value again as a placeholder, and answers the key for an unknown one', () => {
    expect(formatMessage(cat, 'sneaky', ['$1 $N$ $$'])).toBe('Name: $1 $N$ $$');
    expect(formatMessage(cat, 'missing')).toBe('missing');
    expect(formatMessage(cat, '__proto__')).toBe('__proto__');
  });
});

describe('t()', () => {
  it('reads the loaded catalogue where there is no chrome.i18n, and formats dates for its language', () => {
    setCatalogue('en', en as Catalogue);
    expect(currentLang()).toBe('en');
    expect(t('notInIntercom')).toBe((en as Catalogue).notInIntercom!.message);
    expect(t('count', '3')).toBe('Email addresses on this page: 3');
  });
});
