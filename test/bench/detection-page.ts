/** What the detection bench injects into a page: the content script's own scanner, nothing else. */
import { scanPage, watch } from '../../src/content/scanner';
import { Registry } from '../../src/content/units';
import { createWalker, type Profile } from '../../src/content/walk';

/** One full scan with the walker's profile on: where its time goes (the clock is read around each unit only). */
function profileScan(root: Document): { totalMs: number; units: number; testMs: number; assemblyMs: number; matchMs: number; visibilityMs: number; reportMs: number } {
  const now = () => performance.now();
  const profile: Profile = { now, units: 0, test: 0, assembly: 0, match: 0, visibility: 0 };
  const t = now();
  const walker = createWalker(new Registry(), root, { root: () => undefined, frame: () => undefined, host: () => undefined }, profile);
  walker.run(() => true);
  const r = now();
  walker.registry.snapshot();
  const end = now();
  return {
    totalMs: end - t,
    units: profile.units,
    testMs: profile.test,
    // A unit's own time is its assembly: the text it gathered, less what matching and visibility took.
    assemblyMs: profile.assembly - profile.match - profile.visibility,
    matchMs: profile.match,
    visibilityMs: profile.visibility,
    reportMs: end - r,
  };
}

(globalThis as unknown as { sidekickBench: unknown }).sidekickBench = { scanPage, watch, profileScan };
