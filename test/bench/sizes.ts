/** Gzip size of each entry of a built extension: the entry's file plus every chunk and stylesheet it loads. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Static imports only: what loads before the entry runs. Chunks behind `import()` load on demand. */
const IMPORT = /(?:import|from)\s*["']([^"']+\.(?:js|css))["']/g;
const HTML_ASSET = /<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css))"/g;

/** Every file `file` loads up front, itself included, each once: absolute paths (a page's `/assets/x.js` and a
 * chunk's `./x.js` are one file). */
function closure(dist: string, file: string, seen = new Set<string>()): Set<string> {
  file = path.resolve(file);
  if (seen.has(file) || !fs.existsSync(file)) return seen;
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  const pattern = file.endsWith('.html') ? HTML_ASSET : IMPORT;
  for (const m of text.matchAll(pattern)) {
    const ref = m[1];
    if (!ref) continue;
    const next = ref.startsWith('/') ? path.join(dist, ref) : path.resolve(path.dirname(file), ref);
    closure(dist, next, seen);
  }
  return seen;
}

export interface EntrySize {
  entry: string;
  files: number;
  /** The files counted, relative to the build directory. */
  paths: string[];
  raw: number;
  gzip: number;
}

export function entrySizes(dist: string): EntrySize[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as {
    background: { service_worker: string };
    side_panel: { default_path: string };
    options_ui: { page: string };
  };
  const entries: Array<[string, string]> = [
    ['worker', manifest.background.service_worker],
    // What every scanned page gets; the in-page part and card come only with highlighting on.
    ['content script', 'src/content/entry.js'],
    ['in-page part', 'src/content/in-page-entry.js'],
    ['in-page card', 'src/card/index.html'],
    ['side panel', manifest.side_panel.default_path],
    ['options', manifest.options_ui.page],
  ];
  return entries.map(([entry, file]) => {
    const files = [...closure(dist, path.join(dist, file))];
    const buffers = files.map((f) => fs.readFileSync(f));
    return {
      entry,
      files: files.length,
      paths: files.map((f) => path.relative(dist, f)),
      raw: buffers.reduce((n, b) => n + b.length, 0),
      gzip: buffers.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0),
    };
  });
}

/** `<sidekick-contact>` (dist-widget/, `npm run build:widget`): sidekick.js and what it imports up front. */
export function widgetSize(distWidget: string): EntrySize {
  const files = [...closure(distWidget, path.join(distWidget, 'sidekick.js'))];
  const buffers = files.map((f) => fs.readFileSync(f));
  return {
    entry: 'embed element',
    files: files.length,
    paths: files.map((f) => path.relative(distWidget, f)),
    raw: buffers.reduce((n, b) => n + b.length, 0),
    gzip: buffers.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0),
  };
}
