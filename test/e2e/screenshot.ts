/**
 * `npm run screenshot`: the README's pictures, taken from the real extension against the sandbox — the demo CRM
 * page with the side panel listing its people, side by side; the in-page card opened on a highlighted address;
 * the demo back office with its embedded `<sidekick-contact>` cards (screenshot-embed.ts); and the panel in
 * Persian and Japanese (screenshot-languages.ts); and the Chrome Web Store's 1280×800 screenshots in
 * store/screenshots/ (screenshot-store.ts).
 */
import path from 'node:path';
import { ROOT } from './browser';
import { openPanelFor, saveDemoSettings, startWorld, stopWorld, textBox } from './helpers';
import { shootEmbed } from './screenshot-embed';
import { shootLanguages } from './screenshot-languages';
import { shootStore } from './screenshot-store';

const w = await startWorld();
try {
  await saveDemoSettings(w);
  const { page, panel } = await openPanelFor(w, `${w.sandbox.url}/demo`);
  await page.setViewportSize({ width: 760, height: 760 });
  await panel.setViewportSize({ width: 380, height: 760 });
  await panel.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && document.querySelectorAll('li').length > 5);
  const [left, right] = await Promise.all([page.screenshot(), panel.screenshot()]);
  // Compose the two shots side by side on a blank page (no external tools needed).
  const canvas = await w.browser.ctx.newPage();
  await canvas.setViewportSize({ width: 1141, height: 760 });
  await canvas.setContent(
    `<body style="margin:0;display:flex;gap:1px;background:#c7ccd1">` +
      `<img src="data:image/png;base64,${left.toString('base64')}"><img src="data:image/png;base64,${right.toString('base64')}"></body>`,
  );
  const out = path.join(ROOT, 'test/e2e/screenshots/panel.png');
  await canvas.screenshot({ path: out });
  console.log(`wrote ${path.relative(ROOT, out)}`);

  // The in-page card: highlighting on, a click on an address.
  const options = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
  await options.evaluate(() => chrome.runtime.sendMessage({ type: 'settings/highlight', input: { enabled: true } }));
  await options.close();
  await Promise.all([page.close(), panel.close()]);
  const again = await openPanelFor(w, `${w.sandbox.url}/demo`);
  const shown = again.page;
  await shown.setViewportSize({ width: 900, height: 620 });
  await again.panel.waitForFunction(() => document.querySelectorAll('li').length > 5);
  const at = await textBox(shown, 'olivia.bennett@northwind-analytics.com');
  await shown.waitForTimeout(1500);
  await shown.mouse.click(at.x, at.y);
  const card = await (async () => {
    for (;;) {
      const f = shown.frames().find((fr) => fr.url().includes('/src/card/index.html'));
      if (f) return f;
      await shown.waitForTimeout(100);
    }
  })();
  await card.getByRole('group', { name: 'Quick actions' }).waitFor();
  await card.waitForFunction(() => !document.querySelector('[inert]'));
  const inPage = path.join(ROOT, 'test/e2e/screenshots/in-page.png');
  await shown.screenshot({ path: inPage });
  console.log(`wrote ${path.relative(ROOT, inPage)}`);
} finally {
  await stopWorld(w);
}

await shootEmbed();
await shootLanguages();
await shootStore();
