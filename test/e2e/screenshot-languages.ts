/**
 * README pictures of the side panel in other languages: Chromium started in Persian (right to left) and in
 * Japanese (Debian's chromium-l10n), a contact's card open beside the demo CRM page's list.
 */
import path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { DEMO_EMAILS } from '../sandbox/seed';
import { launchExtension, ROOT } from './browser';
import { contactOf, openPanelFor, saveDemoSettings } from './helpers';

export async function shootLanguages(langs = ['fa', 'ja']): Promise<void> {
  for (const lang of langs) {
    const sandbox = await startSandbox();
    const browser = await launchExtension({ lang });
    const w = { sandbox, browser };
    try {
      await saveDemoSettings(w);
      const { panel } = await openPanelFor(w, `${sandbox.url}/demo`);
      await panel.setViewportSize({ width: 400, height: 760 });
      await panel.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && document.querySelectorAll('li').length > 5);
      const list = await panel.screenshot();
      const person = contactOf(sandbox, DEMO_EMAILS.known[0]!);
      await panel.getByRole('button', { name: new RegExp(person.name!) }).first().click();
      await panel.getByRole('heading', { level: 2, name: person.name! }).waitFor();
      await panel.waitForFunction(() => !document.querySelector('.skeleton'));
      const card = await panel.screenshot();
      const canvas = await browser.ctx.newPage();
      await canvas.setViewportSize({ width: 801, height: 760 });
      await canvas.setContent(
        `<body style="margin:0;display:flex;gap:1px;background:#c7ccd1">` +
          `<img src="data:image/png;base64,${list.toString('base64')}"><img src="data:image/png;base64,${card.toString('base64')}"></body>`,
      );
      const out = path.join(ROOT, `test/e2e/screenshots/panel-${lang}.png`);
      await canvas.screenshot({ path: out });
      console.log(`wrote ${path.relative(ROOT, out)}`);
    } finally {
      await browser.close();
      await sandbox.close();
    }
  }
}
