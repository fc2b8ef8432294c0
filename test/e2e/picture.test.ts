/**
 * The card's fuller picture in real Chromium against the sandbox (issue 14): People at this site on a page of
 * www.northwind-analytics.com (mapped to the sandbox by Chromium's host resolver; the real Ctrl+Shift+Y under
 * Xvfb gives the extension that tab, as the toolbar button would), its people a page at a time, their company's
 * card with a field edited (one POST /companies in the sandbox), the company's people, then a person's Segments
 * and History (notes, events, conversations filtered, a ticket's detail), each with Show more. axe checks it open.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { seedHistory } from '../sandbox/seed-picture';
import { SANDBOX_TOKEN } from '../sandbox/seed';
import { expectNoViolations } from './axe';
import { launchExtension, tabIdOf, type Browser } from './browser';
import { startDisplay, type Display } from './xvfb';

const SITE = 'www.northwind-analytics.com';
let display: Display;
let sandbox: Sandbox;
let browser: Browser;
let panel: Page;

beforeAll(async () => {
  display = await startDisplay();
  sandbox = await startSandbox();
  seedHistory(sandbox.state, Math.floor(Date.now() / 1000));
  process.env.DISPLAY = display.name;
  browser = await launchExtension({ headless: false, extraArgs: [`--host-resolver-rules=MAP ${SITE} 127.0.0.1`] });
  const settings = await browser.open(browser.pageUrl('src/options/index.html'));
  const saved = await settings.evaluate(
    ([url, token]) => chrome.runtime.sendMessage({ type: 'settings/save', input: { region: 'custom', apiUrl: url, token } }),
    [sandbox.url, SANDBOX_TOKEN] as const,
  );
  expect(saved.ok).toBe(true);
  await settings.close();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  display?.stop();
});

const northwindPeople = () => sandbox.state.contacts.filter((c) => c.email?.endsWith('@northwind-analytics.com'));

it('lists the people at the site’s domain a page at a time, with their company', async () => {
  // A page of the customer's own site; the shortcut is what lets the extension read it (activeTab).
  const url = `http://${SITE}:${sandbox.port}/demo/portal`;
  const page = await browser.open(url);
  await page.bringToFront();
  await page.getByRole('heading', { name: 'Customer portal' }).click();
  display.key('ctrl+shift+y');
  const tabId = await tabIdOf(browser, url);
  await expect
    .poll(() => browser.worker.evaluate(async (id) => ((await chrome.storage.session.get(`scan:${id}`))[`scan:${id}`] as { status?: string } | undefined)?.status, tabId))
    .toBe('ok');
  // The panel page bound to that tab, where Playwright can reach it.
  panel = await browser.open(browser.pageUrl(`src/sidepanel/index.html?tab=${tabId}`));
  const before = sandbox.requests.filter((r) => r.path === '/contacts/search').length;
  const toggle = panel.getByRole('button', { name: 'People at this site' });
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
  const list = panel.getByRole('list', { name: 'People at northwind-analytics.com' });
  await expect.poll(() => list.getByRole('listitem').count()).toBe(5);
  await panel.getByText('Everyone in Intercom with an address at northwind-analytics.com.').waitFor();
  const domainSearches = () =>
    sandbox.requests.filter((r) => r.path === '/contacts/search' && JSON.stringify(r.body).includes('email_domain')).map((r) => r.body);
  expect(domainSearches()[0]).toMatchObject({ query: { field: 'email_domain', operator: '=', value: 'northwind-analytics.com' } });

  await panel.getByRole('button', { name: 'Show more: People at northwind-analytics.com' }).click();
  await expect.poll(() => list.getByRole('listitem').count()).toBe(northwindPeople().length);
  await expect.poll(() => panel.getByRole('button', { name: 'Show more: People at northwind-analytics.com' }).count()).toBe(0);
  expect(domainSearches()).toHaveLength(2);
  expect(sandbox.requests.filter((r) => r.path === '/contacts/search').length - before).toBeGreaterThanOrEqual(2);
  // Same rows as the page's people, and the same bulk actions.
  await list.getByRole('button', { name: /Olivia Bennett/ }).waitFor();
  await panel.getByRole('list', { name: 'Their companies' }).getByRole('button', { name: 'Northwind Analytics' }).waitFor();
  await expectNoViolations(panel);
});

it('opens the company card, edits a field (one POST /companies) and lists its people', async () => {
  const company = panel.getByRole('list', { name: 'Their companies' }).getByRole('button', { name: 'Northwind Analytics' });
  const card = panel.getByRole('article', { name: 'Northwind Analytics' });
  // From the keyboard, there and Back: focus returns to the company's button (the section loads again after Back).
  await company.press('Enter');
  await card.getByRole('heading', { name: 'Northwind Analytics' }).waitFor();
  await card.getByRole('button', { name: 'Back' }).press('Enter');
  await expect
    .poll(() => panel.evaluate(() => (document.activeElement?.closest('.site-companies') ? document.activeElement.textContent : document.activeElement?.tagName)))
    .toBe('Northwind Analytics');
  await company.click();
  await card.getByRole('heading', { name: 'Northwind Analytics' }).waitFor();
  const plan = card.locator('.field', { hasText: 'Plan' }).locator('dd');
  await expect.poll(() => plan.textContent()).toBe('Enterprise');
  await expect.poll(() => card.locator('.field', { hasText: 'Industry' }).locator('dd').textContent()).toBe('Software');

  await card.getByRole('button', { name: 'Edit company' }).click();
  const form = card.getByRole('form', { name: 'Edit company' });
  await form.getByRole('textbox', { name: 'Plan' }).fill('Growth');
  await form.getByRole('textbox', { name: 'Monthly spend' }).fill('4.5k');
  await form.getByRole('button', { name: 'Save company' }).click();
  // A bad number is refused in the form, nothing sent, nothing typed lost.
  await form.getByRole('alert').filter({ hasText: 'Monthly spend must be a whole number.' }).waitFor();
  expect(sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/companies')).toHaveLength(0);
  await expect.poll(() => form.getByRole('textbox', { name: 'Plan' }).inputValue()).toBe('Growth');
  await form.getByRole('textbox', { name: 'Monthly spend' }).fill('4500');
  await form.getByRole('button', { name: 'Save company' }).click();
  await card.getByRole('status').filter({ hasText: 'Company saved.' }).waitFor();
  await expect.poll(() => plan.textContent()).toBe('Growth');
  const posts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/companies');
  expect(posts).toHaveLength(1);
  expect(posts[0]!.body).toEqual({ company_id: 'acct-1001', plan: 'Growth', monthly_spend: 4500 });
  expect(sandbox.state.companies.find((c) => c.company_id === 'acct-1001')).toMatchObject({ plan: { name: 'Growth' }, monthly_spend: 4500 });

  const people = card.getByRole('list', { name: 'People' });
  await expect.poll(() => people.getByRole('listitem').count()).toBe(5);
  await card.getByRole('button', { name: 'Show more: People' }).click();
  const members = sandbox.state.contacts.filter((c) => c.company_ids.includes(sandbox.state.companies.find((co) => co.company_id === 'acct-1001')!.id));
  await expect.poll(() => people.getByRole('listitem').count()).toBe(members.length);
  await expectNoViolations(panel);
  await people.getByRole('button', { name: /Olivia Bennett/ }).click();
  await panel.getByRole('heading', { level: 2, name: 'Olivia Bennett' }).waitFor();
});

it('shows the segments and the history of a contact, each list with Show more', async () => {
  const olivia = sandbox.state.contacts.find((c) => c.email === 'olivia.bennett@northwind-analytics.com' && c.role === 'user')!;
  const card = panel.getByRole('article', { name: 'Olivia Bennett' });
  const segmentsBefore = sandbox.requests.filter((r) => r.path === `/contacts/${olivia.id}/segments`).length;
  expect(segmentsBefore).toBe(0); // nothing is read until asked
  await card.getByRole('button', { name: 'Segments' }).click();
  const segments = card.getByRole('list', { name: 'Segments' });
  await segments.getByText('VIP customers').waitFor();
  await segments.getByText('Northwind Analytics team').waitFor();
  expect(await segments.getByText('Messenger leads').count()).toBe(0);

  await card.getByRole('button', { name: 'History' }).click();
  // Notes: 7 for Olivia, 5 at first.
  const notes = card.getByRole('list', { name: 'Notes' });
  await expect.poll(() => notes.getByRole('listitem').count()).toBe(5);
  const newest = sandbox.state.notes.filter((n) => n.contact_id === olivia.id).sort((a, b) => b.created_at - a.created_at)[0]!;
  await expect.poll(() => notes.getByRole('listitem').first().textContent()).toContain(newest.body.replace(/<[^>]+>/g, ''));
  await card.getByRole('button', { name: 'Show more: Notes' }).click();
  const noteCount = sandbox.state.notes.filter((n) => n.contact_id === olivia.id).length;
  await expect.poll(() => notes.getByRole('listitem').count()).toBe(noteCount);

  // Events through GET /events, following its next link.
  const events = card.getByRole('list', { name: 'Events' });
  await expect.poll(() => events.getByRole('listitem').count()).toBe(5);
  await card.getByRole('button', { name: 'Show more: Events' }).click();
  const eventCount = sandbox.state.events.filter((e) => e.contact_id === olivia.id).length;
  await expect.poll(() => events.getByRole('listitem').count()).toBe(eventCount);
  expect(sandbox.requests.filter((r) => r.path === '/events' && r.method === 'GET')).toHaveLength(2);

  // Conversations: all, then only the closed ones.
  const mine = sandbox.state.conversations.filter((c) => c.contact_ids.includes(olivia.id));
  const closed = mine.filter((c) => c.state === 'closed');
  expect(closed.length).toBeGreaterThan(0);
  const history = card.locator(`#history-${olivia.id}-body`);
  const conversations = history.getByRole('list', { name: 'Conversations' });
  await expect.poll(() => conversations.locator(':scope > li').count()).toBe(Math.min(5, mine.length));
  await history.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Closed' });
  await expect.poll(() => conversations.locator(':scope > li').count()).toBe(Math.min(5, closed.length));
  for (const c of closed.slice(0, 5)) await conversations.getByText(c.title ?? c.source.subject, { exact: false }).first().waitFor();

  // A ticket's detail and state.
  const ticket = sandbox.state.tickets.find((t) => t.contact_ids.includes(olivia.id) && t.state === 'in_progress')!;
  const tickets = history.getByRole('list', { name: 'All tickets' });
  const row = tickets.getByRole('listitem').filter({ hasText: String(ticket.attributes._default_title_) });
  await row.getByRole('button', { name: 'Details' }).click();
  await row.locator('.field', { hasText: 'State' }).getByText('In progress').waitFor();
  await row.getByText(String(ticket.attributes._default_description_)).waitFor();
  await expectNoViolations(panel);
});

it('renames the company from the contact’s card: that card, the site’s companies and the worker’s lookups name it anew at once', async () => {
  const email = 'olivia.bennett@northwind-analytics.com';
  const olivia = panel.getByRole('article', { name: 'Olivia Bennett' });
  // Contacts read by address or by id (a card's segments and history are not lookups).
  const lookups = () => sandbox.requests.filter((r) => r.path === '/contacts/search' || /^\/contacts\/[^/]+$/.test(r.path)).length;
  // The worker has her (and her company's name) cached from the lists above.
  const lookup = () =>
    panel.evaluate(async (e) => {
      const r = await chrome.runtime.sendMessage({ type: 'contacts/lookup', input: { emails: [e] } });
      return (r.data?.contacts?.[e]?.companies ?? []).map((c: { name: string }) => c.name) as string[];
    }, email);
  expect(await lookup()).toEqual(['Northwind Analytics']);
  const before = lookups();

  await olivia.getByRole('button', { name: 'Open company Northwind Analytics' }).click();
  const company = panel.getByRole('article', { name: 'Northwind Analytics' });
  await company.getByRole('button', { name: 'Edit company' }).click();
  const form = company.getByRole('form', { name: 'Edit company' });
  await form.getByRole('textbox', { name: 'Company name' }).fill('Northwind Labs');
  await form.getByRole('button', { name: 'Save company' }).click();
  const renamed = panel.getByRole('article', { name: 'Northwind Labs' });
  await renamed.getByRole('status').filter({ hasText: 'Company saved.' }).waitFor();
  expect(sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/companies').at(-1)!.body).toEqual({ company_id: 'acct-1001', name: 'Northwind Labs' });

  // Back on her card, without a reload or a new look up: the new name.
  await renamed.getByRole('button', { name: 'Back' }).click();
  await olivia.getByRole('button', { name: 'Open company Northwind Labs' }).waitFor();
  expect(await olivia.getByRole('button', { name: 'Open company Northwind Analytics' }).count()).toBe(0);
  expect(await lookup()).toEqual(['Northwind Labs']);
  expect(lookups()).toBe(before);

  // Back to the company opened from People at this site, then to the list: the site's companies name it anew.
  await olivia.getByRole('button', { name: 'Back' }).click();
  await renamed.getByRole('button', { name: 'Back' }).click();
  await panel.locator('.site-companies').getByRole('button', { name: 'Northwind Labs' }).waitFor();
  expect(await panel.locator('.site-companies').getByRole('button', { name: 'Northwind Analytics' }).count()).toBe(0);
});
