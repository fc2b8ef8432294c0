/**
 * Detection in a real Chromium (no extension needed: the content script's scanner is bundled with vite and
 * injected into the page). On a generated page of ~20,000 elements and 200 addresses:
 *  - a full scan against the floor (a bare TreeWalker pass over the same text nodes) and against the naive way
 *    (`document.body.innerText` plus a regex);
 *  - one small change, rescanned incrementally, against scanning only the changed element;
 *  - the first scan as the content script runs it (sliced): its longest slice, and the long tasks Chromium saw;
 * and precision and recall over the fixture pages (test/fixtures/pages) with their answer keys.
 */
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM, ROOT } from '../e2e/browser';
import { fixturePages, score } from '../fixtures/pages';
import { startSandbox } from '../sandbox/server';

export interface DetectionFigures {
  elements: number;
  addresses: number;
  found: number;
  fullMs: number;
  floorMs: number;
  naiveMs: number;
  naiveFound: number;
  mutationMs: number;
  changedElementMs: number;
  firstScan: { wallMs: number; slices: number; longestSliceMs: number; longTasks: number; longestTaskMs: number };
  fixtures: Array<{ name: string; truePositives: number; found: number; expected: number; wrong: string[]; missed: string[] }>;
  /** The page clock's resolution: 5 µs when cross-origin isolated, else 100 µs. */
  clockMs: number;
}

/** Never contacted (the route answers); localhost so the page is a secure context, which isolation needs. */
const BENCH_ORIGIN = 'http://localhost:9';

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'chrome116',
      lib: { entry: path.join(ROOT, 'test/bench/detection-page.ts'), formats: ['iife'], name: 'SidekickBenchBundle' },
    },
  });
  const output = (Array.isArray(out) ? out[0]! : out) as { output: Array<{ type: string; code?: string }> };
  // tsx names the functions this file hands to page.evaluate with a `__name` helper the page must have.
  return `var __name = (f) => f;\n${output.output.find((o) => o.type === 'chunk')!.code!}`;
}

