/**
 * A token without some permissions, in real Chromium against the sandbox (issue 11): each part of the card
 * depends only on what it needs. A section the token may not read explains itself, nothing else breaks, and
 * Settings → Test connection lists what the token can read, checked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../sandbox/faults';
import { DEMO_EMAILS } from '../sandbox/seed';
import { configure, contactOf, openPanelFor, saveDemoSettings, startWorld, stopWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await startWorld();
  await (await configure(w)).close();
}, 60_000);
afterAll(() => stopWorld(w));

/** A contact on /demo with an open conversation, and its title. */
function withConversation() {
  const conv = w.sandbox.state.conversations.find((c) => {
    const person = w.sandbox.state.contacts.find((p) => p.id === c.contact_ids[0]);
    return c.state === 'open' && !!person?.email && (DEMO_EMAILS.known as readonly string[]).includes(person.email);
  })!;
  const person = w.sandbox.state.contacts.find((p) => p.id === conv.contact_ids[0])!;
  return { email: person.email!, title: conv.title ?? '' };
}

/** Takes the token's permissions away, starts a fresh connection (no cached workspace), opens the card. */
async function cardWithout(scopes: Scope[], email: string): Promise<{ panel: Page; close: () => Promise<void> }> {
  w.sandbox.faults.set({ lacksScopes: scopes });
  await saveDemoSettings(w);
  const { page, panel } = await openPanelFor(w, `${w.sandbox.url}/demo`);
  const person = contactOf(w.sandbox, email);
  await panel.getByRole('list', { name: 'People on this page' }).getByRole('button', { name: new RegExp(person.name ?? email) }).first().click();
  await panel.getByRole('heading', { level: 2, name: person.name ?? email }).waitFor();
  return { panel, close: async () => void (await panel.close(), await page.close()) };
}

const quick = (panel: Page, name: string) => panel.getByRole('group', { name: 'Quick actions' }).getByRole('button', { name, exact: true });

describe('a token without some permissions', () => {
  it('without read_admins (admins and teams): conversations are listed and a note is added', async () => {
    const { email, title } = withConversation();
    const { panel, close } = await cardWithout(['read_admins'], email);
    await panel.getByRole('list', { name: 'Open conversations' }).getByRole('link', { name: title, exact: true }).waitFor();
    const from = w.sandbox.requests.length;
    await quick(panel, 'Note').click();
    await panel.getByRole('textbox', { name: 'Note' }).fill('Works without teams');
    await panel.getByRole('textbox', { name: 'Note' }).press('Control+Enter');
    const id = contactOf(w.sandbox, email).id;
    await expect.poll(() => w.sandbox.requests.slice(from).filter((r) => r.method === 'POST' && r.path === `/contacts/${id}/notes` && r.status === 200).length).toBe(1);
    expect(await panel.getByRole('alert').count()).toBe(0);
    await close();
  });

  it('without read_conversations: the card says so where they would be, and tickets and quick actions stay', async () => {
    const { email } = withConversation();
    const { panel, close } = await cardWithout(['read_conversations'], email);
    await panel.getByText('This access token may not read conversations').waitFor();
    await panel.getByRole('heading', { name: 'Tickets' }).waitFor();
    await quick(panel, 'Tag').waitFor();
    expect(await panel.getByRole('alert').count()).toBe(0);
    await close();
  });

  it('without read_tickets: the tickets section and the Ticket form explain themselves', async () => {
    const { email } = withConversation();
    const { panel, close } = await cardWithout(['read_tickets'], email);
    await panel.getByText('This access token may not read tickets').waitFor();
    await quick(panel, 'Ticket').click();
    await panel.getByText('This access token may not read ticket types').waitFor();
    await close();
  });

  it('without read_tags: the Tag form explains itself', async () => {
    const { email } = withConversation();
    const { panel, close } = await cardWithout(['read_tags'], email);
    await quick(panel, 'Tag').click();
    await panel.getByText("This access token may not read the workspace's tags").waitFor();
    await close();
  });

  it('without write_contacts: a refused note says why, and the card stops offering notes', async () => {
    const { email } = withConversation();
    const { panel, close } = await cardWithout(['write_contacts'], email);
    await quick(panel, 'Note').click();
    await panel.getByRole('textbox', { name: 'Note' }).fill('Not allowed');
    await panel.getByRole('textbox', { name: 'Note' }).press('Control+Enter');
    await panel.getByRole('alert').filter({ hasText: 'permission' }).waitFor();
    // Once the form is closed, notes are no longer offered, and the card says why.
    await panel.getByRole('textbox', { name: 'Note' }).fill('');
    await panel.getByRole('textbox', { name: 'Note' }).press('Escape');
    await panel.getByText('Not offered: Intercom refused Note to this access token.').waitFor();
    expect(await quick(panel, 'Note').count()).toBe(0);
    // Only what Intercom refused is withheld: a write not tried yet is still offered.
    expect(await quick(panel, 'Tag').count()).toBe(1);
    await close();
  });

  it('Settings → Test connection lists what the token can and cannot read', async () => {
    // Data events need their own scope; segments are refused here by path (403), as a plan or app may.
    w.sandbox.faults.set({
      lacksScopes: ['read_conversations', 'read_tickets', 'read_events'],
      forbidPaths: [{ path: '/segments', method: 'GET', code: 'forbidden', message: 'Forbidden' }],
    });
    const settings = await configure(w);
    await settings.getByRole('button', { name: 'Test connection' }).click();
    const reads = settings.getByRole('region', { name: 'What this token can read' });
    await reads.waitFor();
    const items = await reads.getByRole('listitem').allTextContents();
    expect(items).toContain('✓ Contacts');
    expect(items.some((i) => i.startsWith('✗ Conversations'))).toBe(true);
    expect(items.some((i) => i.startsWith('✗ Tickets'))).toBe(true);
    expect(items).toContain('✓ Tags');
    expect(items).toContain('✗ Segments: not allowed — the card leaves this out and says why');
    expect(items).toContain('✗ Data events: not allowed — the card leaves this out and says why');
    // The events check names a contact no workspace has: it reads nothing, whoever the token is.
    expect(w.sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/events').at(-1)?.query).toMatchObject({ intercom_user_id: '000000000000000000000000' });

    // With the permissions back, the same check says both can be read.
    w.sandbox.faults.set({ lacksScopes: null, forbidPaths: null });
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(async () => (await reads.getByRole('listitem').allTextContents()).filter((i) => /Segments|Data events/.test(i))).toEqual(['✓ Segments', '✓ Data events']);
    await settings.close();
  });
});
