// @vitest-environment node
/** The forms an address takes on a page besides plain text: obfuscations, Cloudflare, names, IDN. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { cleanName, decodeCloudflare, emailFromCloudflareHref, extractEmails, extractFound, foundInCloudflareHref, foundInMailto, normalizeEmail } from '../../src/detect/detect';
import { EmailSchema } from '../../src/protocol/schemas';

import { cfEncode } from './fixtures-cf';

describe('obfuscated addresses', () => {
  it.each([
    ['Write to ana [at] example [dot] com today', ['ana@example.com']],
    ['ana(at)example.com', ['ana@example.com']],
    ['ana (at) example (dot) co (dot) uk.', ['ana@example.co.uk']],
    ['ana {at} mail.example.org', ['ana@mail.example.org']],
    ['ANA [AT] EXAMPLE [DOT] COM', ['ana@example.com']],
    ['jo.smith [@] example.com', ['jo.smith@example.com']],
    ['Contact: ana at example dot com, or bo at example dot org.', ['ana@example.com', 'bo@example.org']],
    ['email me at bob at example dot com', ['bob@example.com']],
  ])('%s', (text, expected) => {
    expect(extractEmails(text)).toEqual(expected);
  });

  it.each([
    'Look at example.com for details', // a bare "at" needs a spelled-out "dot"
    'We met at noon dot the office',
    'Meet at the office at 10. See you at home',
    '3 at $40 each',
    'ana [at] localhost',
    'logo [at] 2x [dot] png',
    'ana [at] example',
    '[at] example [dot] com',
  ])('ignores %j', (text) => {
    expect(extractEmails(text)).toEqual([]);
  });

  it('round-trips any simple address written with [at] and [dot]', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(
      fc.property(label, fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/), (local, labels, tld) => {
        const email = `${local}@${[...labels, tld].join('.')}`;
        fc.pre(extractEmails(email).length === 1); // e.g. not a private TLD
        expect(extractEmails(`x ${local} [at] ${[...labels, tld].join(' [dot] ')} y`)).toEqual([email]);
        expect(extractEmails(`${local}(at)${[...labels, tld].join('.')}`)).toEqual([email]);
      }),
    );
  });
});

describe('Cloudflare email protection', () => {
  it('decodes data-cfemail and the protection link', () => {
    expect(decodeCloudflare(cfEncode('ana@example.com'))).toBe('ana@example.com');
    expect(decodeCloudflare(cfEncode('Jöse@Exämple.de', 0x13))).toBe('jöse@exämple.de');
    expect(emailFromCloudflareHref(`/cdn-cgi/l/email-protection#${cfEncode('bo@x.org')}`)).toBe('bo@x.org');
    expect(emailFromCloudflareHref(`https://site.com/cdn-cgi/l/email-protection#${cfEncode('bo@x.org', 1)}`)).toBe('bo@x.org');
  });

  it.each(['', 'zz', '5a', '5a0', 'not-hex!', cfEncode('logo@2x.png'), cfEncode('no address')])('rejects %j', (hex) => {
    expect(decodeCloudflare(hex)).toBeNull();
  });

  it('round-trips every address', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.integer({ min: 0, max: 255 }), (email, key) => {
        const plain = extractEmails(email)[0];
        fc.pre(plain === email.toLowerCase());
        expect(decodeCloudflare(cfEncode(email, key))).toBe(plain);
      }),
    );
  });
});

describe('display names', () => {
  it('keeps the name of `Name <address>` and `"Name" <address>`', () => {
    const text = 'To: Ana Lima <Ana@Example.com>, "Lima, Bo" <bo@example.com>; “Cy” <cy@example.com>\n<dee@example.com>';
    expect(extractFound(text)).toEqual([
      { email: 'ana@example.com', name: 'Ana Lima' },
      { email: 'bo@example.com', name: 'Lima, Bo' },
      { email: 'cy@example.com', name: 'Cy' },
      { email: 'dee@example.com' },
    ]);
  });

  it.each([
    ['Thanks. Ana Lima <a@x.com>', 'Ana Lima'],
    ['Dr. Ana Lima <a@x.com>', 'Dr. Ana Lima'],
    ['Ana de la Cruz <a@x.com>', 'Ana de la Cruz'],
    ['田中 太郎 <a@x.com>', '田中 太郎'],
    ['Please reply to <a@x.com>', undefined],
    ['. Please reply to <a@x.com>', undefined],
    ['which is not a name at all <a@x.com>', undefined],
    ['One Two Three Four Five Six Seven <a@x.com>', undefined],
  ])('name of %j: %s', (text, name) => {
    expect(extractFound(text)).toEqual([name ? { email: 'a@x.com', name } : { email: 'a@x.com' }]);
  });

  it('takes no name from text that is not one', () => {
    expect(extractFound('(bob@example.com). 12 <x@example.com> <y@example.com ok')).toEqual([
      { email: 'bob@example.com' },
      { email: 'x@example.com' },
      { email: 'y@example.com' },
    ]);
  });

  it('keeps names in mailto links, and a later name fills an earlier bare address', () => {
    expect(foundInMailto('mailto:Bob%20Smith%20%3Cbob@x.com%3E,cy@x.com?subject=Hi&cc=%22Ann%22%20%3Cann@x.com%3E')).toEqual([
      { email: 'bob@x.com', name: 'Bob Smith' },
      { email: 'cy@x.com' },
      { email: 'ann@x.com', name: 'Ann' },
    ]);
    expect(extractFound('ana@x.com; Ana Lima <ana@x.com>')).toEqual([{ email: 'ana@x.com', name: 'Ana Lima' }]);
  });

  it('names the addresses of a vCard pasted as text by its FN', () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\nFN:Lima\\, Ana\nEMAIL;TYPE=INTERNET,WORK:ana@x.com\nitem1.EMAIL:ana.home@x.com\nEND:VCARD\nBEGIN:VCARD\nEMAIL:bo@x.com\nEND:VCARD';
    expect(extractFound(card)).toEqual([
      { email: 'ana@x.com', name: 'Lima, Ana' },
      { email: 'ana.home@x.com', name: 'Lima, Ana' },
      { email: 'bo@x.com' },
    ]);
  });

  it('caps names and strips control characters', () => {
    // A run of text longer than any name is not taken as one.
    expect(extractFound(`${'A'.repeat(200)} <a@x.com>`)).toEqual([{ email: 'a@x.com' }]);
    expect(cleanName(` "${'B'.repeat(200)}" `)).toBe('B'.repeat(128));
    expect(extractFound('Ana\u0000\u200b Lima <a@x.com>')).toEqual([{ email: 'a@x.com', name: 'Ana Lima' }]);
  });

  it('finds any plain name written before its address', () => {
    const name = fc.stringMatching(/^[A-Z][a-z]{1,10}( [A-Z][a-z]{1,10}){0,2}$/);
    fc.assert(
      fc.property(name, (n) => {
        expect(extractFound(`Hello, ${n} <x@example.com>.`)).toEqual([{ email: 'x@example.com', name: n }]);
      }),
    );
  });
});

describe('internationalised addresses in text', () => {
  it('finds Unicode local parts and domains, normalised the same way however they were typed', () => {
    const text = 'Write to José@Café.fr, JOSE\u0301@CAFE\u0301.FR, 用户@例子.广告。 or 请联系zhang@x.cn谢谢';
    expect(extractEmails(text)).toEqual(['josé@café.fr', '用户@例子.广告', 'zhang@x.cn']);
  });
});

describe('one canonical form in every context', () => {
  it("the worker's EmailSchema turns any address the scanner accepts into exactly the scanner's form", () => {
    const variant = fc.tuple(fc.constantFrom('josé@café.fr', 'jürgen.müller@bücher.ch', '用户@例子.广告', 'ana@example.com', 'a@xn--bcher-kva.de'), fc.boolean(), fc.boolean());
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), variant.map(([e, upper, nfd]) => (nfd ? e.normalize('NFD') : e)[upper ? 'toUpperCase' : 'toLowerCase']())), (raw) => {
        const scanned = normalizeEmail(raw);
        // The scanner also trims quotes and brackets around an address (`<a@x.com>`); the schema gets bare ones.
        if (scanned === null || !/^[\p{L}\p{N}].*[\p{L}\p{N}]$/u.test(raw)) return;
        expect(v.parse(EmailSchema, raw)).toBe(scanned);
        expect(v.parse(EmailSchema, scanned)).toBe(scanned);
      }),
    );
  });
});

describe('issue 13: forms still missed', () => {
  it('reads every recipient of a Cloudflare-protected mailto: link, with its subject and body', () => {
    const href = (target: string, key?: number) => `/cdn-cgi/l/email-protection#${cfEncode(target, key)}`;
    expect(foundInCloudflareHref(href('ana@example.com?subject=Typo%20on%20page&body=Hello'))).toEqual([{ email: 'ana@example.com' }]);
    expect(foundInCloudflareHref(href('ana@example.com,bo@example.org?cc=cy@example.net&body=Hi', 0x21)).map((f) => f.email)).toEqual([
      'ana@example.com',
      'bo@example.org',
      'cy@example.net',
    ]);
    expect(foundInCloudflareHref(href('?subject=Share&body=https%3A%2F%2Fx.example.com%2F'))).toEqual([]);
    expect(emailFromCloudflareHref(`https://site.example/cdn-cgi/l/email-protection#${cfEncode('Bo@X.org?subject=Hi')}`)).toBe('bo@x.org');
  });

  it('round-trips any mailto: target Cloudflare hides', () => {
    const local = fc.stringMatching(/^[a-z][a-z0-9.]{0,8}[a-z0-9]$/).filter((s) => !s.includes('..'));
    const subject = fc.string({ maxLength: 30 });
    fc.assert(
      fc.property(fc.array(local, { minLength: 1, maxLength: 3 }), subject, fc.integer({ min: 0, max: 255 }), (locals, text, key) => {
        const emails = [...new Set(locals.map((l) => `${l}@example.com`))];
        const target = `${emails.join(',')}?subject=${encodeURIComponent(text)}&body=${encodeURIComponent(text)}`;
        expect(foundInCloudflareHref(`/cdn-cgi/l/email-protection#${cfEncode(target, key)}`).map((f) => f.email)).toEqual(emails);
      }),
    );
  });

  it.each([
    ['Email: ana @ example.com', ['ana@example.com']],
    ['Contact us at bo.lima @ example.co.uk for help', ['bo.lima@example.co.uk']],
    ['Write to cy @ mail.example.org.', ['cy@mail.example.org']],
  ])('a spaced `@` after words that say an address follows: %j', (text, expected) => {
    expect(extractEmails(text)).toEqual(expected);
  });

  it.each([
    '3 @ $40 each',
    'Meet me @ example.com tomorrow',
    'ana @ example.com',
    'Email: ana @ example.c',
    'Email us. Then ana @ example.com',
    'Contact: ana @ example.local',
    'Email: ana @ example',
  ])('no spaced `@` without that context: %j', (text) => {
    expect(extractEmails(text)).toEqual([]);
  });
});

describe('issue 12: spelled-out @ and dot in other languages', () => {
  it.each([
    // German
    ['Kontakt: ana (at) beispiel (punkt) de', ['ana@beispiel.de']],
    ['ana [ät] beispiel [punkt] de', ['ana@beispiel.de']],
    ['Schreiben Sie an jürgen(at)büro-müller punkt de.', ['jürgen@büro-müller.de']],
    // French
    ['Écrivez à ana arobase exemple point fr', ['ana@exemple.fr']],
    ['ana [arobase] exemple [point] fr', ['ana@exemple.fr']],
    ['ana(arobase)exemple.fr', ['ana@exemple.fr']],
    // Japanese: full-width forms normalised to the ASCII address
    ['お問い合わせ：ａｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ まで', ['ana@example.com']],
    ['メール：info＠example.co.jp', ['info@example.co.jp']],
    ['info（アットマーク）example.co.jp', ['info@example.co.jp']],
    ['連絡先 infoアットマークexample.jp へ', ['info@example.jp']],
    ['sales [アットマーク] example [ドット] com', ['sales@example.com']],
    // Persian (between brackets)
    ['ایمیل: ana [اَت] example [دات] com', ['ana@example.com']],
    ['پست الکترونیک: info (ات) example.ir', ['info@example.ir']],
    // Thai
    ['อีเมล ana แอท example ดอท com', ['ana@example.com']],
    ['ติดต่อ infoแอทexample.co.th', ['info@example.co.th']],
  ])('%s', (text, expected) => {
    expect(extractEmails(text)).toEqual(expected);
  });

  it.each([
    'Der Punkt ist wichtig. Punkt für Punkt, Punkt 10 Uhr am Treffpunkt.',
    'Wir treffen uns (at) Schule punkt 10 Uhr',
    'Le point de vue du signe arobase est clair.',
    'Mettez un point à la ligne, point final.',
    'Le caractère arobase point com',
    'アットマークを全角で表記しています。',
    'メールアドレスのアットマークは全角です',
    'มหาสมุทรแอทแลนติก',
    'ผมจะไปแอทพาร์ค ดอท ไม่ได้',
    'در این صفحه (ات) نوشته شده است',
    'ana＠example',
    'see ＠ example.com',
  ])('ignores %j', (text) => {
    expect(extractEmails(text)).toEqual([]);
  });

  it('round-trips any simple address in each language’s spelling', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    const toWide = (s: string) => [...s].map((c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
    fc.assert(
      fc.property(label, fc.array(label, { minLength: 1, maxLength: 2 }), fc.constantFrom('de', 'fr', 'jp', 'com', 'org'), (local, labels, tld) => {
        const email = `${local}@${[...labels, tld].join('.')}`;
        fc.pre(extractEmails(email).length === 1);
        const parts = [...labels, tld];
        expect(extractEmails(`Kontakt: ${local} (at) ${parts.join(' (punkt) ')}.`)).toEqual([email]);
        expect(extractEmails(`Écrivez à ${local} arobase ${parts.join(' point ')}.`)).toEqual([email]);
        expect(extractEmails(`連絡先：${toWide(local)}＠${toWide(parts.join('.'))}まで`)).toEqual([email]);
        expect(extractEmails(`連絡先 ${local}アットマーク${parts.join('.')} へ`)).toEqual([email]);
        expect(extractEmails(`ایمیل: ${local} [ات] ${parts.join(' [دات] ')}`)).toEqual([email]);
        expect(extractEmails(`อีเมล ${local} แอท ${parts.join(' ดอท ')}`)).toEqual([email]);
      }),
    );
  });
});
