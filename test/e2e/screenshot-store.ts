/**
 * The Chrome Web Store's screenshots, 1280×800 each, from the real extension against the sandbox's demo:
 * the side panel beside the demo CRM page (its people, then a contact's card), the in-page card opened on a
 * highlighted address, and Settings with a second workspace.
 * Written to store/screenshots/ (committed: the store listing is made from them).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { DEMO_EMAILS } from '../sandbox/seed';
import { ROOT } from './browser';
import { contactOf, openPanelFor, saveDemoSettings, startWorld, stopWorld, textBox } from './helpers';

const WIDTH = 1280;
const HEIGHT = 800;
const OUT = path.join(ROOT, 'store/screenshots');

async function write(page: Page, name: string): Promise<void> {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  const png = fs.readFileSync(file);
  // The store takes 1280×800 exactly: read the size back from the PNG's header.
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  if (w !== WIDTH || h !== HEIGHT) throw new Error(`${name} is ${w}×${h}, not ${WIDTH}×${HEIGHT}`);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

async function cardFrame(page: Page): Promise<Frame> {
  for (;;) {
    const f = page.frames().find((fr) => fr.url().includes('/src/card/index.html'));
    if (f) return f;
    await page.waitForTimeout(100);
  }
}

export async function shootStore(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const w = await startWorld();
  try {
    await saveDemoSettings(w);
    // The demo's markup-looking name is there to test escaping; a store listing shows a plain one.
    for (const c of w.sandbox.state.contacts) if (c.name?.includes('<')) c.name = c.name.replace(/<[^>]*>\s*/g, '');
    const options = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    // The demo workspace as a customer would name theirs.
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'workspaces/rename', input: { id: 'ws1', name: 'Acme Support' } }));
    // A second workspace (no token yet), then back to the first: the panel shows its switcher.
    await options.evaluate(async () => {
      await chrome.runtime.sendMessage({ type: 'workspaces/add', input: { name: 'Acme Europe' } });
      await chrome.runtime.sendMessage({ type: 'workspaces/switch', input: { id: 'ws1' } });
    });

    // 1. The side panel beside the demo CRM page, listing its people; 2. the same with a contact's card open.
    const { page, panel } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const panelWidth = 400;
    await page.setViewportSize({ width: WIDTH - panelWidth - 1, height: HEIGHT });
    await panel.setViewportSize({ width: panelWidth, height: HEIGHT });
    await panel.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && document.querySelectorAll('li').length > 5);
    const canvas = await w.browser.ctx.newPage();
    await canvas.setViewportSize({ width: WIDTH, height: HEIGHT });
    const beside = async (name: string) => {
      const [left, right] = await Promise.all([page.screenshot(), panel.screenshot()]);
      await canvas.setContent(
        `<body style="margin:0;display:flex;gap:1px;background:#c7ccd1">` +
          `<img src="data:image/png;base64,${left.toString('base64')}"><img src="data:image/png;base64,${right.toString('base64')}"></body>`,
      );
      await write(canvas, name);
    };
    await beside('1-side-panel.png');
    const person = contactOf(w.sandbox, DEMO_EMAILS.known[0]);
    await panel.getByRole('button', { name: new RegExp(person.name!) }).first().click();
    await panel.getByRole('heading', { level: 2, name: person.name! }).waitFor();
    await panel.waitForFunction(() => !document.querySelector('.skeleton'));
    await beside('2-contact-card.png');
    await Promise.all([page.close(), panel.close(), canvas.close()]);

    // 2. The in-page card: highlighting on, a click on an address in the page.
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'settings/highlight', input: { enabled: true } }));
    const again = await openPanelFor(w, `${w.sandbox.url}/demo`);
    await again.page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await again.panel.waitForFunction(() => document.querySelectorAll('li').length > 5);
    await again.panel.close();
    const at = await textBox(again.page, DEMO_EMAILS.known[0]);
    // The card takes input only after Chrome has vouched for it being visible for a moment.
    await again.page.waitForTimeout(1500);
    await again.page.mouse.click(at.x, at.y);
    const card = await cardFrame(again.page);
    await card.getByRole('group', { name: 'Quick actions' }).waitFor();
    await card.waitForFunction(() => !document.querySelector('[inert]') && !document.querySelector('.skeleton'));
    await write(again.page, '3-in-page-card.png');
    await again.page.close();

    // 3. Settings: the second workspace chosen, its region picked and its token next (the first one's stays).
    await options.reload();
    await options.setViewportSize({ width: WIDTH, height: HEIGHT });
    const picker = options.getByRole('combobox', { name: 'Workspace', exact: true });
    await picker.locator('option', { hasText: 'Acme Europe' }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: 'Acme Europe (no token yet)' });
    await options.getByRole('status').filter({ hasText: 'Now working in Acme Europe.' }).waitFor();
    await options.getByRole('combobox', { name: 'Region' }).selectOption('eu');
    await options.getByRole('textbox', { name: 'Access token' }).focus();
    await options.evaluate(() => window.scrollTo(0, 0));
    await write(options, '4-settings.png');
  } finally {
    await stopWorld(w);
  }
}