/** ~20,000 elements: 2,000 cards of 10 elements, every tenth with an address (plain, split, in a link, named). */
export function generatedPage(cards = 2000): string {
  const parts: string[] = [];
  for (let i = 0; i < cards; i++) {
    const k = i / 10;
    const who =
      i % 10 !== 0 ? '' : [`person${k}@bench.example.com`, `<span>split${k}</span>@<b>bench.example.com</b>`,
        `<a href="mailto:link${k}@bench.example.com?subject=Hi">write</a>`, `Name ${k} &lt;named${k}@bench.example.com&gt;`][k % 4];
    parts.push(
      `<div class="card"><h3>Card ${i}</h3><p>Lorem ipsum dolor sit amet, <em>consectetur</em> adipiscing elit ${who}</p>` +
        `<ul><li>Stage <b>${i % 7}</b></li><li>Owner <i>team ${i % 13}</i></li></ul><span class="tag">v${i}@2x.png</span><small>updated</small></div>`,
    );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench</title></head><body><main>${parts.join('')}</main></body></html>`;
}

async function measurePage(page: Page): Promise<Omit<DetectionFigures, 'fixtures' | 'firstScan' | 'clockMs'>> {
  return page.evaluate(async () => {
    type Bench = {
      scanPage(root: Node): { emails: string[]; total: number };
      watch(root: Node, cb: (emails: string[]) => void, o: object): () => void;
    };
    const b = (globalThis as unknown as { sidekickBench: Bench }).sidekickBench;
    const time = (fn: () => unknown, runs = 7) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        fn();
        ms.push(performance.now() - t);
      }
      return ms.sort((x, y) => x - y)[Math.floor(runs / 2)]!;
    };
    const floorMs = time(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let n = 0;
      while (walker.nextNode()) n += (walker.currentNode as Text).data.length;
      return n;
    });
    let naiveFound = 0;
    const naiveMs = time(() => {
      naiveFound = new Set(document.body.innerText.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []).size;
    });
    let found = 0;
    const fullMs = time(() => (found = b.scanPage(document).total));

    // One small change at a time, with the watcher running: the work its rescan took, against scanning the element.
    const slices: number[] = [];
    let reports = 0;
    const stop = b.watch(document, () => reports++, { debounceMs: 0, maxWaitMs: 0, onSlice: (ms: number) => slices.push(ms) });
    while (!reports) await new Promise((r) => setTimeout(r, 10));
    const targets = [...document.querySelectorAll('.card p')].filter((_, i) => i % 19 === 5).slice(0, 100);
    const mutation: number[] = [];
    for (const [i, p] of targets.entries()) {
      slices.length = 0;
      const before = reports;
      p.append(` added${i}@bench.example.com`);
      while (reports === before) await new Promise((r) => setTimeout(r, 1));
      mutation.push(slices.reduce((a, x) => a + x, 0));
    }
    stop();
    // A change's element scans in microseconds: scan every changed element many times over and divide.
    const reps = 50;
    const all = time(() => {
      for (let r = 0; r < reps; r++) for (const p of targets) b.scanPage(p);
    }, 3);
    const changedElementMs = all / reps / targets.length;
    return {
      elements: document.getElementsByTagName('*').length,
      addresses: 200,
      found,
      fullMs,
      floorMs,
      naiveMs,
      naiveFound,
      mutationMs: mutation.reduce((a, x) => a + x, 0) / mutation.length,
      changedElementMs,
    };
  });
}

/** The first scan as the content script runs it: sliced, with Chromium's long-task observer watching. */
async function measureFirstScan(page: Page): Promise<DetectionFigures['firstScan']> {
  return page.evaluate(async () => {
    type Bench = { watch(root: Node, cb: (emails: string[]) => void, o: object): () => void };
    const b = (globalThis as unknown as { sidekickBench: Bench }).sidekickBench;
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const slices: number[] = [];
    const t = performance.now();
    await new Promise<void>((resolve) => {
      const stop = b.watch(document, () => (stop?.(), resolve()), { onSlice: (ms: number) => slices.push(ms) });
    });
    const wallMs = performance.now() - t;
    await new Promise((r) => setTimeout(r, 100)); // let the observer deliver
    observer.disconnect();
    return { wallMs, slices: slices.length, longestSliceMs: Math.max(...slices), longTasks: tasks.length, longestTaskMs: tasks.length ? Math.max(...tasks) : 0 };
  });
}

export async function measureDetection(): Promise<DetectionFigures> {
  const code = await bundle();
  const sandbox = await startSandbox();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    // Served cross-origin isolated, so performance.now() ticks in 5 µs rather than 100 µs steps.
    await page.route(`${BENCH_ORIGIN}/**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
        body: generatedPage(),
      }),
    );
    const open = async (n: number) => {
      await page.goto(`${BENCH_ORIGIN}/page-${n}.html`);
      await page.addScriptTag({ content: code });
    };
    await open(1);
    const isolated = await page.evaluate(() => crossOriginIsolated);
    const figures = await measurePage(page);
    // A fresh page for the first scan, so nothing of the runs above is warm in the page's caches.
    await open(2);
    const firstScan = await measureFirstScan(page);
    const fixtures: DetectionFigures['fixtures'] = [];
    for (const f of fixturePages()) {
      await page.goto(`${sandbox.url}/fixtures/${f.name}.html`, { waitUntil: 'load' });
      await page.addScriptTag({ content: code });
      const emails = await page.evaluate(
        () => (globalThis as unknown as { sidekickBench: { scanPage(d: Document): { emails: string[] } } }).sidekickBench.scanPage(document).emails,
      );
      fixtures.push({ name: f.name, ...score(emails, f.key) });
    }
    return { ...figures, firstScan, fixtures, clockMs: isolated ? 0.005 : 0.1 };
  } finally {
    await browser.close();
    await sandbox.close();
  }
}
