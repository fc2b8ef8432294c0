/**
 * `npm run screenshot`: the README's picture — the demo CRM page with the side panel listing its people,
 * side by side, taken from the real extension against the sandbox (sandbox build required).
 */
import path from 'node:path';
import { ROOT } from './browser';
import { openPanelFor, saveDemoSettings, startWorld, stopWorld } from './helpers';

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
} finally {
  await stopWorld(w);
}
