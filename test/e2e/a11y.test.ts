/**
 * axe-core in Debian's Chromium on the extension's own pages (Settings, the side panel's list, a contact card),
 * in the light and the dark colour scheme, plus focus moving into a card and back as a keyboard user sees it.
 * (How axe gets into an extension page: ./axe.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from './axe';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, type World } from './helpers';

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
