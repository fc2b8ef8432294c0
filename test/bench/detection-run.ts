/**
 * Only the detection part of the bench (`npm run bench` runs it with everything else):
 * `SIDEKICK_DIST=dist-x npx tsx test/bench/detection-run.ts [dist-prod]` — the extension's figure uses the
 * sandbox build in SIDEKICK_DIST; the content script's size is read from the production build given (or dist/).
 */
import path from 'node:path';
import { ROOT } from '../e2e/browser';
import { measureDetection, printDetection } from './detection';
import { entrySizes } from './sizes';

const prod = path.resolve(ROOT, process.argv[2] ?? 'dist');
const content = entrySizes(prod).find((s) => s.entry === 'content script');
for (const line of printDetection(await measureDetection(), content)) console.log(line);
