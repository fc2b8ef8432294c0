// @vitest-environment node
/** t() without chrome.i18n: the same catalogue rules as Chrome (Chrome itself is compared in test/e2e/i18n.test.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { currentLang, formatMessage, num, pluralCategory, setCatalogue, t, tn, type Catalogue } from '../../src/widget/i18n';

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
    expect(t('count_other', '3')).toBe('3 email addresses on this page');
  });
});

const catalogueOf = (lang: string) =>
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../public/_locales', lang, 'messages.json'), 'utf8')) as Catalogue;

describe('plurals', () => {
  // CLDR's rules, written out: 0, 1, 2, 5, 21, 101, 1.5 and a million.
  const NUMBERS = [0, 1, 2, 5, 21, 101, 1.5, 1_000_000];
  it.each([
    ['en', ['other', 'one', 'other', 'other', 'other', 'other', 'other', 'other']],
    ['de', ['other', 'one', 'other', 'other', 'other', 'other', 'other', 'other']],
    // French: 0 and 1.5 are singular; a round million takes "de" (many).
    ['fr', ['one', 'one', 'other', 'other', 'other', 'other', 'one', 'many']],
    ['ja', ['other', 'other', 'other', 'other', 'other', 'other', 'other', 'other']],
    ['th', ['other', 'other', 'other', 'other', 'other', 'other', 'other', 'other']],
    // Persian: CLDR counts 0 and 1 as one (the noun after a numeral stays singular either way).
    ['fa', ['one', 'one', 'other', 'other', 'other', 'other', 'other', 'other']],
  ])('%s picks its own category for each number', (lang, expected) => {
    expect(NUMBERS.map((n) => pluralCategory(n, lang))).toEqual(expected);
  });

  it.each([
    ['en', [[0, 'Try again in 0 seconds.'], [1, 'Try again in 1 second.'], [2, 'Try again in 2 seconds.'], [21, 'Try again in 21 seconds.'], [1234, 'Try again in 1,234 seconds.']]],
    ['de', [[0, 'in 0 Sekunden erneut'], [1, 'in 1 Sekunde erneut'], [5, 'in 5 Sekunden erneut'], [1234, 'in 1.234 Sekunden erneut']]],
    ['fr', [[0, 'dans 0 seconde.'], [1, 'dans 1 seconde.'], [2, 'dans 2 secondes.'], [21, 'dans 21 secondes.'], [1_000_000, 'dans 1\u202f000\u202f000 de secondes.']]],
    ['ja', [[1, '1秒後に'], [21, '21秒後に'], [1234, '1,234秒後に']]],
    ['th', [[1, 'ใน 1 วินาที'], [21, 'ใน 21 วินาที']]],
    ['fa', [[0, '۰ ثانیهٔ دیگر'], [1, '۱ ثانیهٔ دیگر'], [21, '۲۱ ثانیهٔ دیگر'], [1234, '۱٬۲۳۴ ثانیهٔ دیگر']]],
  ] as Array<[string, Array<[number, string]>]>)('%s: the count in its plural form, written with its own digits', (lang, cases) => {
    setCatalogue(lang, catalogueOf(lang));
    for (const [n, text] of cases) expect(tn('err_rate_limited', n)).toContain(text);
  });

  it('falls back to the _other form when a language lacks the category, and passes further substitutions after the count', () => {
    setCatalogue('en', {
      files_other: { message: '$N$ files in $DIR$', placeholders: { n: { content: '$1' }, dir: { content: '$2' } } },
    });
    expect(tn('files', 1, ['docs'])).toBe('1 files in docs');
    expect(num(12345.5)).toBe('12,345.5');
  });

  it('the bulk counts join two plural messages', () => {
    setCatalogue('fr', catalogueOf('fr'));
    expect(t('bulkCounts', [tn('bulkCountDone', 1), tn('bulkCountFailed', 0)])).toBe('1 réussi, 0 en échec.');
    expect(t('bulkCounts', [tn('bulkCountDone', 3), tn('bulkCountFailed', 2)])).toBe('3 réussis, 2 en échec.');
  });

  it('no page passes a number to t() unformatted (String(n) skips the language\'s digits and plural forms)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    walk(path.resolve(import.meta.dirname, '../../src'));
    const offenders = files.filter((f) => /\bt\(\s*['`][^'`]*['`]\s*,\s*\[?(?:[^()[\]]*,\s*)?String\(/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(path.resolve(import.meta.dirname, '../..'), f))).toEqual([]);
  });
});
