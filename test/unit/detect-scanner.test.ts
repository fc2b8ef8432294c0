// @vitest-environment jsdom
/**
 * Issue 13's page forms, as the scanner reads a page (and as the highlight marks it): hidden anti-spam text inside an
 * address, a link's edge ending the address it shows, Cloudflare-protected mailto: links with a subject or several
 * recipients, and the spelled-out forms inside markup.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { isCandidate } from '../../src/detect/detect';
import { scanPage, scanRoot } from '../../src/content/scanner';
import { findMarks } from '../../src/content/highlight';
import { cfEncode } from './fixtures-cf';

beforeEach(() => {
  document.body.innerHTML = '';
});

const marked = (emails: string[]) => findMarks(document.body, new Set(emails)).map((m) => [m.email, m.range.toString()]);

describe('hidden text inside an address', () => {
  it.each([
    ['ana@<span style="display:none">no spam please</span>example.com', 'ana@example.com'],
    ['bo<span hidden>REMOVE</span>@example.org', 'bo@example.org'],
    ['cy@exam<b aria-hidden="true">-nospam-</b>ple.io', 'cy@example.io'],
    ['<span>dee</span>@<i style="color:red;display: none">spam</i><b>example.net</b>', 'dee@example.net'],
  ])('%s', (html, email) => {
    document.body.innerHTML = `<p>Write to ${html} today.</p>`;
    expect(scanRoot(document)).toEqual([email]);
    expect(marked([email])).toEqual([[email, expect.stringContaining(email.split('@')[0]!)]]);
  });

  it('still counts a hidden span’s mailto: link and never its text', () => {
    document.body.innerHTML = `<p>x <span hidden>h@x.com <a href="mailto:m@x.com">m</a></span> ana@example.com</p>`;
    expect(scanRoot(document)).toEqual(['m@x.com', 'ana@example.com']);
  });

  it('whatever hidden text sits inside an address, the address is what the page shows', () => {
    fc.assert(
      fc.property(fc.constantFrom('ana@example.com', 'jane.doe+tag@mail.example.co.uk'), fc.nat(), fc.string({ maxLength: 20 }), (email, cut, junk) => {
        const at = 1 + (cut % (email.length - 1));
        const p = document.createElement('p');
        const hidden = Object.assign(document.createElement('span'), { hidden: true, textContent: junk });
        p.append('Mail ', email.slice(0, at), hidden, email.slice(at), ' now');
        document.body.replaceChildren(p);
        expect(scanRoot(document)).toEqual([email]);
      }),
    );
  });
});

describe('a link’s edges', () => {
  it('end the address a link shows, whatever text follows or comes before', () => {
    document.body.innerHTML = `
      <p><a href="mailto:ana@example.fi">ana@example.fi</a><span>Next page</span></p>
      <p>Kontakt<a href="mailto:bo@example.de">bo@example.de</a>Impressum</p>
      <p><a href="mailto:team@example.com">cy@example.com</a>More</p>
      <p><a>dee</a>@example.org</p>`;
    expect(scanRoot(document)).toEqual(['ana@example.fi', 'bo@example.de', 'team@example.com', 'cy@example.com', 'dee@example.org']);
    expect(marked(['ana@example.fi', 'bo@example.de', 'cy@example.com', 'dee@example.org'])).toEqual([
      ['ana@example.fi', 'ana@example.fi'],
      ['bo@example.de', 'bo@example.de'],
      ['cy@example.com', 'cy@example.com'],
      ['dee@example.org', 'dee@example.org'],
    ]);
  });

  it('an address shown whole in a link is found whatever text is glued to it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9.]{0,8}$/), fc.stringMatching(/^[A-Za-z0-9]{0,8}$/), (before, after) => {
        document.body.innerHTML = `<p>${before}<a href="#">ana@example.fi</a>${after}</p>`;
        expect(scanRoot(document)).toEqual(['ana@example.fi']);
      }),
    );
  });
});

describe('Cloudflare-protected mailto: links', () => {
  it('yield every recipient of the hidden target (share bars, report a typo, author links)', () => {
    const link = (target: string, text: string) => `<a href="/cdn-cgi/l/email-protection#${cfEncode(target, 0x3c)}">${text}</a>`;
    document.body.innerHTML = `
      <p>${link('?subject=Look&body=https%3A%2F%2Fexample.com%2Fpost', 'Share by email')}</p>
      <p>${link('typos@example.com?subject=Typo%20in%20%22Post%22&body=Page%3A%20%2Fpost', 'Report a typo')}</p>
      <footer>${link('ana@example.com,bo@example.org?cc=desk@example.net', 'Write to the authors')}</footer>`;
    expect(scanRoot(document)).toEqual(['typos@example.com', 'ana@example.com', 'bo@example.org', 'desk@example.net']);
    expect(marked(['typos@example.com', 'ana@example.com'])).toEqual([
      ['typos@example.com', 'Report a typo'],
      ['ana@example.com', 'Write to the authors'],
    ]);
  });
});

describe('spelled-out forms in markup', () => {
  it('are found and marked where the page shows them', () => {
    document.body.innerHTML = `
      <p>Kontakt: <b>ana</b> (at) beispiel (punkt) de</p>
      <p>Écrivez à bo [arobase] exemple [point] fr</p>
      <p>お問い合わせ：ｃｙ＠ｅｘａｍｐｌｅ．ｃｏｍ まで</p>
      <p>Email: dee @ example.com</p>
      <p>Der Punkt ist: Punkt 10 Uhr.</p>`;
    expect(scanPage(document).emails).toEqual(['ana@beispiel.de', 'bo@exemple.fr', 'cy@example.com', 'dee@example.com']);
    expect(marked(['ana@beispiel.de', 'bo@exemple.fr', 'cy@example.com', 'dee@example.com'])).toEqual([
      ['ana@beispiel.de', 'ana (at) beispiel (punkt) de'],
      ['bo@exemple.fr', 'bo [arobase] exemple [point] fr'],
      ['cy@example.com', 'ｃｙ＠ｅｘａｍｐｌｅ．ｃｏｍ'],
      ['dee@example.com', 'dee @ example.com'],
    ]);
  });
});

describe('candidates (what a scan looks at more closely)', () => {
  it.each([
    ['ana@example.com', true],
    ['@', true],
    ['logo@2x.png', false],
    ['sprite@1.5x.jpg and icon@3x.webp', false],
    ['logo@2x.png, ana@example.com', true],
    ['a@2xb.example.com', true],
    ['write to mailto:ana%40example.com', true],
    ['ana [at] example [dot] com', true],
    ['ｃｙ＠ｅｘａｍｐｌｅ．ｃｏｍ', true],
    ['Lorem ipsum dolor sit amet', false],
    ['the point of it all, at noon', false],
  ])('%j → %s', (text, expected) => {
    expect(isCandidate(text)).toBe(expected);
  });

  it('a percent-encoded mailto: in text, with no @, is still read', () => {
    document.body.innerHTML = `<p>Write: mailto:ana%40example.com</p><p>logo@2x.png <b>and</b> v@1.5x.jpg</p>`;
    expect(scanRoot(document)).toEqual(['ana@example.com']);
  });

  it('any text that holds an address is a candidate somewhere in its run', () => {
    fc.assert(
      fc.property(fc.constantFrom('ana@example.com', 'jane.doe+tag@mail.example.co.uk'), fc.nat(), fc.nat(), (email, a, b) => {
        const cuts = [...new Set([a % email.length, b % email.length])].sort((x, y) => x - y);
        const pieces = [email.slice(0, cuts[0]), ...cuts.map((c, i) => email.slice(c, cuts[i + 1]))].filter(Boolean);
        expect(pieces.some(isCandidate)).toBe(true);
      }),
    );
  });
});
