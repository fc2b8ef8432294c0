/**
 * Editing, deleting, merging, untagging, exporting and "Copy details" (issue 14) end to end: the side panel in
 * Chromium against the sandbox, driven by the user's clicks and keys, checked by the exact requests Intercom (the
 * sandbox) received, what the card and the list show after, and what lands on the clipboard or in the file.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../sandbox/pipeline';
import { expectNoViolations } from './axe';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await startWorld();
  await (await configure(w)).close();
  // What the panel put on the clipboard is read back by a web page, as a paste into another tool would be.
  await w.browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: w.sandbox.url });
});
afterAll(() => stopWorld(w));
beforeEach(() => w.sandbox.faults.clear());

const OLIVIA = 'olivia.bennett@northwind-analytics.com';
const LIAM = 'liam.oconnor@tidewaterfoods.co';
const CARLOS = 'carlos.mendes@example.com'; // a lead
const MARCUS = 'marcus.reid@northwind-analytics.com'; // a user
const LENA = 'lena.fischer@brightline.io'; // an open conversation tagged "Billing issue"

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quick = (panel: Page, name: string) => panel.getByRole('group', { name: 'Quick actions' }).getByRole('button', { name, exact: true });
const writes = (from: number): RecordedRequest[] =>
  w.sandbox.requests.slice(from).filter((r) => r.method !== 'GET' && !r.path.endsWith('/search'));
async function clipboard(page: Page): Promise<string> {
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

async function openDemo() {
  const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
  await panel.bringToFront();
  return {
    panel,
    page,
    close: async () => {
      await panel.close();
      await page.close();
    },
  };
}

async function openCard(panel: Page, email: string) {
  const c = contactOf(w.sandbox, email);
  await panel.getByRole('button', { name: new RegExp(escape(c.name!)) }).first().click();
  await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe(c.name);
  return c;
}

describe('editing a contact from its data attributes', () => {
  it('sets a list attribute, adds one the contact did not have, changes the owner and unsubscribes', async () => {
    const { panel, close } = await openDemo();
    const c = await openCard(panel, OLIVIA);
    const from = w.sandbox.requests.length;
    await quick(panel, 'Edit').click();
    const form = panel.getByRole('form', { name: 'Edit the contact' });
    // A list attribute is a select of its options; numbers are number fields; dates are date fields.
    const plan = form.getByRole('combobox', { name: 'Plan' });
    await expect.poll(async () => (await plan.locator('option').allTextContents()).slice(1)).toEqual(['starter', 'growth', 'enterprise']);
    expect(await plan.inputValue()).toBe('enterprise');
    expect(await form.getByRole('spinbutton', { name: 'MRR' }).inputValue()).toBe(String(c.custom_attributes.mrr));
    await plan.selectOption('growth');

    await form.getByRole('combobox', { name: 'Add attribute' }).selectOption({ label: 'Onboarding stage' });
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const stage = form.getByRole('combobox', { name: 'Onboarding stage' });
    await expect.poll(() => stage.evaluate((el) => el === document.activeElement)).toBe(true);
    await stage.selectOption('activated');

    const owner = w.sandbox.state.admins.find((a) => Number(a.id) !== c.owner_id)!;
    await expectNoViolations(panel, panel, '.qa-pane');
    await form.getByRole('combobox', { name: 'Owner' }).selectOption({ label: owner.name });
    await form.getByRole('checkbox', { name: 'Unsubscribed from email' }).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.locator('.qa-status').textContent()).toContain('Contact saved');

    expect(writes(from).map((r) => [r.method, r.path, r.body])).toEqual([
      ['PUT', `/contacts/${c.id}`, { owner_id: Number(owner.id), unsubscribed_from_emails: true, custom_attributes: { plan: 'growth', onboarding_stage: 'activated' } }],
    ]);
    const stored = w.sandbox.state.contacts.find((x) => x.id === c.id)!;
    expect(stored).toMatchObject({ owner_id: Number(owner.id), unsubscribed_from_emails: true });
    expect(stored.custom_attributes).toMatchObject({ plan: 'growth', onboarding_stage: 'activated' });
    // The card shows the contact as Intercom answered it.
    const attrs = panel.locator('.card section').filter({ hasText: 'Custom attributes' });
    await expect.poll(() => attrs.textContent()).toContain('activated');
    await close();
  });
});

describe('deleting a contact', () => {
  it('names who is deleted, starts on Cancel, deletes once, and the card and the list say so', async () => {
    const { panel, close } = await openDemo();
    const c = await openCard(panel, LIAM);
    const from = w.sandbox.requests.length;
    await quick(panel, 'Delete').click();
    const dialog = panel.getByRole('alertdialog');
    await expect.poll(() => dialog.textContent()).toContain(c.name!);
    expect(await dialog.textContent()).toContain(LIAM);
    // The safe choice has the focus: Enter now would cancel, not delete.
    await expect.poll(() => panel.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await expectNoViolations(panel, panel, '.qa-pane');
    await panel.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(writes(from)).toEqual([]);

    await quick(panel, 'Delete').click();
    await panel.getByRole('alertdialog').getByRole('button', { name: 'Delete contact' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'was deleted from Intercom' }).count()).toBe(1);
    expect(await panel.getByRole('status').filter({ hasText: 'was deleted' }).textContent()).toContain(c.name!);
    expect(writes(from).map((r) => [r.method, r.path])).toEqual([['DELETE', `/contacts/${c.id}`]]);
    expect(w.sandbox.state.contacts.some((x) => x.id === c.id)).toBe(false);

    await panel.getByRole('button', { name: 'Back to the list' }).click();
    const row = panel.getByRole('list', { name: 'People on this page' }).getByRole('listitem').filter({ hasText: LIAM });
    await expect.poll(() => row.textContent()).toContain('Not in Intercom');
    expect(writes(from).filter((r) => r.method === 'DELETE')).toHaveLength(1);
    await close();
  });
});

describe('merging a lead into a user', () => {
  it('finds the user by email, names both and which one remains, and merges', async () => {
    const { panel, close } = await openDemo();
    const lead = await openCard(panel, CARLOS);
    const user = contactOf(w.sandbox, MARCUS);
    const from = w.sandbox.requests.length;
    await quick(panel, 'Merge').click();
    const email = panel.getByRole('textbox', { name: "User's email address" });
    // A lead is refused as the one that remains, before anything is sent.
    await email.fill(CARLOS);
    await email.press('Enter');
    await expect.poll(() => panel.getByRole('alert').first().textContent()).toContain('That is this lead');
    await email.fill(MARCUS);
    await email.press('Enter');
    const dialog = panel.getByRole('alertdialog');
    await dialog.waitFor();
    const text = (await dialog.textContent())!;
    for (const part of [lead.name!, CARLOS, user.name!, MARCUS, 'Remains (user)', 'Merged away (lead)']) expect(text).toContain(part);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await expectNoViolations(panel, panel, '.qa-pane');
    await dialog.getByRole('button', { name: 'Merge into this user' }).click();
    const done = panel.getByRole('status').filter({ hasText: 'was merged into' });
    await expect.poll(() => done.count()).toBe(1);
    expect(writes(from).map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/contacts/merge', { from: lead.id, into: user.id }]]);
    expect(w.sandbox.state.contacts.some((x) => x.id === lead.id)).toBe(false);
    await done.getByRole('button', { name: `Open ${user.name}` }).click();
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe(user.name);
    await close();
  });
});

describe('untagging a conversation', () => {
  it('removes a tag from the conversation as the acting admin', async () => {
    const { panel, close } = await openDemo();
    await openCard(panel, LENA);
    const conversation = w.sandbox.state.conversations.find((cv) => cv.title === 'Invoice shows the wrong VAT number')!;
    const tag = w.sandbox.state.tags.find((t) => t.name === 'Billing issue')!;
    const from = w.sandbox.requests.length;
    const remove = panel.getByRole('button', { name: 'Remove tag Billing issue from the conversation' });
    await remove.click();
    await expect.poll(() => remove.count()).toBe(0);
    expect(writes(from).map((r) => [r.method, r.path, r.body])).toEqual([
      ['DELETE', `/conversations/${conversation.id}/tags/${tag.id}`, { admin_id: w.sandbox.state.meAdminId }],
    ]);
    await close();
  });
});

describe('export', () => {
  it('copies the page’s people as TSV and downloads them as CSV, formulas neutralised', async () => {
    const { panel, page, close } = await openDemo();
    const olivia = contactOf(w.sandbox, OLIVIA);
    const list = panel.getByRole('list', { name: 'People on this page' });
    await expect.poll(() => list.getByRole('button', { name: new RegExp(escape(olivia.name!)) }).count()).toBe(1);
    const rows = await list.getByRole('listitem').count();

    await panel.getByRole('button', { name: 'Export' }).click();
    await expectNoViolations(panel, panel, '.export');
    await panel.getByRole('button', { name: 'Copy as TSV (for spreadsheets)' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'copied as TSV' }).count()).toBe(1);
    const tsv = (await clipboard(page)).split('\r\n').filter(Boolean).map((l) => l.split('\t'));
    expect(tsv[0]!.slice(0, 4)).toEqual(['Email', 'Name', 'In Intercom', 'Role']);
    expect(tsv).toHaveLength(rows + 1);
    const line = tsv.find((r) => r[0] === OLIVIA)!;
    expect(line.slice(1, 4)).toEqual([olivia.name, 'Yes', 'user']);
    // A phone number that starts with + would be a formula in a spreadsheet: it is text.
    expect(line[8]).toBe(`'${olivia.phone}`);
    expect(line[9]).toBe(olivia.id);
    expect(line[10]).toMatch(new RegExp(`/users/${olivia.id}$`));
    expect(tsv.find((r) => r[0] === 'newperson@example.org')?.[2]).toBe('Not in Intercom');

    await panel.bringToFront();
    await panel.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Download CSV file' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^intercom-people-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFEmail,Name,In Intercom,Role,')).toBe(true);
    expect(csv).toContain(`${OLIVIA},${olivia.name},Yes,user,`);
    expect(csv).toContain(`,'${olivia.phone},`);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows + 1);
    await close();
  });
});

describe('Copy details', () => {
  it('copies Intercom’s request id, the request and the time of a failed call, and never the token', async () => {
    const { panel, page, close } = await openDemo();
    const c = await openCard(panel, OLIVIA);
    await quick(panel, 'Edit').click();
    await panel.getByRole('textbox', { name: 'Name' }).fill('Olivia B. Bennett');
    w.sandbox.faults.set({ failNext: { count: 1, status: 422, path: `/contacts/${c.id}`, method: 'PUT' } });
    const from = w.sandbox.requests.length;
    await panel.getByRole('button', { name: 'Save' }).click();
    const alert = panel.getByRole('alert').filter({ has: panel.getByRole('button', { name: 'Copy details' }) });
    await alert.waitFor();
    const failed = w.sandbox.requests.slice(from).find((r) => r.method === 'PUT')!;
    expect(failed.status).toBe(422);
    await expectNoViolations(panel, panel, '.qa-pane');
    await alert.getByRole('button', { name: 'Copy details' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Details copied' }).count()).toBe(1);
    const text = await clipboard(page);
    expect(text).toContain(`Intercom request ID: ${failed.requestId}`);
    expect(text).toContain(`Request: PUT /contacts/${c.id}`);
    expect(text).toContain('HTTP status: 422');
    const time = /Time \(UTC\): (\S+)/.exec(text)?.[1];
    expect(Math.abs(Date.parse(time!) - failed.at)).toBeLessThan(60_000);
    expect(text).not.toContain(w.sandbox.token);
    await close();
  });
});
