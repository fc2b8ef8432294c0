// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailsFromMailto,
  extractEmails,
  MAX_EMAILS,
  mergeUnique,
  normalizeEmail,
} from '../../src/detect/detect';

describe('normalizeEmail', () => {
  it.each([
    ['bob@example.com', 'bob@example.com'],
    ['  Bob@Example.COM  ', 'bob@example.com'],
    ['(bob@example.com).', 'bob@example.com'],
    ['<bob@x.io>', 'bob@x.io'],
    ['"a@b.co",', 'a@b.co'],
    ["'o'brien@x.ie'", "o'brien@x.ie"],
    ['[jane.doe+tag@mail.example.co.uk];', 'jane.doe+tag@mail.example.co.uk'],
    ['“smart@quotes.com”', 'smart@quotes.com'],
    ['mailto:Bob@X.com', 'bob@x.com'],
    ['bob@example.com!?', 'bob@example.com'],
    ["a!#$%&'*+/=?^_`{|}~-z@x.com", "a!#$%&'*+/=?^_`{|}~-z@x.com"],
    ['user@163.com', 'user@163.com'],
    ['x@my-host.example', 'x@my-host.example'],
    // Internationalised addresses keep their Unicode, lower-cased and in NFC.
    ['Bøb@Exämple.DE', 'bøb@exämple.de'],
    ['b\u212Aob@x.com', 'bkob@x.com'], // Kelvin sign lower-cases to ASCII "k"
    ['JOSE\u0301@x.com', 'jos\u00e9@x.com'], // decomposed é composes
    ['用户@例子.广告', '用户@例子.广告'],
    ['a@xn--bcher-kva.de', 'a@xn--bcher-kva.de'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    'logo@2x.png',
    'icon@3x.webp',
    'sprite@1.5x.jpg',
    'styles@main.css',
    'lodash@4.17.21',
    'bundle@1.2.js',
    '@someone',
    'someone@',
    'user@localhost',
    'a..b@x.com',
    '.ab@x.com',
    'ab.@x.com',
    'a@b@x.com',
    'a@-x.com',
    'a@x-.com',
    'a@x..com',
    'a@x.c',
    'a b@x.com',
    'a@x_y.com',
    'user@server.local',
    'admin@intranet.corp',
    'a@x.123',
    '',
    'not an email',
    `${'a'.repeat(65)}@x.com`,
    `a@${'b'.repeat(64)}.com`,
    `a@${'abcdefghi.'.repeat(25)}com`, // 255 chars
  ])('rejects %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it('accepts the maximum lengths', () => {
    expect(normalizeEmail(`${'a'.repeat(64)}@x.com`)).not.toBeNull();
    expect(normalizeEmail(`a@${'b'.repeat(63)}.com`)).not.toBeNull();
  });
});

describe('extractEmails', () => {
  it('finds addresses in order of first appearance, de-duplicated', () => {
    const text = 'Contact Zoe@Example.com or (bob@x.io), cc: "zoe@example.com"; <amy@y.org>.';
    expect(extractEmails(text)).toEqual(['zoe@example.com', 'bob@x.io', 'amy@y.org']);
  });

  it('ignores asset names, versions, handles and glued garbage', () => {
    const text =
      'img logo@2x.png, lodash@4.17.21, ping @someone, user@localhost, a..b@x.com, a@b@c.com, sprite@1.5x.jpg';
    expect(extractEmails(text)).toEqual([]);
  });

  it('trims sentence punctuation and URL context', () => {
    expect(extractEmails('Mail jo@x.com. Or see https://x.com/u?email=amy@y.org&z=1 ...bo@z.net'))
      .toEqual(['jo@x.com', 'amy@y.org', 'bo@z.net']);
  });

  it('handles mailto: URLs in text, including percent-encoding and cc', () => {
    const text = 'href="mailto:ann%40x.com?subject=Hi%20there&cc=cat@y.com" and mailto:dan@z.com';
    expect(extractEmails(text)).toEqual(['ann@x.com', 'cat@y.com', 'dan@z.com']);
  });

  it('respects the limit', () => {
    const text = Array.from({ length: 20 }, (_, i) => `u${i}@x.com`).join(' ');
    expect(extractEmails(text, 3)).toEqual(['u0@x.com', 'u1@x.com', 'u2@x.com']);
    expect(extractEmails(text, 0)).toEqual([]);
    const many = Array.from({ length: MAX_EMAILS + 5 }, (_, i) => `u${i}@x.com`).join(' ');
    expect(extractEmails(many)).toHaveLength(MAX_EMAILS);
  });

  it('copes with pathological 1,000,000-char inputs', () => {
    expect(extractEmails('a@'.repeat(500_000))).toEqual([]);
    expect(extractEmails(`${'a@'.repeat(500_000)} bob@x.com`)).toEqual(['bob@x.com']);
    expect(extractEmails(`${'a'.repeat(1_000_000)}@`)).toEqual([]);
    expect(extractEmails(`${'a'.repeat(1_000_000)}@x.com`)).toEqual([]);
    expect(extractEmails(`x@${'a.'.repeat(500_000)}`)).toEqual([]);
    expect(extractEmails(`${'a.'.repeat(500_000)}@x.com z@y.com`)).toEqual(['z@y.com']);
    expect(extractEmails('mailto:'.repeat(150_000))).toEqual([]);
    expect(extractEmails('@mailto:'.repeat(125_000))).toEqual([]);
    expect(extractEmails(`${'%41'.repeat(300_000)}`)).toEqual([]);
  });
});

