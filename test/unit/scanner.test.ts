// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_EMAILS } from '../../src/detect/detect';
import { scanPage, scanRoot, watch, type ScanInfo } from '../../src/content/scanner';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('scanRoot', () => {
  it('finds text and mailto addresses in document order', () => {
    document.body.innerHTML = `
      <p>First: Ann@X.com</p>
      <a href="mailto:bob@y.com?cc=cat@z.com">write to Bob</a>
      <div><span>dan@w.org</span> and again ann@x.com</div>
      <map><area href="MAILTO:eve%40v.net"></map>`;
    expect(scanRoot(document)).toEqual(['ann@x.com', 'bob@y.com', 'cat@z.com', 'dan@w.org', 'eve@v.net']);
  });

  it('counts each element that names an address where it stands among the text: links, shadow hosts, custom elements, the last one', () => {
    // Each element counts where it stands among the text around it (nested, empty, inside a custom element, last).
    document.body.innerHTML = `
      <p>a1@x.com <a href="mailto:a2@x.com"></a> a3@x.com</p>
      <div id="h"></div>
      <p><a href="mailto:a5@x.com"><a href="mailto:a6@x.com">a7@x.com</a></a></p>
      <x-card><span class="email">a8@x.com</span></x-card>
      <div><div><a href="mailto:a9@x.com"></a></div></div>`;
    document.getElementById('h')!.attachShadow({ mode: 'open' }).innerHTML = '<p>a4@x.com</p>';
    const names = (n: number) => Array.from({ length: n }, (_, i) => `a${i + 1}@x.com`);
    expect(scanRoot(document)).toEqual(names(9));
    // Scanning a part of the page: its own elements only, its root's attributes first.
    const last = document.querySelector<HTMLElement>('body > div:last-child')!;
    last.insertAdjacentHTML('afterbegin', 'b0@x.com');
    expect(scanRoot(last)).toEqual(['b0@x.com', 'a9@x.com']);
  });

  it('ignores script, style, template and noscript', () => {
    document.body.innerHTML = `
      <script>var e = "js@x.com";</script>
      <style>/* css@x.com */</style>
      <template><p>tpl@x.com</p><a href="mailto:tpl2@x.com">t</a></template>
      <noscript>ns@x.com</noscript>
      <p>ok@x.com</p>`;
    expect(scanRoot(document)).toEqual(['ok@x.com']);
  });

  it('skips hidden subtrees but keeps their mailto links', () => {
    document.body.innerHTML = `
      <div hidden>h1@x.com <a href="mailto:m1@x.com">m1</a></div>
      <div aria-hidden="true"><span>h2@x.com</span></div>
      <div style="color: red; display: none"><a href="mailto:m2@x.com">m2@x.com</a> h3@x.com</div>
      <p>in <span hidden>h4@x.com</span> a line</p>
      <a hidden href="mailto:m3@x.com"></a>
      <div aria-hidden="false" style="display: block">v@x.com</div>`;
    expect(scanRoot(document)).toEqual(['m1@x.com', 'm2@x.com', 'm3@x.com', 'v@x.com']);
  });

  it('scans only inside the given element, including a hidden root', () => {
    document.body.innerHTML = `
      <p>out@x.com</p>
      <section id="s">in@x.com <a href="mailto:link@x.com">x</a></section>
      <p>after@x.com</p>
      <section id="h" hidden>hid@x.com<a href="mailto:hlink@x.com">x</a></section>`;
    expect(scanRoot(document.getElementById('s')!)).toEqual(['in@x.com', 'link@x.com']);
    expect(scanRoot(document.getElementById('h')!)).toEqual(['hlink@x.com']);
  });

  it('joins an address split across inline elements and text nodes, but not across blocks', () => {
    document.body.innerHTML = `
      <p><span>ana</span>@<b>example.com</b></p>
      <p id="t"></p>
      <p>bo<wbr>b@exa<em>mple</em>.org and <i>cy</i>@<i>x.io</i>.</p>
      <div><div>dee</div>@<div>example.com</div></div>
      <table><tr><td>eve</td><td>@example.com</td></tr></table>`;
    const t = document.getElementById('t')!;
    t.append('fay', '@', 'example', '.net');
    expect(scanRoot(document)).toEqual(['ana@example.com', 'fay@example.net', 'bob@example.org', 'cy@x.io']);
  });

  it('decodes Cloudflare-protected addresses and keeps display names from text, microdata and hCard', () => {
    document.body.innerHTML = `
      <p><a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="${cf('cf@example.com')}">[email&#160;protected]</a></p>
      <p><a href="/cdn-cgi/l/email-protection#${cf('link@example.com')}">write</a></p>
      <p>From: Ana Lima &lt;ana@example.com&gt;</p>
      <div itemscope itemtype="https://schema.org/Person">
        <span itemprop="name">Bo Sousa</span> <a itemprop="email" href="mailto:bo@example.com">email</a>
      </div>
      <div itemscope><span itemprop="givenName">Cy</span> <span itemprop="familyName">Reis</span>
        <meta itemprop="email" content="cy@example.com"></div>
      <div class="vcard"><span class="fn">Dee Dias</span> <span class="email">dee@example.com</span></div>`;
    expect(scanPage(document)).toEqual({
      emails: ['cf@example.com', 'link@example.com', 'ana@example.com', 'bo@example.com', 'cy@example.com', 'dee@example.com'],
      names: { 'ana@example.com': 'Ana Lima', 'bo@example.com': 'Bo Sousa', 'cy@example.com': 'Cy Reis', 'dee@example.com': 'Dee Dias' },
      total: 6,
    });
  });

  it('finds addresses in open shadow roots and same-origin iframes', () => {
    document.body.innerHTML = '<p>top@x.com</p><x-card id="c"></x-card><iframe id="f"></iframe>';
    const shadow = document.getElementById('c')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div><span>sha</span>@x.com</div><a href="mailto:shlink@x.com">s</a>';
    const frame = document.getElementById('f') as HTMLIFrameElement;
    frame.contentDocument!.body.innerHTML = '<p>in-frame@x.com</p>';
    expect(scanRoot(document)).toEqual(['top@x.com', 'sha@x.com', 'shlink@x.com', 'in-frame@x.com']);
  });

  it('caps the list at MAX_EMAILS and counts every address', () => {
    const items = Array.from({ length: MAX_EMAILS + 10 }, (_, i) => `<li>u${i}@x.com and again u${i}@x.com</li>`);
    document.body.innerHTML = `<ul>${items.join('')}</ul><p>u0@x.com</p>`;
    const page = scanPage(document.body);
    expect(page.emails).toHaveLength(MAX_EMAILS);
    expect(page.emails[0]).toBe('u0@x.com');
    expect(page.emails.at(-1)).toBe(`u${MAX_EMAILS - 1}@x.com`);
    expect(page.total).toBe(MAX_EMAILS + 10);
  });
});

