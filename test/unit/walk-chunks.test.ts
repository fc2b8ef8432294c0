// @vitest-environment jsdom
/**
 * The walker reads text in chunks of about 32,000 characters and searches each chunk once. What a chunk boundary,
 * a link met between two candidates or a slice of the first scan must not change: what is found, and its order.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scanRoot, watch } from '../../src/content/scanner';
import { merge } from '../../src/content/walk';

beforeEach(() => {
  document.body.innerHTML = '';
});

/** `n` characters of prose with no candidate in it, as separate text nodes of `size` characters. */
function filler(parent: Element, n: number, size = 97): void {
  const word = 'lorem ipsum sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ';
  for (let left = n; left > 0; left -= size) parent.append(`${word.repeat(2).slice(0, Math.min(size, left) - 1)} `);
}

describe('chunked reading', () => {
  it('meets a marker split across the boundary of two chunks', () => {
    const p = document.createElement('p');
    // The chunk is searched once its text passes 32,768 characters: right after "ana (" (the first paragraph's 18 counted).
    filler(p, 32_765 - 'first@northwind.io'.length);
    p.append('ana (', 'at) northwind.io');
    document.body.append(p);
    const first = document.createElement('p');
    first.textContent = 'first@northwind.io';
    document.body.prepend(first);
    expect(scanRoot(document)).toEqual(['first@northwind.io', 'ana@northwind.io']);
  });

  it('keeps page order across chunks, links met between candidates and units that name addresses further on', () => {
    const expected: string[] = [];
    for (let i = 0; i < 60; i++) {
      const div = document.createElement('div');
      filler(div, 1_500 + (i % 7) * 400);
      if (i % 3 === 0) {
        div.insertAdjacentHTML('beforeend', ` t${i}@x.com <p>in${i}@x.com</p> after${i}@x.com`);
        expected.push(`t${i}@x.com`, `in${i}@x.com`, `after${i}@x.com`);
      } else if (i % 3 === 1) {
        div.insertAdjacentHTML('beforeend', `<a href="mailto:link${i}@x.com">write</a> then <span>split${i}</span>@<b>x.com</b>`);
        expected.push(`link${i}@x.com`, `split${i}@x.com`);
      } else {
        div.insertAdjacentHTML('beforeend', `<span class="email">card${i}@x.com</span> v${i}@2x.png`);
        expected.push(`card${i}@x.com`);
      }
      document.body.append(div);
    }
    expect(scanRoot(document)).toEqual(expected);
  });

  it('finds the same, in the same order, when the first scan is sliced at every clock reading', async () => {
    vi.useFakeTimers();
    try {
      for (let i = 0; i < 40; i++) {
        const div = document.createElement('div');
        filler(div, 2_000);
        div.insertAdjacentHTML('beforeend', i % 2 ? `<a href="mailto:l${i}@x.com">w</a> a${i} (at) x.com` : `b${i}@x.com <p>c${i}@x.com</p> d${i}@x.com`);
        document.body.append(div);
      }
      const whole = scanRoot(document);
      expect(whole.length).toBe(20 * 2 + 20 * 3);
      let clock = 0;
      let seen: string[] = [];
      const stop = watch(document.body, (emails) => (seen = emails), { sliceMs: 1, now: () => clock++ });
      for (let i = 0; i < 5_000 && !seen.length; i++) await vi.advanceTimersByTimeAsync(1);
      stop();
      expect(seen).toEqual(scanRoot(document.body));
      expect(seen).toEqual(whole);
    } finally {
      vi.useRealTimers();
    }
  });

  it('merges the carriers of several queries into page order, each once', () => {
    for (let i = 0; i < 60; i++) document.body.insertAdjacentHTML('beforeend', `<div><p><span></span></p><b></b></div>`);
    const all = [...document.body.querySelectorAll('*')];
    const subset = fc.uniqueArray(fc.nat(all.length - 1)).map((ix) => ix.sort((a, b) => a - b).map((i) => all[i]!));
    fc.assert(
      fc.property(fc.array(subset, { maxLength: 4 }), (lists) => {
        const expected = all.filter((el) => lists.some((list) => list.includes(el)));
        expect(merge(lists)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps page order when carriers come from more than one query (microdata and hCard interleaved)', () => {
    const expected: string[] = [];
    for (let i = 0; i < 300; i++) {
      if (i % 2) document.body.insertAdjacentHTML('beforeend', `<div itemscope><meta itemprop="email" content="m${i}@x.com"></div>`);
      else document.body.insertAdjacentHTML('beforeend', `<div class="vcard"><a class="email" href="mailto:h${i}@x.com">write</a></div>`);
      expected.push(`${i % 2 ? 'm' : 'h'}${i}@x.com`);
    }
    expect(scanRoot(document)).toEqual(expected);
  });

  it('starts a shadow root or frame met right after a chunk was searched with none of the outer text', () => {
    const p = document.createElement('p');
    filler(p, 32_769); // its last node passes the chunk size: searched, its last characters kept for the next chunk
    document.body.append(p);
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>sh@x.com</p>';
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'after@x.com' }));
    expect(scanRoot(document)).toEqual(['sh@x.com', 'after@x.com']);
  });
});