describe('emailsFromMailto', () => {
  it.each([
    ['mailto:bob@x.com', ['bob@x.com']],
    ['MAILTO:Bob@X.com', ['bob@x.com']],
    ['mailto:a@x.com,b@y.com?subject=Hi&cc=c@z.com', ['a@x.com', 'b@y.com', 'c@z.com']],
    ['mailto:a%40x.com?bcc=d%40w.com%2Ce@v.com&body=f@u.com', ['a@x.com', 'd@w.com', 'e@v.com']],
    ['mailto:?to=t@x.com&CC=c@x.com', ['t@x.com', 'c@x.com']],
    ['mailto:Bob%20%3Cbob@x.com%3E', ['bob@x.com']],
    ['mailto:a@x.com;a@x.com', ['a@x.com']],
    // Malformed escapes are kept as-is (`%` is a legal local-part character).
    ['mailto:bad%zz@x.com', ['bad%zz@x.com']],
    ['mailto:%E2%82@x.com,ok@x.com', ['%e2%82@x.com', 'ok@x.com']],
    ['mailto:', []],
    ['https://x.com/a@b.com', []],
  ])('%s', (href, expected) => {
    expect(emailsFromMailto(href)).toEqual(expected);
  });
});

describe('mergeUnique', () => {
  it('keeps first occurrences in order and caps', () => {
    expect(mergeUnique([['a', 'b'], ['b', 'c'], ['a', 'd']])).toEqual(['a', 'b', 'c', 'd']);
    expect(mergeUnique([['a', 'b'], ['c']], 2)).toEqual(['a', 'b']);
  });
});

describe('properties', () => {
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const chars = (alphabet: string, min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
  const atom = chars(`${lower}0123456789_+-`, 1, 10);
  const label = chars(`${lower}0123456789`, 1, 10);
  /** Addresses using the alphabet free-text extraction recognises. */
  const simpleEmail = fc
    .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.array(label, { minLength: 1, maxLength: 3 }), chars(lower, 2, 6))
    .map(([local, domain, tld]) => `${local.join('.')}@${domain.join('.')}.${tld}`)
    .filter((email) => normalizeEmail(email) === email);
  const separator = fc.constantFrom(' ', ', ', '; ', '\n', ' <', '> ', ' (', ') ', '"', '. ', '\t|\t');

  it('normalizeEmail is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string()), (raw) => {
        const once = normalizeEmail(raw);
        return once === null || normalizeEmail(once) === once;
      }),
    );
  });

  it('extractEmails output is normalised, lower-case and unique', () => {
    const text = fc.array(fc.oneof(fc.emailAddress(), fc.string(), separator)).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const found = extractEmails(t);
        expect(new Set(found).size).toBe(found.length);
        for (const email of found) {
          expect(normalizeEmail(email)).toBe(email);
          expect(email).toBe(email.toLowerCase());
        }
      }),
    );
  });

  it('extracts exactly the joined addresses, de-duplicated, in order', () => {
    const input = fc.array(fc.tuple(simpleEmail, fc.boolean(), separator), { maxLength: 15 });
    fc.assert(
      fc.property(input, (items) => {
        const text = items.map(([email, upper, sep]) => (upper ? email.toUpperCase() : email) + sep).join('');
        expect(extractEmails(text)).toEqual([...new Set(items.map(([email]) => email))]);
      }),
    );
  });

  it('emailsFromMailto recovers percent-encoded recipients', () => {
    fc.assert(
      fc.property(fc.array(simpleEmail, { minLength: 1, maxLength: 5 }), (emails) => {
        const [to = '', ...cc] = emails;
        const enc = (s: string) => encodeURIComponent(s);
        const href = `mailto:${enc(to)}?subject=x${cc.length ? `&cc=${cc.map(enc).join(',')}` : ''}`;
        expect(emailsFromMailto(href)).toEqual([...new Set(emails)]);
      }),
    );
  });
});
