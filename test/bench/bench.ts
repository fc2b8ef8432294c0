/**
 * `npm run bench`: figures, measured in one run, each printed beside its baseline.
 *  - gzip size of each entry of the production build (dist/)
 *  - contact-search requests the real worker makes for pages of 10, 100 and 1,000 addresses (sandbox build in
 *    Chromium against the local sandbox), against one request per address (what workflow tools do)
 */
import path from 'node:path';
import { ROOT } from '../e2e/browser';
import { measureLookups } from './lookups';
import { entrySizes } from './sizes';

const fmt = (n: number) => n.toLocaleString('en-US');
const pad = (s: string | number, w: number) => String(s).padStart(w);

console.log('\nEntry sizes (production build, dist/): each entry with every chunk and stylesheet it loads');
console.log(`${'entry'.padEnd(16)}${pad('files', 6)}${pad('raw B', 10)}${pad('gzip B', 10)}`);
for (const s of entrySizes(path.join(ROOT, 'dist'))) {
  console.log(`${s.entry.padEnd(16)}${pad(s.files, 6)}${pad(fmt(s.raw), 10)}${pad(fmt(s.gzip), 10)}`);
}

console.log('\nContact searches to resolve a page (half the addresses are contacts), real worker in Chromium');
console.log(`${'emails'.padStart(7)}${pad('searches', 10)}${pad('one-per-email', 15)}${pad('ratio', 9)}${pad('2nd look', 10)}`);
for (const r of await measureLookups([10, 100, 1000])) {
  console.log(
    `${pad(fmt(r.emails), 7)}${pad(r.searches, 10)}${pad(fmt(r.naive), 15)}${pad((r.searches / r.naive).toFixed(4), 9)}${pad(r.repeatSearches, 10)}`,
  );
}
console.log('');
