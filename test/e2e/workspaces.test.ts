/**
 * Several workspaces in real Chromium against two sandboxes, two Intercom workspaces on two origins, each with
 * its own token and its own people: Settings adds the second one as a person would, the panel's switcher
 * changes who is found on the same page, each token reaches only its own sandbox, and an action that failed
 * in the first workspace is shown as that one's and retried there after the second is chosen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { DEMO_EMAILS } from '../sandbox/seed';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, type World } from './helpers';

const SECOND_TOKEN = 'second-workspace-token-2468';
const SECOND_NAME = 'Globex EU';

let w: World;
/** The second workspace: no seeded people, only the two added below. */
let second: Sandbox;
const olivia = DEMO_EMAILS.known[0];
const sam = DEMO_EMAILS.unknown[1];

async function addContact(sb: Sandbox, email: string, name: string): Promise<void> {
  const res = await fetch(`${sb.url}/contacts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json', 'intercom-version': '2.14' },
    body: JSON.stringify({ role: 'user', email, name }),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  w = await startWorld();
  second = await startSandbox({ seed: false, token: SECOND_TOKEN });
  second.state.app.name = 'Globex Europe (sandbox)';
  await addContact(second, olivia, 'Olivia Globex');
  await addContact(second, sam, 'Sam Rivera');
});
afterAll(async () => {
  await stopWorld(w);
  await second?.close();
});

const people = (panel: Page) => panel.getByRole('list', { name: 'People on this page' }).getByRole('listitem');
const row = (panel: Page, email: string) => people(panel).filter({ hasText: email });

describe('several workspaces', () => {
  it('adds a second workspace in Settings, with its own token and API URL, and names the first after Intercom', async () => {
    const page = await configure(w);
    const picker = page.getByRole('combobox', { name: 'Workspace', exact: true });
    // The first workspace took the Intercom workspace's own name once its token answered.
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual([w.sandbox.state.app.name]);

    await page.getByRole('button', { name: 'Add workspace' }).click();
    await page.getByRole('textbox', { name: 'Workspace name' }).fill(SECOND_NAME);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Workspace added.' }).waitFor();
    // The form now edits the new workspace: no token, the default region.
    expect(await page.getByRole('combobox', { name: 'Region' }).inputValue()).toBe('us');
    expect(await page.getByRole('textbox', { name: 'Access token' }).inputValue()).toBe('');
    await page.getByRole('textbox', { name: 'Access token' }).fill(SECOND_TOKEN);
    await page.getByRole('combobox', { name: 'Region' }).selectOption({ label: 'Custom' });
    await page.getByRole('textbox', { name: 'API URL' }).fill(second.url);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual([w.sandbox.state.app.name, SECOND_NAME]);
    expect(await picker.locator('option:checked').textContent()).toBe(SECOND_NAME);

    // Test connection speaks to the second workspace, with its token.
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('status').filter({ hasText: `Connected to ${second.state.app.name}` }).waitFor();
    await page.close();
  });

  it('finds the people of the workspace in use, and switches with the panel’s one control', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const switcher = panel.getByRole('combobox', { name: 'Workspace' });
    expect(await switcher.locator('option:checked').textContent()).toBe(SECOND_NAME);
    // In the second workspace: its own Olivia, and Sam, whom the first workspace does not know.
    await expect.poll(() => row(panel, olivia).textContent()).toContain('Olivia Globex');
    await expect.poll(() => row(panel, sam).textContent()).toContain('Sam Rivera');
    await expect.poll(() => row(panel, DEMO_EMAILS.known[1]).textContent()).toContain('Not in Intercom');

    await switcher.selectOption({ label: w.sandbox.state.app.name });
    // The panel starts again in the first workspace.
    await expect.poll(() => row(panel, olivia).textContent()).toContain(contactOf(w.sandbox, olivia).name!);
    await expect.poll(() => row(panel, sam).textContent()).toContain('Not in Intercom');
    expect(await panel.getByRole('combobox', { name: 'Workspace' }).locator('option:checked').textContent()).toBe(w.sandbox.state.app.name);

    // Each token went only to its own sandbox: every API request (the browser's own favicon fetch of the demo
    // page carries none) had that sandbox's token, and neither sandbox ever saw the other's.
    const api = (sb: Sandbox) => sb.requests.filter((r) => r.intercomVersion !== null);
    expect(api(w.sandbox).length).toBeGreaterThan(0);
    expect(api(second).length).toBeGreaterThan(0);
    expect(api(w.sandbox).filter((r) => r.headers.authorization !== `Bearer ${w.sandbox.token}`).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(api(second).filter((r) => r.headers.authorization !== `Bearer ${SECOND_TOKEN}`).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(JSON.stringify(w.sandbox.requests)).not.toContain(SECOND_TOKEN);
    expect(JSON.stringify(second.requests)).not.toContain(w.sandbox.token);
    await page.close();
    await panel.close();
  });

  it('keeps an action in the workspace it was queued in: shown as that one’s, and retried there after a switch', async () => {
    const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const first = w.sandbox.state.app.name;
    const contact = contactOf(w.sandbox, olivia);
    // In the first workspace: a note Intercom refuses once.
    w.sandbox.faults.set({ failNext: { count: 1, status: 400, path: `/contacts/${contact.id}/notes`, method: 'POST' } });
    const body = 'Called about the renewal (workspaces e2e)';
    const failed = await panel.evaluate(
      (input) => chrome.runtime.sendMessage({ type: 'outbox/submit', input }),
      { id: 'e2e-workspace-note-1', action: { kind: 'contact.note', contactId: contact.id, body } },
    );
    expect(failed).toMatchObject({ ok: true, data: { state: 'failed' } });

    await panel.getByRole('combobox', { name: 'Workspace' }).selectOption({ label: SECOND_NAME });
    await expect.poll(() => row(panel, olivia).textContent()).toContain('Olivia Globex');
    const entry = panel.getByRole('listitem').filter({ hasText: `In ${first}` });
    await entry.waitFor();
    const notesBefore = second.requests.filter((r) => r.path.endsWith('/notes')).length;
    await entry.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => w.sandbox.state.notes.some((n) => n.body.includes(body))).toBe(true);
    expect(second.requests.filter((r) => r.path.endsWith('/notes')).length).toBe(notesBefore);
    expect(second.state.notes).toEqual([]);
    await expect.poll(() => panel.getByRole('listitem').filter({ hasText: `In ${first}` }).count()).toBe(0);
    await page.close();
    await panel.close();
  });

  it('removes a workspace and its token after the user confirms it by name; what was left in it is not sent anywhere', async () => {
    // An action left in the second workspace (Intercom refused it once), still in the outbox when it is removed.
    const { panel, page: site } = await openPanelFor(w, `${w.sandbox.url}/demo`);
    const globexOlivia = contactOf(second, olivia);
    second.faults.set({ failNext: { count: 1, status: 400, path: `/contacts/${globexOlivia.id}/notes`, method: 'POST' } });
    const body = 'Left behind (workspaces e2e)';
    const failed = await panel.evaluate(
      (input) => chrome.runtime.sendMessage({ type: 'outbox/submit', input }),
      { id: 'e2e-workspace-note-2', action: { kind: 'contact.note', contactId: globexOlivia.id, body } },
    );
    expect(failed).toMatchObject({ ok: true, data: { state: 'failed', workspaceId: expect.any(String) } });

    const page = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
    const picker = page.getByRole('combobox', { name: 'Workspace', exact: true });
    await expect.poll(() => picker.locator('option:checked').textContent()).toBe(SECOND_NAME);
    await page.getByRole('button', { name: 'Remove workspace' }).click();
    const confirm = page.getByRole('group', { name: `Remove “${SECOND_NAME}” and delete its access token from this browser?`, exact: false });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await picker.locator('option').count()).toBe(2);
    await page.getByRole('button', { name: 'Remove workspace' }).click();
    await page.getByRole('button', { name: 'Remove and delete token' }).click();
    await page.getByRole('status').filter({ hasText: `${SECOND_NAME} was removed and its token deleted.` }).waitFor();
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual([w.sandbox.state.app.name]);
    const stored = await page.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
    expect(stored).not.toContain(SECOND_TOKEN);
    expect(stored).toContain(w.sandbox.token);
    // The only workspace left cannot be removed (Forget token empties it instead).
    expect(await page.getByRole('button', { name: 'Remove workspace' }).isDisabled()).toBe(true);
    await page.close();

    // Retried after the removal: it says why, reaches neither sandbox, and can be dismissed.
    const notesBefore = w.sandbox.requests.filter((r) => r.path.endsWith('/notes')).length + second.requests.filter((r) => r.path.endsWith('/notes')).length;
    const entry = panel.getByRole('listitem').filter({ hasText: 'Add a note' });
    await entry.getByRole('button', { name: 'Retry' }).click();
    await entry.filter({ hasText: 'This workspace was removed in Settings, so nothing was sent.' }).waitFor();
    expect(w.sandbox.requests.filter((r) => r.path.endsWith('/notes')).length + second.requests.filter((r) => r.path.endsWith('/notes')).length).toBe(notesBefore);
    expect(JSON.stringify(w.sandbox.state.notes) + JSON.stringify(second.state.notes)).not.toContain(body);
    await entry.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => panel.getByRole('listitem').filter({ hasText: 'Add a note' }).count()).toBe(0);
    await site.close();
    await panel.close();
  });
});
