/**
 * Hostile conversation parts (issue 11): a corpus of known sanitizer bypasses and navigation tricks, and a
 * property over random mixes of them. Whatever goes in, what comes out cannot run script, navigate the page
 * it is shown in, dress up as the extension, or load an image from outside Intercom.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIntercomImage, sanitizeHtml } from '../../src/widget/activity/sanitize';

const CORPUS = [
  '<a href="https://evil.example/login" target="_top">Sign in again</a>',
  '<a href="https://evil.example" target="_self" rel="opener">x</a>',
  '<svg><a href="https://evil.example" target="_top"><text x="10" y="20">click</text></a></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><rect width="100" height="100"/></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math href="https://evil.example"><mi>x</mi></math>',
  '<img src="x" usemap="#m"><map name="m"><area shape="rect" coords="0,0,500,500" href="https://evil.example" target="_top"></map>',
  '<dialog open><p>Your session expired</p><a href="https://evil.example">Log in</a></dialog>',
  '<form action="https://evil.example"><input name="password"><button>Go</button></form>',
  '<button formaction="https://evil.example">Save</button>',
  '<img src="https://tracker.example/pixel.gif?c=123" alt="">',
  '<img src="https://tracker.example/open.gif" alt="logo">',
  '<img src="//tracker.example/x.gif">',
  '<img src="https://downloads.intercomcdn.com/i/o/123/abc/screenshot.png" alt="Screenshot">',
  '<img srcset="https://tracker.example/1.gif 1x" src="https://uploads.intercomcdn.com/a.png">',
  '<img src="https://intercomcdn.com.evil.example/x.png">',
  '<img src="https://user:pw@downloads.intercomcdn.com/x.png">',
  '<table background="https://tracker.example/bg.gif"><tr><td>x</td></tr></table>',
  '<video poster="https://tracker.example/p.gif"><source src="https://tracker.example/v.mp4"></video>',
  '<audio src="https://tracker.example/a.mp3" autoplay></audio>',
  '<a href="https://example.com" ping="https://tracker.example/ping">ping</a>',
  '<p class="btn btn-primary notice notice-error" id="card-title">Fake button</p>',
  '<div style="position:fixed;inset:0;background:url(https://tracker.example/x)">cover</div>',
  '<style>@import url(https://tracker.example/x.css);</style>',
  '<link rel="stylesheet" href="https://tracker.example/x.css">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<iframe src="https://evil.example"></iframe><frame src="https://evil.example">',
  '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
  '<a href="javascript:alert(1)">js</a><a href="JaVaScRiPt:alert(1)">js2</a><a href="&#106;avascript:alert(1)">js3</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<img src=x onerror=alert(1)><svg onload=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<p popover id="p">x</p><button popovertarget="p">open</button>',
  '<portal src="https://evil.example"></portal>',
  '<a href="https://example.com" target="_blank" rel="opener">opener</a>',
  '<div data-sidekick="x" aria-hidden="false">data attr</div>',
];

const BANNED_TAGS = ['script', 'svg', 'math', 'area', 'map', 'dialog', 'form', 'input', 'button', 'iframe', 'frame', 'object', 'embed', 'style', 'link', 'meta', 'base', 'video', 'audio', 'source', 'portal', 'noscript'];

/** What must hold of any output, read the way the browser will read it. */
function checkSafe(html: string): void {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const tag of BANNED_TAGS) expect(doc.body.querySelector(tag), `<${tag}> in ${html}`).toBeNull();
  for (const el of doc.body.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${attr} in ${html}`).toBe(false);
      expect(['class', 'id', 'style', 'srcset', 'background', 'poster', 'ping', 'usemap', 'formaction', 'popover', 'xlink:href'], html).not.toContain(attr);
    }
    if (el.hasAttribute('href')) {
      expect(el.getAttribute('target'), html).toBe('_blank');
      expect(el.getAttribute('rel'), html).toBe('noopener noreferrer');
      expect(el.getAttribute('href')!.replace(/\s/g, ''), html).not.toMatch(/^(?:javascript|data|vbscript):/i);
    } else {
      expect(el.hasAttribute('target'), html).toBe(false);
    }
    if (el.tagName === 'IMG') expect(isIntercomImage(el.getAttribute('src') ?? ''), html).toBe(true);
  }
}

describe('sanitizeHtml', () => {
  it.each(CORPUS)('makes %s harmless', (part) => {
    checkSafe(sanitizeHtml(part));
  });

  it('keeps what a real part needs: text, formatting, links that open a new tab, Intercom images', () => {
    const out = sanitizeHtml('<p>Hi <b>Ana</b>, see <a href="https://docs.acme.test/x">the docs</a>.<br><img src="https://downloads.intercomcdn.com/i/o/1/a.png" alt="Screenshot"></p>');
    expect(out).toContain('<b>Ana</b>');
    expect(out).toContain('<a href="https://docs.acme.test/x" target="_blank" rel="noopener noreferrer">the docs</a>');
    expect(out).toContain('<img src="https://downloads.intercomcdn.com/i/o/1/a.png" alt="Screenshot">');
  });

  it('turns an image from elsewhere into a link to it, named by its alt text, and loads nothing', () => {
    const out = sanitizeHtml('<p><img src="https://tracker.example/open.gif?u=1" alt="Our logo"></p>');
    expect(out).toBe('<p><a href="https://tracker.example/open.gif?u=1" target="_blank" rel="noopener noreferrer">Our logo</a></p>');
    expect(sanitizeHtml('<img src="https://tracker.example/x.gif">')).toContain('>https://tracker.example/x.gif</a>');
  });

  it('keeps any mix of hostile parts harmless (property)', () => {
    const piece = fc.oneof(fc.constantFrom(...CORPUS), fc.constantFrom('<p>', '</p>', '<div>', '</div>', '<a href="https://x.test">', '</a>', 'text', '<b>', '</b>', '<svg>', '<math>', '<table>', '<template>', '<!--', '-->', '"', "'", '>'));
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => checkSafe(sanitizeHtml(pieces.join('')))), { numRuns: 300 });
  }, 60_000); // 300 runs of DOMPurify in jsdom: seconds on a loaded 2-core machine
});

describe('isIntercomImage', () => {
  it('accepts Intercom’s attachment hosts over https and inline data images only', () => {
    for (const ok of ['https://downloads.intercomcdn.com/a.png', 'https://uploads.intercomcdn.eu/a.png', 'https://intercom-attachments-7.com/a.png', 'https://static.intercomassets.com/a.png', 'data:image/png;base64,iVBORw0KGgo=']) expect(isIntercomImage(ok), ok).toBe(true);
    for (const bad of ['http://downloads.intercomcdn.com/a.png', 'https://intercomcdn.com.evil.test/a.png', 'https://evilintercomcdn.com/a.png', 'https://x@downloads.intercomcdn.com/a.png', 'data:image/svg+xml;base64,PHN2Zz4=', 'javascript:1', '']) expect(isIntercomImage(bad), bad).toBe(false);
  });
});
