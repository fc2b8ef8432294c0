/**
 * The bench's entry sizes and bundle map (test/bench/sizes.ts, bundle-map.ts) over a small built extension written
 * here: each entry counts the files it loads once, and its map lists only the modules of those files — the
 * worker's never the pages'.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { entrySizes } from '../bench/sizes';
import { entryMap } from '../bench/bundle-map';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekick-map-'));
const dist = path.join(root, 'dist');

const files: Record<string, string> = {
  'manifest.json': JSON.stringify({
    background: { service_worker: 'service-worker-loader.js' },
    side_panel: { default_path: 'src/sidepanel/index.html' },
    options_ui: { page: 'src/options/index.html' },
  }),
  'service-worker-loader.js': "import './assets/index.ts-w1.js';\n",
  // The worker names the content scripts it injects: strings, not imports.
  'assets/index.ts-w1.js': 'const a=`src/content/entry.js`;chrome.runtime.onMessage.addListener(()=>a);'.repeat(20),
  'src/sidepanel/index.html':
    '<script type="module" crossorigin src="/assets/pages-p1.js"></script><script type="module" crossorigin src="/assets/sidepanel-s1.js"></script>' +
    '<link rel="stylesheet" crossorigin href="/assets/pages-p1.css">',
  // The page's chunk imports the shared chunk the HTML also names (`./` here, `/assets/` there): one file.
  'assets/sidepanel-s1.js': 'import{h as e}from"./pages-p1.js";e("ContactActions");'.repeat(10),
  'assets/pages-p1.js': 'export const h=(t)=>document.createElement(t);'.repeat(10),
  'assets/pages-p1.css': 'body{margin:0}',
  'src/options/index.html': '<script type="module" src="/assets/pages-p1.js"></script>',
};
for (const [name, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(dist, name)), { recursive: true });
  fs.writeFileSync(path.join(dist, name), text);
}
const map = {
  outDir: 'dist',
  worker: 'assets/index.ts-w1.js',
  files: {
    'assets/index.ts-w1.js': { modules: { 'src/background/index.ts': 300, 'node_modules/valibot/dist/index.mjs': 100 } },
    'assets/sidepanel-s1.js': { modules: { 'src/widget/ContactActions.tsx': 200 } },
    'assets/pages-p1.js': { modules: { 'node_modules/preact/hooks/dist/hooks.mjs': 50 } },
  },
};
fs.writeFileSync(`${dist}.bundle-map.json`, JSON.stringify(map));

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const gz = (name: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, name)), { level: 9 }).length;
const entry = (d: string, name: string) => entrySizes(d).find((e) => e.entry === name)!;

describe('bench entry sizes and bundle map', () => {
  it("maps the worker to its loader and its own file's modules only", () => {
    const worker = entry(dist, 'worker');
    expect(worker.paths.sort()).toEqual(['assets/index.ts-w1.js', 'service-worker-loader.js']);
    const m = entryMap(dist, worker);
    expect(m.modules.map((c) => c.name).sort()).toEqual(['node_modules/valibot/dist/index.mjs', 'service-worker-loader.js (not in the map)', 'src/background/index.ts']);
    expect(m.gzip).toBe(gz('service-worker-loader.js') + gz('assets/index.ts-w1.js'));
    // The worker file's gzip bytes split by its modules' weights (3 : 1).
    const own = m.modules.find((c) => c.name === 'src/background/index.ts')!;
    expect(own.gzip).toBeCloseTo((gz('assets/index.ts-w1.js') * 3) / 4, 6);
  });

  it('counts a file a page loads twice over (HTML and a chunk name it differently) once, however the directory is given', () => {
    const relative = path.relative(process.cwd(), dist);
    for (const d of [dist, relative, `${dist}/`]) {
      const panel = entry(d, 'side panel');
      expect(panel.paths.sort()).toEqual(['assets/pages-p1.css', 'assets/pages-p1.js', 'assets/sidepanel-s1.js', 'src/sidepanel/index.html']);
      expect(panel.gzip).toBe(['assets/pages-p1.css', 'assets/pages-p1.js', 'assets/sidepanel-s1.js', 'src/sidepanel/index.html'].reduce((n, f) => n + gz(f), 0));
      const m = entryMap(d, panel);
      expect(m.modules.every((c) => c.files === 1)).toBe(true);
      expect(m.modules.map((c) => c.name)).toContain('src/widget/ContactActions.tsx');
      expect(m.modules.map((c) => c.name)).not.toContain('src/background/index.ts');
    }
  });
});
