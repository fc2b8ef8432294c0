/**
 * Where each entry's bytes come from: the bundle map a build writes beside its directory (`<dir>.bundle-map.json`,
 * the sidekick:bundle-map plugin in vite.config.ts) gives, for every emitted JS file, the bytes each source module
 * renders to (minified alone). A module's share of an entry is its share of its file's rendered bytes times
 * that file's gzip size: an estimate (gzip does not add up module by module), but the files' totals are exact.
 *
 * `npx tsx test/bench/bundle-map.ts [dist] [dist-widget]` prints sizes and map alone (no browser needed).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { entrySizes, widgetSize, type EntrySize } from './sizes';

interface MapFile {
  files: Record<string, { modules: Record<string, number> }>;
}

export interface Contributor {
  name: string;
  gzip: number;
  /** How many of the entry's files hold it (more than one: the same code loaded twice). */
  files: number;
}

export interface EntryMap {
  entry: string;
  gzip: number;
  modules: Contributor[];
  packages: Contributor[];
}

/** node_modules/<pkg> (scoped too), src/<folder>[/<sub>], the catalogues, stylesheets, or Vite's own helpers. */
function packageOf(module: string): string {
  const nm = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (nm?.[1]) return nm[1];
  if (module.startsWith('public/_locales/')) return 'catalogues';
  const src = /^(src\/[^/]+(?:\/[^/]+(?=\/))?)/.exec(module);
  if (src?.[1]) return src[1];
  if (module.endsWith('.css')) return 'stylesheets';
  return '(bundler runtime)';
}

function readMap(dist: string): MapFile | undefined {
  const file = `${path.resolve(dist)}.bundle-map.json`;
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as MapFile) : undefined;
}

export function entryMap(dist: string, size: EntrySize, map = readMap(dist)): EntryMap {
  const modules = new Map<string, Contributor>();
  const add = (name: string, gzip: number) => {
    const m = modules.get(name) ?? { name, gzip: 0, files: 0 };
    m.gzip += gzip;
    m.files += 1;
    modules.set(name, m);
  };
  let total = 0;
  for (const rel of size.paths) {
    const gzip = zlib.gzipSync(fs.readFileSync(path.join(dist, rel)), { level: 9 }).length;
    total += gzip;
    const rendered = Object.entries(map?.files[rel]?.modules ?? {}).filter(([, n]) => n > 0);
    const sum = rendered.reduce((n, [, r]) => n + r, 0);
    if (!sum) {
      add(rel.endsWith('.css') ? `${rel} (stylesheet)` : rel.endsWith('.html') ? `${rel} (page)` : `${rel} (not in the map)`, gzip);
      continue;
    }
    for (const [id, r] of rendered) add(id, (gzip * r) / sum);
  }
  const packages = new Map<string, Contributor>();
  for (const m of modules.values()) {
    const kind = / \((stylesheet|page|not in the map)\)$/.exec(m.name)?.[1];
    const name = kind ? { stylesheet: 'stylesheets', page: 'HTML', 'not in the map': 'unmapped files' }[kind]! : packageOf(m.name);
    const p = packages.get(name) ?? { name, gzip: 0, files: 0 };
    p.gzip += m.gzip;
    p.files = Math.max(p.files, m.files);
    packages.set(name, p);
  }
  const byGzip = (a: Contributor, b: Contributor) => b.gzip - a.gzip;
  return { entry: size.entry, gzip: total, modules: [...modules.values()].sort(byGzip), packages: [...packages.values()].sort(byGzip) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The map as lines: per entry its top modules and its package totals (≈ gzip bytes). */
export function bundleMapLines(dist: string, sizes: EntrySize[], top = 10): string[] {
  const map = readMap(dist);
  if (!map) return [`  (no bundle map at ${dist}.bundle-map.json: build with this vite.config.ts)`];
  const lines: string[] = [];
  for (const size of sizes) {
    const m = entryMap(dist, size, map);
    lines.push(`  ${m.entry} — ${fmt(m.gzip)} B gzip in ${size.files} files; top modules (≈ gzip B):`);
    for (const c of m.modules.slice(0, top)) {
      lines.push(`    ${fmt(c.gzip).padStart(7)}  ${c.name}${c.files > 1 ? `   (in ${c.files} files: loaded twice)` : ''}`);
    }
    const rest = m.modules.slice(top).reduce((n, c) => n + c.gzip, 0);
    if (rest) lines.push(`    ${fmt(rest).padStart(7)}  ${m.modules.length - top} more modules`);
    lines.push(`    by package: ${m.packages.map((p) => `${p.name} ${fmt(p.gzip)}`).join(' · ')}`);
  }
  return lines;
}

const fmtB = (n: number) => n.toLocaleString('en-US');
const pad = (s: string | number, w: number) => String(s).padStart(w);

/** The entry-size table (as `npm run bench` prints it) followed by the bundle map of each entry. */
export function sizeReport(dist: string, distWidget: string): { sizes: EntrySize[]; lines: string[] } {
  const sizes = entrySizes(dist);
  const widget = widgetSize(distWidget);
  const lines = [`${'entry'.padEnd(16)}${pad('files', 6)}${pad('raw B', 10)}${pad('gzip B', 10)}`];
  for (const s of sizes) lines.push(`${s.entry.padEnd(16)}${pad(s.files, 6)}${pad(fmtB(s.raw), 10)}${pad(fmtB(s.gzip), 10)}`);
  lines.push(`${widget.entry.padEnd(16)}${pad(widget.files, 6)}${pad(fmtB(widget.raw), 10)}${pad(fmtB(widget.gzip), 10)}   ${path.basename(distWidget)}/sidekick.js, target ≤ 35 KB gzip`);
  lines.push('', `Bundle map (${path.basename(dist)}/ and ${path.basename(distWidget)}/): where each entry's gzip bytes come from`);
  lines.push(...bundleMapLines(dist, sizes.filter((s) => s.entry !== 'options')), ...bundleMapLines(distWidget, [widget]));
  return { sizes, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, '../..');
  const { lines } = sizeReport(path.resolve(root, process.argv[2] ?? 'dist'), path.resolve(root, process.argv[3] ?? 'dist-widget'));
  for (const line of lines) console.log(line);
}
