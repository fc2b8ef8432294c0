/**
 * The extension in Persian (right to left) and Japanese, in real Chromium started in that UI language (Debian's
 * chromium-l10n; LANGUAGE and --lang, as the GUIDE found): the panel, a contact card, a quick action and
 * Settings speak the language, <html> carries its lang and direction, and axe finds nothing (RTL included).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/widget/i18n';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { DEMO_EMAILS } from '../sandbox/seed';
import { expectNoViolations } from './axe';
import { launchExtension, ROOT, type Browser } from './browser';
import { contactOf, openPanelFor, saveDemoSettings, type World } from './helpers';

const catalogue = (lang: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Catalogue;

describe.each([
  { lang: 'fa', dir: 'rtl' },
  { lang: 'ja', dir: 'ltr' },
])('in $lang', ({ lang, dir }) => {
  const m = (key: string) => catalogue(lang)[key]!.message;
  let w: World;
  beforeAll(async () => {
    const sandbox: Sandbox = await startSandbox();
    const browser: Browser = await launchExtension({ lang });
    w = { sandbox, browser };
    await saveDemoSettings(w);
  });
  afterAll(async () => {
    await w?.browser.close();
    await w?.sandbox.close();
  });

  it('the panel, a card and a quick action speak it, laid out in its direction', async () => {
    const { page, panel } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    await expect.poll(() => panel.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, dir]);
    const list = panel.getByRole('list', { name: m('onThisPage') });
    const person = contactOf(w.sandbox, DEMO_EMAILS.known[0]!);
    await list.getByRole('button', { name: new RegExp(person.name!) }).first().click();
    await panel.getByRole('heading', { level: 2, name: person.name! }).waitFor();
    const quick = panel.getByRole('group', { name: m('qa_toolbar') });
    await quick.getByRole('button', { name: m('qa_note'), exact: true }).click();
    const body = panel.getByRole('textbox', { name: m('qa_noteLabel') });
    await body.fill(lang === 'fa' ? 'یادداشت آزمایشی' : 'テストのメモ');
    await body.press('Control+Enter');
    await panel.getByText(m('qa_noteAdded')).waitFor();
    expect(w.sandbox.requests.filter((r) => r.method === 'POST' && r.path === `/contacts/${person.id}/notes`)).toHaveLength(1);
    await expectNoViolations(panel);
    await panel.close();
    await page.close();
  });

  it('Settings speaks it too, and axe finds nothing', async () => {
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    await expect.poll(() => settings.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, dir]);
    await settings.getByRole('heading', { level: 1, name: m('settingsTitle') }).waitFor();
    await settings.getByLabel(m('accessToken')).waitFor();
    await expectNoViolations(settings);
    await settings.close();
  });
});

describe('Settings → Language, in an English browser', () => {
  let w: World;
  beforeAll(async () => {
    w = { sandbox: await startSandbox(), browser: await launchExtension() };
    await saveDemoSettings(w);
  });
  afterAll(async () => {
    await w?.browser.close();
    await w?.sandbox.close();
  });

  it('switches Settings and an open side panel to Persian at once, and back to the browser’s language', async () => {
    const fa = (key: string) => catalogue('fa')[key]!.message;
    const { page, panel } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    await panel.getByRole('list', { name: 'People on this page' }).waitFor();
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    await settings.getByRole('combobox', { name: 'Show Sidekick in' }).selectOption({ label: 'فارسی' });
    // Both pages start again in Persian, right to left.
    for (const p of [settings, panel]) {
      await expect.poll(() => p.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    }
    await settings.getByRole('heading', { level: 1, name: fa('settingsTitle') }).waitFor();
    await panel.getByRole('list', { name: fa('onThisPage') }).waitFor();
    await expectNoViolations(settings);
    await settings.getByRole('combobox', { name: fa('languageLabel') }).selectOption({ value: '' });
    await expect.poll(() => settings.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await settings.getByRole('heading', { level: 1, name: catalogue('en').settingsTitle!.message }).waitFor();
    await settings.close();
    await panel.close();
    await page.close();
  });
});
