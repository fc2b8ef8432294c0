/**
 * `npm run bench`: figures, measured in one run, each printed beside its baseline.
 *  - gzip size of each entry of the production build (dist/)
 *  - contact-search requests the real worker makes for pages of 10, 100 and 1,000 addresses (sandbox build in
 *    Chromium against the local sandbox), against one request per address (what workflow tools do)
 *  - the time to resolve 1,000 addresses under a small rate-limit budget, against the least that budget allows
 *  - fault runs: user actions lost or doubled under each injected fault
 */
import path from 'node:path';
import { ROOT } from '../e2e/browser';
import { measureBudget } from './budget';
import { measureFaults } from './faults';
import { measureLookups } from './lookups';
import { entrySizes } from './sizes';

const fmt = (n: number) => n.toLocaleString('en-US');
const pad = (s: string | number, w: number) => String(s).padStart(w);

console.log('\nEntry sizes (production build, dist/): each entry with every chunk and stylesheet it loads up front (DOMPurify loads when a conversation is opened)');
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

const b = await measureBudget(1000, 1, 1);
console.log(`\nResolving ${fmt(b.emails)} addresses with the rate limit shrunk to ${b.limit} requests per ${b.windowSeconds} s window (real worker in Chromium)`);
console.log(`  requests sent ${b.requests} (of which answered 429: ${b.rateLimited})`);
console.log(`  first to last request ${b.spanSeconds.toFixed(2)} s; the least that budget allows for them ${b.floorSeconds.toFixed(2)} s; ratio ${(b.spanSeconds / b.floorSeconds).toFixed(2)}`);
console.log(`  whole panel: ${b.seconds.toFixed(1)} s (with the usual budget: ${b.unlimitedSeconds.toFixed(1)} s)`);
console.log(`  error shown to the user: ${b.errorShown ? 'YES' : 'no'}`);

console.log('\nFault runs: note, tag and lead actions through the worker client, one injected fault per action');
console.log(`${'fault'.padEnd(36)}${pad('actions', 8)}${pad('done', 6)}${pad('told user', 11)}${pad('lost', 6)}${pad('doubled', 9)}`);
for (const r of await measureFaults(5)) {
  console.log(`${r.fault.padEnd(36)}${pad(r.actions, 8)}${pad(r.done, 6)}${pad(r.toldUser, 11)}${pad(r.lost, 6)}${pad(r.doubled, 9)}`);
}
console.log('');
