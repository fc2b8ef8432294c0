/**
 * axe-core in Debian's Chromium on the extension's own pages (Settings, the side panel's list, a contact card),
 * in the light and the dark colour scheme, plus focus moving into a card and back as a keyboard user sees it.
 *
 * Extension pages have a CSP of script-src 'self', which blocks inline scripts and eval, so axe cannot be added
 * with a <script> or evaluated from a string. It is evaluated through the DevTools protocol (Runtime.evaluate),
 * as the DevTools console would; the page's CSP does not apply there.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, type World } from './helpers';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCHEMES = ['light', 'dark'] as const;

interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/** Every axe violation on the page as it is now (all rules axe runs by default, best practices included). */
async function violations(page: Page): Promise<Violation[]> {
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
async function expectNoViolations(page: Page): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
    expect({ colorScheme, violations: await violations(page) }).toEqual({ colorScheme, violations: [] });
  }
}

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(() => stopWorld(w));

describe('axe finds nothing', () => {
  it('on the panel explaining a missing token above the addresses it could not look up', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const alert = panel.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Add your Intercom access token in Settings');
    const list = panel.getByRole('list', { name: 'People on this page' });
    await expect.poll(() => list.getByText('Not looked up').count()).toBeGreaterThan(0);
    await expectNoViolations(panel);
    await panel.close();
    await page.close();
  });

  it('on Settings, with its confirmation and with an error', async () => {
    const page = await configure(w);
    await expectNoViolations(page);

    await page.getByRole('textbox', { name: 'API URL' }).fill('not a url');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain("isn't a usable API URL");
    await expectNoViolations(page);
    await page.close();
  });

  it('on the side panel listing the people of the demo page', async () => {
    await (await configure(w)).close();
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const list = panel.getByRole('list', { name: 'People on this page' });
    await expect.poll(() => list.getByRole('button', { name: 'Create lead' }).count()).toBeGreaterThan(0);
    await expect.poll(() => list.getByText('Looking up…').count()).toBe(0);
    await expectNoViolations(panel);
    await panel.close();
    await page.close();
  });

  it('on an open contact card', async () => {
    await (await configure(w)).close();
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const olivia = contactOf(w.sandbox, 'olivia.bennett@northwind-analytics.com');
    await panel.getByRole('button', { name: new RegExp(olivia.name!) }).click();
    await panel.getByRole('article', { name: olivia.name! }).waitFor();
    await expectNoViolations(panel);
    await panel.close();
    await page.close();
  });
});

describe('focus, from the keyboard', () => {
  it('moves to the card’s name when a card opens and back to its row on Escape, with a visible ring', async () => {
    await (await configure(w)).close();
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const olivia = contactOf(w.sandbox, 'olivia.bennett@northwind-analytics.com');
    const row = panel.getByRole('list', { name: 'People on this page' }).getByRole('button', { name: new RegExp(olivia.name!) });
    await row.focus();
    await panel.keyboard.press('Enter');

    const heading = panel.getByRole('heading', { level: 2, name: olivia.name! });
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
    expect(await heading.evaluate((h) => h.matches(':focus-visible') && getComputedStyle(h).outlineStyle)).toBe('solid');

    await panel.keyboard.press('Escape');

    await expect.poll(() => row.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await row.evaluate((b) => b.matches(':focus-visible') && getComputedStyle(b).outlineStyle)).toBe('solid');
    await panel.close();
    await page.close();
  });
});