/** Cloudflare's encoding with key 0x2a. */
function cf(email: string): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return hex(0x2a) + [...new TextEncoder().encode(email)].map((b) => hex(b ^ 0x2a)).join('');
}

describe('watch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Lets MutationObserver callbacks (microtasks) run, then advances timers. */
  const settle = async (ms: number) => {
    await Promise.resolve();
    await vi.advanceTimersByTimeAsync(ms);
  };
  const reports = () => {
    const calls: Array<{ emails: string[]; info: ScanInfo }> = [];
    const fn = vi.fn((emails: string[], info: ScanInfo) => void calls.push({ emails, info }));
    return { fn, calls, last: () => calls.at(-1)!.emails };
  };

  it('reports the initial scan, then changes after the debounce', async () => {
    document.body.innerHTML = '<p id="p">a@x.com</p>';
    const r = reports();
    const stop = watch(document.body, r.fn, { debounceMs: 100 });
    expect(r.fn).toHaveBeenCalledTimes(1);
    expect(r.calls[0]).toEqual({ emails: ['a@x.com'], info: { names: {}, total: 1 } });

    const p = document.createElement('p');
    p.textContent = 'new: b@y.com';
    document.body.append(p);
    await settle(50);
    expect(r.fn).toHaveBeenCalledTimes(1);
    await settle(60);
    expect(r.fn).toHaveBeenCalledTimes(2);
    expect(r.last()).toEqual(['a@x.com', 'b@y.com']);

    document.getElementById('p')!.firstChild!.nodeValue = 'gone';
    await settle(150);
    expect(r.last()).toEqual(['b@y.com']);
    stop();
  });

  it('follows added, changed and removed text, split addresses and names', async () => {
    document.body.innerHTML = '<ul id="u"><li id="l1">Ana &lt;ana@x.com&gt;</li><li id="l2"><span>bo</span>@x.com</li></ul><p id="p">ana@x.com</p>';
    const r = reports();
    const stop = watch(document.body, r.fn, { debounceMs: 10 });
    expect(r.calls.at(-1)).toEqual({ emails: ['ana@x.com', 'bo@x.com'], info: { names: { 'ana@x.com': 'Ana' }, total: 2 } });

    // A changed text node completes a split address differently.
    document.querySelector('#l2 span')!.firstChild!.nodeValue = 'bob';
    await settle(20);
    expect(r.last()).toEqual(['ana@x.com', 'bob@x.com']);
    // Removing one of two mentions keeps the address; removing the other drops it.
    document.getElementById('l1')!.remove();
    await settle(20);
    expect(r.calls.at(-1)).toEqual({ emails: ['ana@x.com', 'bob@x.com'], info: { names: {}, total: 2 } });
    document.getElementById('p')!.remove();
    await settle(20);
    expect(r.last()).toEqual(['bob@x.com']);
    // A whole subtree added, then moved elsewhere, then emptied.
    const div = document.createElement('div');
    div.innerHTML = '<section><p>cy@x.com</p><p>dee@x.com</p></section>';
    document.getElementById('u')!.append(div);
    await settle(20);
    expect(r.last()).toEqual(['bob@x.com', 'cy@x.com', 'dee@x.com']);
    document.body.prepend(div);
    await settle(20);
    expect(r.last()).toEqual(['bob@x.com', 'cy@x.com', 'dee@x.com']);
    div.querySelector('p')!.textContent = 'no one';
    await settle(20);
    expect(r.last()).toEqual(['bob@x.com', 'dee@x.com']);
    div.innerHTML = '';
    document.getElementById('u')!.innerHTML = '';
    await settle(20);
    expect(r.calls.at(-1)).toEqual({ emails: [], info: { names: {}, total: 0 } });
    stop();
  });

  it('reacts to href, hidden and inline display changes', async () => {
    document.body.innerHTML = '<a id="a" href="mailto:a@x.com">x</a><div id="d">d@x.com</div>';
    const r = reports();
    const stop = watch(document.body, r.fn, { debounceMs: 10 });
    document.getElementById('a')!.setAttribute('href', 'mailto:b@x.com');
    await settle(20);
    // Addresses keep the order they first appeared in: a new one goes last.
    expect(r.last()).toEqual(['d@x.com', 'b@x.com']);
    document.getElementById('d')!.setAttribute('style', 'display:none');
    await settle(20);
    expect(r.last()).toEqual(['b@x.com']);
    document.getElementById('d')!.removeAttribute('style');
    await settle(20);
    expect(r.last()).toEqual(['b@x.com', 'd@x.com']);
    document.getElementById('d')!.hidden = true;
    await settle(20);
    expect(r.last()).toEqual(['b@x.com']);
    expect(r.fn).toHaveBeenCalledTimes(5);
    stop();
  });

  it('follows changes inside shadow roots and same-origin iframes', async () => {
    document.body.innerHTML = '<x-card id="c"></x-card><iframe id="f"></iframe>';
    const shadow = document.getElementById('c')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="s">one@x.com</p>';
    const frameDoc = (document.getElementById('f') as HTMLIFrameElement).contentDocument!;
    frameDoc.body.innerHTML = '<p id="q">two@x.com</p>';
    const r = reports();
    const stop = watch(document, r.fn, { debounceMs: 10 });
    expect(r.last()).toEqual(['one@x.com', 'two@x.com']);
    shadow.getElementById('s')!.textContent = 'three@x.com';
    frameDoc.getElementById('q')!.append(' four@x.com');
    await settle(20);
    expect(r.last()).toEqual(['two@x.com', 'three@x.com', 'four@x.com']);
    stop();
  });

  it('finds a shadow root a custom element attaches after the scan (its definition loaded later)', async () => {
    document.body.innerHTML = '<x-late id="x"></x-late><x-later id="y"></x-later><p id="p">a@x.com</p>';
    const r = reports();
    const stop = watch(document.body, r.fn, { debounceMs: 10 });
    expect(r.last()).toEqual(['a@x.com']);
    // No mutation reports an attached shadow root: the watcher looks again once, a moment after its first scan…
    document.getElementById('x')!.attachShadow({ mode: 'open' }).innerHTML = '<p>late@x.com</p>';
    await settle(1600);
    expect(r.last()).toEqual(['a@x.com', 'late@x.com']);
    // …and on every change it is told about.
    document.getElementById('y')!.attachShadow({ mode: 'open' }).innerHTML = '<p>later@x.com</p>';
    document.getElementById('p')!.append(' b@x.com');
    await settle(20);
    expect(r.last()).toEqual(['a@x.com', 'late@x.com', 'b@x.com', 'later@x.com']);
    stop();
  });

  it('does not call onChange when nothing email-related changed', async () => {
    document.body.innerHTML = '<p id="p">a@x.com</p><span id="s">hello</span>';
    const r = reports();
    const stop = watch(document.body, r.fn, { debounceMs: 10 });
    document.body.append(document.createElement('div'));
    document.getElementById('s')!.firstChild!.nodeValue = 'world';
    document.getElementById('s')!.setAttribute('style', 'color: red');
    document.getElementById('p')!.firstChild!.nodeValue = 'A@X.com'; // same address
    await settle(50);
    expect(r.fn).toHaveBeenCalledTimes(1);
    stop();
  });

  it('debounces bursts but still rescans within maxWaitMs', async () => {
    document.body.innerHTML = '';
    const r = reports();
    const stop = watch(document.body, r.fn, { debounceMs: 100, maxWaitMs: 250 });
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => `u${i}@x.com`);
    for (let i = 0; i < 6; i++) {
      document.body.append(`u${i}@x.com `); // at t = 0, 60, …, 300
      await settle(60); // each append resets the 100ms debounce
    }
    // Initial call + the max-wait flush at t=250 (which saw u0..u4).
    expect(r.fn).toHaveBeenCalledTimes(2);
    expect(r.last()).toEqual(upTo(5));
    await settle(100); // debounce of the t=300 append fires at t=400
    expect(r.fn).toHaveBeenCalledTimes(3);
    expect(r.last()).toEqual(upTo(6));
    stop();
  });

  it('scans a large page in slices, yielding between them, and reports once with the whole result', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => `<li><span>n${i}</span>${i % 10 === 0 ? ` u${i}@x.com` : ''}</li>`);
    document.body.innerHTML = `<ul>${items.join('')}</ul>`;
    let clock = 0;
    const slices: number[] = [];
    const r = reports();
    // A clock that moves one "ms" per reading: each slice ends after a few readings.
    const stop = watch(document.body, r.fn, { sliceMs: 4, now: () => clock++, onSlice: (ms) => slices.push(ms) });
    expect(r.fn).not.toHaveBeenCalled();
    for (let i = 0; i < 1000 && !r.fn.mock.calls.length; i++) await vi.advanceTimersByTimeAsync(1);
    expect(r.fn).toHaveBeenCalledTimes(1);
    expect(r.last()).toEqual(scanRoot(document.body));
    expect(r.last()).toHaveLength(200);
    expect(slices.length).toBeGreaterThan(10);
    stop();
  });

  it('rescans only the unit a change touched', async () => {
    const items = Array.from({ length: 500 }, (_, i) => `<li>u${i}@x.com</li>`);
    document.body.innerHTML = `<ul>${items.join('')}</ul><p id="p">a@x.com</p>`;
    let readings = 0;
    const r = reports();
    // A clock that never moves (so nothing is sliced), counting how often it is read.
    const stop = watch(document.body, r.fn, { debounceMs: 10, now: () => (readings++, 0) });
    const first = readings;
    document.getElementById('p')!.textContent = 'b@x.com';
    await settle(20);
    expect(r.last()).toHaveLength(501);
    expect(r.last().at(-1)).toBe('b@x.com');
    // The clock is read every 32 nodes: the first scan visited over 1,000 nodes, the rescan one or two.
    expect(first).toBeGreaterThan(30);
    expect(readings - first).toBeLessThanOrEqual(4);
    stop();
  });

  it('is idle while nothing changes: no timer is left once a scan or rescan is done', async () => {
    const items = Array.from({ length: 300 }, (_, i) => `<li>u${i}@x.com</li>`);
    document.body.innerHTML = `<ul>${items.join('')}</ul>`;
    let clock = 0;
    const r = reports();
    const stop = watch(document.body, r.fn, { debounceMs: 10, sliceMs: 3, now: () => clock++ });
    expect(vi.getTimerCount()).toBe(1); // the next slice of the first scan
    for (let i = 0; i < 500 && !r.fn.mock.calls.length; i++) await vi.advanceTimersByTimeAsync(1);
    expect(r.last()).toHaveLength(300);
    expect(vi.getTimerCount()).toBe(0);
    document.querySelector('li')!.textContent = 'changed@x.com';
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(2); // the debounce and the max wait
    await settle(20);
    expect(r.last()).toContain('changed@x.com');
    expect(vi.getTimerCount()).toBe(0);
    stop();
  });

  it('stop() disconnects and cancels a pending rescan', async () => {
    document.body.innerHTML = '<p>a@x.com</p>';
    const r = reports();
    const stop = watch(document.body, r.fn, { debounceMs: 10 });
    document.body.append('b@x.com');
    await Promise.resolve(); // observer has queued the rescan
    stop();
    await settle(50);
    document.body.append('c@x.com');
    await settle(50);
    expect(r.fn).toHaveBeenCalledTimes(1);
  });
});
