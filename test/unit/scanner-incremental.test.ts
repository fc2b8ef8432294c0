// @vitest-environment jsdom
/**
 * Properties of the scanner: an address split anywhere across inline elements is found, and after any
 * sequence of DOM changes the watcher's incremental result is exactly what a fresh full scan finds.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scanPage, scanRoot, watch, type ScanInfo } from '../../src/content/scanner';

beforeEach(() => {
  document.body.innerHTML = '';
});

const ADDRESSES = ['ana@x.com', 'bo@y.org', 'cy@z.io', 'dee@x.com'];
const TEXTS = [...ADDRESSES, 'hello', 'mail ', '@', 'x.com', 'Ana <ana@x.com>', ''];
const TAGS = ['p', 'div', 'span', 'b', 'li', 'section', 'a'];

describe('split addresses', () => {
  it('finds an address however it is cut into inline elements and text nodes', () => {
    const email = fc.constantFrom(...ADDRESSES, 'jane.doe+tag@mail.example.co.uk', 'josé@café.fr');
    // Not `a`: a link whose text is an address of its own ends it (test/unit/detect-scanner.test.ts).
    const cuts = fc.array(fc.tuple(fc.nat(), fc.constantFrom('span', 'b', 'em', 'code', null)), { maxLength: 6 });
    fc.assert(
      fc.property(email, cuts, (address, splits) => {
        const points = [...new Set(splits.map(([n]) => n % address.length))].sort((a, b) => a - b);
        const p = document.createElement('p');
        let from = 0;
        points.forEach((at, i) => {
          const tag = splits[i]![1];
          const piece = address.slice(from, at);
          if (tag) p.append(Object.assign(document.createElement(tag), { textContent: piece }));
          else p.append(piece);
          from = at;
        });
        p.append(address.slice(from));
        document.body.replaceChildren(p);
        expect(scanRoot(document.body)).toEqual([address]);
      }),
    );
  });
});

describe('incremental rescans', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  type Op =
    | { kind: 'add'; at: number; tag: string; text: string }
    | { kind: 'remove'; at: number }
    | { kind: 'text'; at: number; text: string }
    | { kind: 'hide'; at: number }
    | { kind: 'move'; at: number; to: number }
    | { kind: 'href'; at: number; text: string };
  const at = fc.nat(50);
  const text = fc.constantFrom(...TEXTS);
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), at, tag: fc.constantFrom(...TAGS), text }),
    fc.record({ kind: fc.constant('remove' as const), at }),
    fc.record({ kind: fc.constant('text' as const), at, text }),
    fc.record({ kind: fc.constant('hide' as const), at }),
    fc.record({ kind: fc.constant('move' as const), at, to: at }),
    fc.record({ kind: fc.constant('href' as const), at, text: fc.constantFrom(...ADDRESSES) }),
  );

  /** What the watcher reported last is what a fresh full scan of the page finds now. */
  function expectFullScan(last: { emails: string[]; info: ScanInfo } | null): void {
    const fresh = scanPage(document.body);
    expect([...(last?.emails ?? [])].sort()).toEqual([...fresh.emails].sort());
    expect(last?.info.total ?? 0).toBe(fresh.total);
    expect(last?.info.names ?? {}).toEqual(fresh.names);
  }

  function apply(o: Op): void {
    const elements = [...document.body.querySelectorAll<HTMLElement>('*')];
    const pick = (n: number) => elements[n % (elements.length || 1)];
    const el = pick(o.at);
    switch (o.kind) {
      case 'add': {
        const child = document.createElement(o.tag);
        child.textContent = o.text;
        (el ?? document.body).append(child);
        break;
      }
      case 'remove':
        el?.remove();
        break;
      case 'text':
        if (el) el.textContent = o.text;
        break;
      case 'hide':
        if (el) el.hidden = !el.hidden;
        break;
      case 'move': {
        const to = pick(o.to);
        if (el && to && !el.contains(to)) to.append(el);
        break;
      }
      case 'href':
        if (el?.localName === 'a') el.setAttribute('href', `mailto:${o.text}`);
        break;
    }
  }

  it('after any changes, reports exactly what a full scan finds', async () => {
    const start = fc.array(fc.record({ kind: fc.constant('add' as const), at, tag: fc.constantFrom(...TAGS), text }), { maxLength: 12 });
    const batches = fc.array(fc.array(op, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(start, batches, async (initial, steps) => {
        document.body.innerHTML = '';
        initial.forEach(apply);
        let last: { emails: string[]; info: ScanInfo } | null = null;
        const stop = watch(document.body, (emails, info) => (last = { emails, info }), { debounceMs: 1 });
        try {
          for (const batch of steps) {
            batch.forEach(apply);
            await Promise.resolve();
            await vi.advanceTimersByTimeAsync(5);
            expectFullScan(last);
          }
        } finally {
          stop();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('after changes made while a sliced first scan is under way, reports exactly what a full scan finds', async () => {
    // Filler enough that the first scan (a clock that moves one step per reading) runs in many slices, with the
    // changes landing between them: nodes a pass or its pending text held may leave, move or change.
    const start = fc.array(fc.record({ kind: fc.constant('add' as const), at, tag: fc.constantFrom(...TAGS), text }), { minLength: 20, maxLength: 40 });
    // Not `move`: a node moved past the walker's place while the walker is inside it carries the walker along and
    // skips what lay between (TreeWalker semantics) — a known gap, left in the closing note of stop 11.
    const midScan = op.filter((o) => o.kind !== 'move');
    const batches = fc.array(fc.array(midScan, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(start, batches, async (initial, steps) => {
        document.body.innerHTML = '';
        initial.forEach(apply);
        for (const el of document.body.querySelectorAll('*')) {
          el.prepend('lorem ipsum dolor sit amet '.repeat(3));
          for (let i = 0; i < 10; i++) el.after(Object.assign(document.createElement('p'), { textContent: 'consectetur adipiscing elit' }));
        }
        let clock = 0;
        let last: { emails: string[]; info: ScanInfo } | null = null;
        let reports = 0;
        let applied = 0;
        // Each batch lands right after a slice of the first scan, before the next one runs.
        const onSlice = () => {
          if (!reports && applied < steps.length) steps[applied++]!.forEach(apply);
        };
        const stop = watch(document.body, (emails, info) => ((last = { emails, info }), reports++), { debounceMs: 1, sliceMs: 1, now: () => clock++, onSlice });
        try {
          for (let i = 0; i < 5_000 && !reports; i++) await vi.advanceTimersByTimeAsync(1);
          // At least the first batch landed while the first scan was under way (its first slice is 32 nodes of a
          // page of hundreds); a batch that removed most of the page may end it sooner: the rest land after.
          expect(reports).toBeGreaterThan(0);
          expect(applied).toBeGreaterThan(0);
          while (applied < steps.length) steps[applied++]!.forEach(apply);
          for (let i = 0; i < 300; i++) await vi.advanceTimersByTimeAsync(1);
          expectFullScan(last);
        } finally {
          stop();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
