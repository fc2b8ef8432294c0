/**
 * axe-core in Debian's Chromium on the extension's own pages, in the light and the dark colour scheme.
 *
 * Extension pages have a CSP of script-src 'self', which blocks inline scripts and eval, so axe cannot be added
 * with a <script> or evaluated from a string. It is evaluated through the DevTools protocol (Runtime.evaluate),
 * as the DevTools console would; the page's CSP does not apply there.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCHEMES = ['light', 'dark'] as const;

interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/** Every axe violation on the page as it is now (all rules axe runs by default, best practices included). */
export async function violations(page: Page): Promise<Violation[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const loaded = await cdp.send('Runtime.evaluate', { expression: `${AXE_SOURCE};\ntypeof axe.run` });
    expect(loaded.exceptionDetails, 'axe-core could not be loaded into the page').toBeUndefined();
    expect(loaded.result.value).toBe('function');
  } finally {
    await cdp.detach();
  }
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  });
}

/** Checks the page in each colour scheme. */
export async function expectNoViolations(page: Page): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
    expect({ colorScheme, violations: await violations(page) }).toEqual({ colorScheme, violations: [] });
  }
}
