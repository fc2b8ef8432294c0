/**
 * axe-core in Debian's Chromium, on an extension page or a frame (the in-page card's iframe).
 *
 * Extension pages have a CSP of script-src 'self', which blocks inline scripts and eval, so axe cannot be added
 * with a <script> or evaluated from a string. It is evaluated through the DevTools protocol (Runtime.evaluate),
 * as the DevTools console would; the page's CSP does not apply there.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCHEMES = ['light', 'dark'] as const;

export interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/**
 * Every axe violation in the page or frame as it is now (all rules axe runs by default, best practices included).
 * `within`: only what these elements hold (a CSS selector), open shadow roots included — axe reads them itself.
 */
export async function violations(target: Page | Frame, within?: string): Promise<Violation[]> {
  const page = 'page' in target ? target.page() : target;
  const cdp = await page.context().newCDPSession(target);
  try {
    const loaded = await cdp.send('Runtime.evaluate', { expression: `${AXE_SOURCE};\ntypeof axe.run` });
    expect(loaded.exceptionDetails, 'axe-core could not be loaded').toBeUndefined();
    expect(loaded.result.value).toBe('function');
  } finally {
    await cdp.detach();
  }
  return target.evaluate(async (selector) => {
    const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    const context = selector ? { include: [...document.querySelectorAll(selector)] } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, within);
}

/** Checks the page (or one of its frames) in each colour scheme. */
export async function expectNoViolations(page: Page, target: Page | Frame = page, within?: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    expect(await target.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
    expect({ colorScheme, violations: await violations(target, within) }).toEqual({ colorScheme, violations: [] });
  }
}
