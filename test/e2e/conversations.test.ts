/**
 * A contact's open conversation, acted on from the card in real Chromium against the sandbox: Reply, Note,
 * Assign, Snooze (One hour), Open, Close — each the exact request Intercom gets, and what the card shows.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS } from '../sandbox/seed';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, type World } from './helpers';

let w: World;
let panel: Page;
let conversationId: string;
let title: string;
let row: Locator;

beforeAll(async () => {
  w = await startWorld();
  await (await configure(w)).close();
}, 60_000);
afterAll(() => stopWorld(w));

/** The POSTs the sandbox got for the conversation since `from`. */
function posts(from: number, suffix: 'reply' | 'parts') {
  return w.sandbox.requests.slice(from).filter((r) => r.method === 'POST' && r.path === `/conversations/${conversationId}/${suffix}`);
}

async function waitForPost(from: number, suffix: 'reply' | 'parts') {
  await expect.poll(() => posts(from, suffix).filter((r) => r.status === 200).length, { timeout: 15_000 }).toBe(1);
  expect(posts(from, suffix)).toHaveLength(1);
  return posts(from, suffix)[0]!.body as Record<string, unknown>;
}

const button = (name: string) => row.getByRole('button', { name, exact: true });

describe('conversations on the contact card', () => {
  it('opens a contact on the page and lists their open conversation', async () => {
    // An open conversation whose contact is on the demo page.
    const found = w.sandbox.state.conversations.find((c) => {
      if (c.state !== 'open') return false;
      const contact = w.sandbox.state.contacts.find((p) => p.id === c.contact_ids[0]);
      return !!contact?.email && (DEMO_EMAILS.known as readonly string[]).includes(contact.email) && contact.role === 'user';
    });
    if (!found) throw new Error('no open conversation of a contact on /demo');
    conversationId = found.id;
    title = found.title ?? 'Conversation';
    const email = w.sandbox.state.contacts.find((p) => p.id === found.contact_ids[0])!.email!;
    const person = contactOf(w.sandbox, email);

    ({ panel } = await openPanelFor(w, `${w.sandbox.url}/demo`));
    const list = panel.getByRole('list', { name: 'People on this page' });
    await list.getByRole('button', { name: new RegExp(person.name ?? email) }).first().click();
    await panel.getByRole('heading', { level: 2, name: person.name ?? email }).waitFor();

    const conversations = panel.getByRole('list', { name: 'Open conversations' });
    row = conversations.getByRole('listitem').filter({ has: panel.getByRole('link', { name: title, exact: true }) });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('Open');
  });

  it('Reply: Ctrl+Enter sends a comment as the admin, and the card shows it as the last part', async () => {
    const from = w.sandbox.requests.length;
    await button('Reply').click();
    const box = row.getByRole('textbox', { name: 'Your reply' });
    await box.fill('We fixed it on our side — please try again.');
    await box.press('Control+Enter');
    const body = await waitForPost(from, 'reply');
    expect(body).toMatchObject({ message_type: 'comment', type: 'admin', admin_id: w.sandbox.state.meAdminId });
    expect(String(body.body)).toContain('We fixed it on our side — please try again.');
    await expect.poll(() => row.textContent()).toContain('We fixed it on our side — please try again.');
    expect(await row.getByRole('textbox').count()).toBe(0);
  });

  it('Note: "Add note" sends a note', async () => {
    const from = w.sandbox.requests.length;
    await button('Note').click();
    await row.getByRole('textbox', { name: /Your note/ }).fill('Customer is on the enterprise plan.');
    await row.getByRole('button', { name: 'Add note' }).click();
    const body = await waitForPost(from, 'reply');
    expect(body).toMatchObject({ message_type: 'note', type: 'admin', admin_id: w.sandbox.state.meAdminId });
    expect(String(body.body)).toContain('Customer is on the enterprise plan.');
    await expect.poll(() => row.getByRole('textbox').count()).toBe(0);
  });

  it('Assign: to a teammate, and the card names them', async () => {
    const admin = w.sandbox.state.admins.find((a) => a.id !== w.sandbox.state.meAdminId && !String(a.name).includes('<'))!;
    const from = w.sandbox.requests.length;
    await button('Assign').click();
    await row.getByRole('combobox', { name: 'Assign to' }).selectOption({ label: admin.name });
    await row.getByRole('button', { name: 'Save assignment' }).click();
    const body = await waitForPost(from, 'parts');
    expect(body).toMatchObject({ message_type: 'assignment', type: 'admin', admin_id: w.sandbox.state.meAdminId, assignee_id: admin.id });
    await expect.poll(() => row.textContent()).toContain(`Assigned to ${admin.name}`);
    expect(w.sandbox.state.conversations.find((c) => c.id === conversationId)!.admin_assignee_id).toBe(Number(admin.id));
  });

  it('Snooze: "One hour" snoozes it for an hour', async () => {
    const from = w.sandbox.requests.length;
    const before = Math.floor(Date.now() / 1000);
    await button('Snooze').click();
    await row.getByRole('button', { name: 'One hour' }).click();
    const body = await waitForPost(from, 'parts');
    expect(body).toMatchObject({ message_type: 'snoozed', admin_id: w.sandbox.state.meAdminId });
    const until = Number(body.snoozed_until);
    expect(until).toBeGreaterThanOrEqual(before + 3600);
    expect(until).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3600);
    await expect.poll(() => row.textContent()).toContain('Snoozed');
    expect(w.sandbox.state.conversations.find((c) => c.id === conversationId)!.state).toBe('snoozed');
  });

  it('Open (on the snoozed conversation), then Close', async () => {
    let from = w.sandbox.requests.length;
    await button('Open').click();
    expect(await waitForPost(from, 'parts')).toMatchObject({ message_type: 'open', admin_id: w.sandbox.state.meAdminId });
    await button('Close').waitFor();

    from = w.sandbox.requests.length;
    await button('Close').click();
    expect(await waitForPost(from, 'parts')).toMatchObject({ message_type: 'close', type: 'admin', admin_id: w.sandbox.state.meAdminId });
    await expect.poll(() => row.textContent()).toContain('Closed');
    expect(await button('Open').count()).toBe(1);
    expect(w.sandbox.state.conversations.find((c) => c.id === conversationId)!.state).toBe('closed');
  });

  it('View: shows the conversation’s parts, with no script from Intercom’s HTML run', async () => {
    await button('View').click();
    const parts = row.getByRole('list', { name: 'Messages', exact: true });
    await expect.poll(() => parts.textContent(), { timeout: 15_000 }).toContain('We fixed it on our side');
    expect(await parts.locator('script').count()).toBe(0);
  });
});
