/**
 * Every screen in the pseudo-locale (the sandbox build's hidden language: each message of the English catalogue
 * accented, 40% longer, in ⟦…⟧), in real Chromium at the side panel's width: a visible text that is neither in
 * brackets nor data (names, addresses, companies, conversation text, what Intl writes) did not come from the
 * catalogue, and text cut off by its box (overflow hidden/clip, an ellipsis) would be cut in a longer language.
 * Then the same screens in Thai (no spaces between words; the browser breaks its lines), checked for cut-off text.
 * Screens: Settings, the list (and a list cut at 1,000), the empty page, search (found, none named, a bad
 * address), the keyboard help, a contact card with conversations and tickets, each quick-action form and each
 * conversation form, bulk actions, the in-page card, and the errors of a revoked token, a 429 and a network down.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/widget/i18n';
import { pseudoMessage, PSEUDO_TAG } from '../../src/widget/pseudo';
import { startSandbox } from '../sandbox/server';
import { manyEmail } from '../sandbox/routes/demo';
import { DEMO_EMAILS } from '../sandbox/seed';
import { launchExtension, ROOT } from './browser';
import { contactOf, openPanelFor, saveDemoSettings, textBox, type World } from './helpers';
import { auditText, sandboxData, wrappedTexts, type TextIssue } from './text-audit';

/** The side panel at its narrowest: Chrome lets people narrow it to 320 px. */
const PANEL_WIDTH = 320;
/** One more than the list shows: "and 1 more not listed". */
const MANY = 1001;
const catalogue = (lang: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Catalogue;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each([
  { lang: 'pseudo', tag: PSEUDO_TAG, checkStray: true, words: undefined },
  // Thai has no spaces between words: lines must still break between words (the browser's line breaking).
  { lang: 'th', tag: 'th', checkStray: false, words: 'th' },
])('every screen in $lang', ({ lang, tag, checkStray, words }) => {
  const en = catalogue('en');
  const th = catalogue('th');
  /** A message as the language shows it, without its placeholders' values (a locator's name, a prefix). */
  const m = (key: string) => (lang === 'pseudo' ? pseudoMessage(en[key]!.message) : th[key]!.message);
  const named = (key: string) => new RegExp(escape(m(key)).replace(/\\\$[A-Za-z0-9_]+\\\$/g, '.*'));
  let w: World;
  let data: string[];
  const found: Array<TextIssue & { screen: string }> = [];
  /** Thai texts seen running over more than one line (so the word-break check had lines to look at). */
  let wrapped = 0;

  async function check(screen: string, target: Page | Frame) {
    // Fonts and lazy parts settle before reading the layout.
    await target.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
    const issues = await auditText(target, data, { checkStray, words });
    found.push(...issues.map((i) => ({ screen, ...i })));
    if (words) wrapped += await wrappedTexts(target, '\\u0E00-\\u0E7F');
  }

  async function panelFor(url: string) {
    const opened = await openPanelFor(w, url);
    await opened.panel.setViewportSize({ width: PANEL_WIDTH, height: 900 });
    await expect.poll(() => opened.panel.evaluate(() => document.documentElement.lang)).toBe(tag);
    return opened;
  }

  beforeAll(async () => {
    w = { sandbox: await startSandbox(), browser: await launchExtension() };
    await saveDemoSettings(w);
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    // The page starts again in the new language as soon as the worker has it (its evaluate may not see the answer).
    await settings.evaluate((language) => void chrome.runtime.sendMessage({ type: 'settings/language', input: { language } }), lang);
    const stored = async () => ((await w.browser.worker.evaluate(() => chrome.storage.local.get('settings'))).settings as { language?: string })?.language;
    for (let i = 0; i < 100 && (await stored()) !== lang; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await stored()).toBe(lang);
    // Settings reloads itself in the new language; closing it mid-reload can leave Playwright waiting for good.
    const shown = () => settings.evaluate(() => document.documentElement.lang).catch(() => '');
    for (let i = 0; i < 100 && (await shown()) !== tag; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await shown()).toBe(tag);
    await settings.close();
    const many = Array.from({ length: MANY }, (_, i) => [`Person ${i}`, manyEmail(i)]).flat();
    data = sandboxData(w.sandbox, [...DEMO_EMAILS.unknown, ...DEMO_EMAILS.known, ...many]);
  }, 120_000);
  afterAll(async () => {
    await w?.browser.close();
    await w?.sandbox.close();
  });

  it('the check itself finds a stray text, a cut-off one and a Thai word broken across lines', async () => {
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    await settings.evaluate(() => {
      const stray = document.createElement('p');
      stray.textContent = 'Written in code';
      const cut = document.createElement('div');
      cut.style.cssText = 'width: 40px; overflow: hidden; white-space: nowrap';
      cut.textContent = '⟦Ļöñĝ éñöûĝĥ ţö ĥîðé îţš éñð⟧';
      // The same Thai sentence twice in a narrow box: broken anywhere (wrong), and as the browser breaks it.
      for (const [id, rule] of [['anywhere', 'break-all'], ['words', 'normal']] as const) {
        const thai = document.createElement('p');
        thai.id = id;
        thai.style.cssText = `width: 90px; word-break: ${rule}`;
        thai.textContent = 'ภาษาไทยไม่มีการเว้นวรรคระหว่างคำในประโยค';
        document.body.append(thai);
      }
      document.body.append(stray, cut);
    });
    const issues = await auditText(settings, data, { checkStray: true, words: 'th' });
    expect(issues.filter((i) => i.kind === 'stray').map((i) => i.text)).toContain('Written in code');
    expect(issues.filter((i) => i.kind === 'cut').map((i) => i.text)).toContain('⟦Ļöñĝ éñöûĝĥ ţö ĥîðé îţš éñð⟧');
    const breaks = issues.filter((i) => i.kind === 'break').map((i) => i.where);
    expect(breaks).toContain('p#anywhere');
    expect(breaks).not.toContain('p#words');
    await settings.close();
  });

  it('Settings, every section, with a tested connection', async () => {
    const settings = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    await settings.setViewportSize({ width: 480, height: 900 });
    await expect.poll(() => settings.evaluate(() => document.documentElement.lang)).toBe(tag);
    await settings.getByRole('button', { name: m('testConnection') }).click();
    await settings.getByRole('status').filter({ hasText: named('connectedAs') }).waitFor();
    await check('Settings', settings);
    await settings.close();
  });

  it('the list, the keyboard help, search, and a list cut at its first 1,000', async () => {
    const { page, panel } = await panelFor(`${w.sandbox.url}/demo`);
    const items = panel.getByRole('list', { name: m('onThisPage') }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(DEMO_EMAILS.known.length + DEMO_EMAILS.unknown.length);
    await expect.poll(() => items.filter({ hasText: m('lookingUp') }).count()).toBe(0);
    await check('list', panel);

    await panel.getByRole('button', { name: m('helpOpen') }).click();
    await panel.getByRole('dialog').waitFor();
    await check('keyboard help', panel);
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.getByRole('dialog').count()).toBe(0);

    const search = panel.getByRole('searchbox', { name: m('search') }).or(panel.getByRole('textbox', { name: m('search') }));
    await search.fill(DEMO_EMAILS.known[0]!);
    await search.press('Enter');
    await panel.getByRole('list', { name: m('searchResult') }).waitFor();
    await check('search: found', panel);
    await search.fill('ana@');
    await search.press('Enter');
    await panel.getByRole('alert').first().waitFor();
    await check('search: not an address', panel);
    await panel.close();
    await page.close();

    const many = await panelFor(`${w.sandbox.url}/demo/many?n=${MANY}`);
    await many.panel.getByText(named(`andMore_${new Intl.PluralRules(tag).select(MANY - 1000)}`)).waitFor({ timeout: 30_000 });
    await check('list cut at 1,000', many.panel);
    await many.panel.close();
    await many.page.close();

    const empty = await panelFor(`${w.sandbox.url}/demo/empty`);
    await empty.panel.getByText(m('emptyTitle')).waitFor();
    await check('empty page', empty.panel);
    await empty.panel.close();
    await empty.page.close();
  });

  it('a contact card with conversations and tickets, each quick-action form and each conversation form', async () => {
    const s = w.sandbox.state;
    const person = s.contacts.find(
      (c) => c.email && c.role === 'user' && s.conversations.some((v) => v.state === 'open' && v.contact_ids.includes(c.id)) && s.tickets.some((t) => t.contact_ids.includes(c.id)),
    );
    if (!person) throw new Error('the sandbox has no user with an open conversation and a ticket');
    const { page, panel } = await panelFor(`${w.sandbox.url}/demo`);
    const search = panel.getByRole('searchbox', { name: m('search') }).or(panel.getByRole('textbox', { name: m('search') }));
    await search.fill(person.email!);
    await search.press('Enter');
    const c = contactOf(w.sandbox, person.email!);
    await panel.getByRole('list', { name: m('searchResult') }).getByRole('button', { name: new RegExp(escape(c.name ?? person.email!)) }).first().click();
    await panel.getByRole('heading', { level: 2 }).waitFor();
    await panel.getByRole('list', { name: m('conversationsTitle') }).getByRole('listitem').first().waitFor();
    await panel.getByRole('list', { name: m('ticketsTitle') }).getByRole('listitem').first().waitFor();
    await check('contact card', panel);

    const toolbar = panel.getByRole('group', { name: m('qa_toolbar') });
    const names = await toolbar.getByRole('button').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) {
      const button = toolbar.getByRole('button', { name, exact: true });
      await button.click();
      await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
      await panel.locator('#qa-pane :is(input, textarea, select, button)').first().waitFor();
      await check(`quick action ${name}`, panel);
      await button.click();
      await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    }

    const row = panel.getByRole('list', { name: m('conversationsTitle') }).getByRole('listitem').first();
    const formButtons = row.locator('button[aria-expanded]');
    const count = await formButtons.count();
    for (let i = 0; i < count; i++) {
      const button = formButtons.nth(i);
      const name = (await button.textContent()) ?? '';
      await button.click();
      await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
      await check(`conversation form ${name}`, panel);
      await button.click();
    }
    await panel.close();
    await page.close();
  });

  it('bulk actions, run to the end', async () => {
    const { page, panel } = await panelFor(`${w.sandbox.url}/demo`);
    const items = panel.getByRole('list', { name: m('onThisPage') }).getByRole('listitem');
    await expect.poll(() => items.filter({ hasText: m('lookingUp') }).count()).toBe(0);
    await check('bulk bar', panel);
    await panel.getByRole('button', { name: m('bulkCreateLeads') }).click();
    const progress = panel.getByRole('progressbar');
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 45_000 }).toBe(await progress.getAttribute('aria-valuemax'));
    await check('bulk results', panel);
    await panel.close();
    await page.close();
  });

  it('the in-page card', async () => {
    await w.browser.worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), highlightEmails: true } });
    });
    const { page, panel } = await panelFor(`${w.sandbox.url}/demo`);
    await panel.getByRole('list', { name: m('onThisPage') }).waitFor();
    const known = DEMO_EMAILS.known[0]!;
    const card = () => page.frames().find((f) => f.url().includes('/src/card/index.html'));
    // The address is marked once the scan's answer reaches the page: click until the card opens.
    for (let i = 0; i < 20 && !card(); i++) {
      const at = await textBox(page, known);
      await page.mouse.click(at.x, at.y);
      for (let j = 0; j < 10 && !card(); j++) await page.waitForTimeout(100);
    }
    await expect.poll(() => card()?.url() ?? '').toContain(encodeURIComponent(known));
    const frame = card()!;
    await frame.locator('.in-page-body:not([inert])').waitFor();
    await frame.getByRole('heading').first().waitFor();
    await check('in-page card', frame);
    await panel.close();
    await page.close();
  });

  it.each([
    ['a revoked token', { revokeToken: true }],
    ['429, Intercom asking to slow down', { failNext: { count: 6, status: 429, path: '/contacts/search' } }],
    ['the network down', { failNext: { count: 20, path: '/contacts/search', dropConnection: true } }],
  ] as const)('the error of %s', async (_, fault) => {
    w.sandbox.faults.set(fault);
    try {
      await saveDemoSettings(w); // saving again starts a fresh connection (and an empty cache)
      const { page, panel } = await panelFor(`${w.sandbox.url}/demo`);
      await panel.getByRole('alert').first().waitFor({ timeout: 30_000 });
      await check(`error: ${_}`, panel);
      await panel.close();
      await page.close();
    } finally {
      w.sandbox.faults.clear();
    }
  });

  it('shows no text that is not from the catalogue, cuts nothing off, and breaks no word across lines', () => {
    expect(found).toEqual([]);
    if (words) expect(wrapped).toBeGreaterThan(0);
  });
});
