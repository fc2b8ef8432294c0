// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_EMAILS } from '../../src/content/detect';
import { scanRoot, watch } from '../../src/content/scanner';

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
      <a hidden href="mailto:m3@x.com"></a>
      <div aria-hidden="false" style="display: block">v@x.com</div>`;
    expect(scanRoot(document)).toEqual(['m1@x.com', 'm2@x.com', 'm3@x.com', 'v@x.com']);
  });

  it('scans only inside the given element, including a hidden root', () => {
    document.body.innerHTML = `
      <p>out@x.com</p>
      <section id="s">in@x.com<a href="mailto:link@x.com">x</a></section>
      <p>after@x.com</p>
      <section id="h" hidden>hid@x.com<a href="mailto:hlink@x.com">x</a></section>`;
    expect(scanRoot(document.getElementById('s')!)).toEqual(['in@x.com', 'link@x.com']);
    expect(scanRoot(document.getElementById('h')!)).toEqual(['hlink@x.com']);
  });

  it('caps the result at MAX_EMAILS', () => {
    const items = Array.from({ length: MAX_EMAILS + 10 }, (_, i) => `<li>u${i}@x.com</li>`);
    document.body.innerHTML = `<ul>${items.join('')}</ul>`;
    const found = scanRoot(document.body);
    expect(found).toHaveLength(MAX_EMAILS);
    expect(found[0]).toBe('u0@x.com');
  });
});

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

  it('reports the initial scan, then changes after the debounce', async () => {
    document.body.innerHTML = '<p id="p">a@x.com</p>';
    const onChange = vi.fn();
    const stop = watch(document.body, onChange, { debounceMs: 100 });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith(['a@x.com']);

    const p = document.createElement('p');
    p.textContent = 'new: b@y.com';
    document.body.append(p);
    await settle(50);
    expect(onChange).toHaveBeenCalledTimes(1);
    await settle(60);
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenLastCalledWith(['a@x.com', 'b@y.com']);

    document.getElementById('p')!.firstChild!.nodeValue = 'gone';
    await settle(150);
    expect(onChange).toHaveBeenLastCalledWith(['b@y.com']);
    stop();
  });

  it('reacts to href, hidden and inline display changes', async () => {
    document.body.innerHTML = '<a id="a" href="mailto:a@x.com">x</a><div id="d">d@x.com</div>';
    const onChange = vi.fn();
    const stop = watch(document.body, onChange, { debounceMs: 10 });
    document.getElementById('a')!.setAttribute('href', 'mailto:b@x.com');
    await settle(20);
    expect(onChange).toHaveBeenLastCalledWith(['b@x.com', 'd@x.com']);
    document.getElementById('d')!.setAttribute('style', 'display:none');
    await settle(20);
    expect(onChange).toHaveBeenLastCalledWith(['b@x.com']);
    document.getElementById('d')!.removeAttribute('style');
    await settle(20);
    expect(onChange).toHaveBeenLastCalledWith(['b@x.com', 'd@x.com']);
    document.getElementById('d')!.hidden = true;
    await settle(20);
    expect(onChange).toHaveBeenLastCalledWith(['b@x.com']);
    expect(onChange).toHaveBeenCalledTimes(5);
    stop();
  });

  it('does not call onChange when nothing email-related changed', async () => {
    document.body.innerHTML = '<p id="p">a@x.com</p><span id="s">hello</span>';
    const onChange = vi.fn();
    const stop = watch(document.body, onChange, { debounceMs: 10 });
    document.body.append(document.createElement('div'));
    document.getElementById('s')!.firstChild!.nodeValue = 'world';
    document.getElementById('s')!.setAttribute('style', 'color: red');
    document.getElementById('p')!.firstChild!.nodeValue = 'A@X.com'; // same address
    await settle(50);
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('debounces bursts but still rescans within maxWaitMs', async () => {
    document.body.innerHTML = '';
    const onChange = vi.fn();
    const stop = watch(document.body, onChange, { debounceMs: 100, maxWaitMs: 250 });
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => `u${i}@x.com`);
    for (let i = 0; i < 6; i++) {
      document.body.append(`u${i}@x.com `); // at t = 0, 60, …, 300
      await settle(60); // each append resets the 100ms debounce
    }
    // Initial call + the max-wait flush at t=250 (which saw u0..u4).
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenLastCalledWith(upTo(5));
    await settle(100); // debounce of the t=300 append fires at t=400
    expect(onChange).toHaveBeenCalledTimes(3);
    expect(onChange).toHaveBeenLastCalledWith(upTo(6));
    stop();
  });

  it('stop() disconnects and cancels a pending rescan', async () => {
    document.body.innerHTML = '<p>a@x.com</p>';
    const onChange = vi.fn();
    const stop = watch(document.body, onChange, { debounceMs: 10 });
    document.body.append('b@x.com');
    await Promise.resolve(); // observer has queued the rescan
    stop();
    await settle(50);
    document.body.append('c@x.com');
    await settle(50);
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
