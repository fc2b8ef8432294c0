/**
 * `npm run bench`: figures, measured in one run, each printed beside its baseline.
 *  - gzip size of each entry of the production build (dist/), and the bundle map: where each entry's bytes come from
 *  - contact-search requests the real worker makes for pages of 10, 100 and 1,000 addresses (sandbox build in
 *    Chromium against the local sandbox), against one request per address (what workflow tools do)
 *  - the time to resolve 1,000 addresses under a small rate-limit budget, against the least that budget allows
 *  - fault runs: user actions lost or doubled under each injected fault
 *  - e-mail detection in Chromium: full scan, one change, longest slice and long tasks, precision and recall
 *  - fifty colleagues through one endpoint (the embedded card's) against fifty separate extensions: Intercom
 *    requests, errors, and each colleague's share of a small budget when one of them sends ten calls at a time
 */
import path from 'node:path';
import { ROOT } from '../e2e/browser';
import { measureBudget } from './budget';
import { measureColleagues } from './colleagues';
import { measureDetection, printDetection } from './detection';
import { measureFaults } from './faults';
import { measureLookups } from './lookups';
import { sizeReport } from './bundle-map';

const fmt = (n: number) => n.toLocaleString('en-US');
const pad = (s: string | number, w: number) => String(s).padStart(w);

console.log('\nEntry sizes (production build, dist/): each entry with every chunk and stylesheet it loads up front (DOMPurify loads when a conversation is opened)');
// The table, then the bundle map: each entry's biggest modules and its totals per package.
const { sizes, lines: sizeLines } = sizeReport(path.join(ROOT, 'dist'), path.join(ROOT, 'dist-widget'));
for (const line of sizeLines) console.log(line);

for (const line of printDetection(await measureDetection(), sizes.find((s) => s.entry === 'content script'))) console.log(line);

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

const c = await measureColleagues();
console.log(`\n${c.colleagues} colleagues resolving overlapping pages of ${c.pageSize} addresses (${c.distinct} distinct), all at once, against the sandbox`);
console.log(`${''.padEnd(44)}${pad('requests', 9)}${pad('searches', 9)}${pad('429s', 6)}${pad('errors', 8)}`);
console.log(`${'through one endpoint (one cache, one limiter)'.padEnd(44)}${pad(c.shared.requests, 9)}${pad(c.shared.searches, 9)}${pad(c.shared.rateLimited, 6)}${pad(c.shared.errors, 8)}`);
console.log(`${'fifty separate extensions'.padEnd(44)}${pad(c.separate.requests, 9)}${pad(c.separate.searches, 9)}${pad(c.separate.rateLimited, 6)}${pad(c.separate.errors, 8)}`);
console.log(`  ratio of Intercom requests (endpoint / extensions): ${(c.shared.requests / c.separate.requests).toFixed(2)}`);
const f = c.fairness;
console.log(`  fair share: budget shrunk to ${f.limit} requests per ${f.windowSeconds} s, everyone always asking, colleague 1 sending ten calls at a time; over ${f.calls} calls`);
console.log(`  each colleague's calls as a share of an equal split: min ${f.minShare.toFixed(2)}, max ${f.maxShare.toFixed(2)} (colleague 1: ${f.burstyShare.toFixed(2)}); within 10%: ${f.minShare >= 0.9 && f.maxShare <= 1.1 ? 'yes' : 'NO'}; errors shown: ${f.errors}`);

console.log('\nFault runs: note, tag and lead actions through the worker client, one injected fault per action');
console.log(`${'fault'.padEnd(36)}${pad('actions', 8)}${pad('done', 6)}${pad('told user', 11)}${pad('lost', 6)}${pad('doubled', 9)}`);
for (const r of await measureFaults(5)) {
  console.log(`${r.fault.padEnd(36)}${pad(r.actions, 8)}${pad(r.done, 6)}${pad(r.toldUser, 11)}${pad(r.lost, 6)}${pad(r.doubled, 9)}`);
}
console.log('');
