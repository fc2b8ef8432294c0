/**
 * Bulk actions on /demo in real Chromium against the sandbox: "Create leads for all" (one POST /contacts per
 * unknown address) and "Tag all" with a 429 injected mid-run — every contact ends up tagged exactly once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS } from '../sandbox/seed';
import { configure, openPanelFor, startWorld, stopWorld, type World } from './helpers';

let w: World;
let panel: Page;

beforeAll(async () => {
  w = await startWorld();
  await (await configure(w)).close();
  ({ panel } = await openPanelFor(w, `${w.sandbox.url}/demo`));
}, 90_000);
afterAll(() => stopWorld(w));

const progress = () => panel.getByRole('progressbar');
const results = () => panel.getByRole('list', { name: 'Results' }).getByRole('listitem');

async function waitForRun(total: number) {
  await expect.poll(() => progress().getAttribute('aria-valuenow'), { timeout: 45_000 }).toBe(String(total));
  expect(await progress().getAttribute('aria-valuemax')).toBe(String(total));
  await expect.poll(() => panel.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
}

describe('bulk actions on /demo', () => {
  it('"Create leads for all" creates one lead per unknown address', async () => {
    // Every row answered (known or "Not in Intercom").
    const items = panel.getByRole('list', { name: 'People on this page' }).getByRole('listitem');
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(DEMO_EMAILS.known.length + DEMO_EMAILS.unknown.length);
    await expect.poll(() => items.filter({ hasText: 'Looking up' }).count(), { timeout: 20_000 }).toBe(0);
    const from = w.sandbox.requests.length;
    await panel.getByRole('button', { name: 'Create leads for all' }).click();
    await waitForRun(DEMO_EMAILS.unknown.length);

    const creates = w.sandbox.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/contacts');
    expect(creates).toHaveLength(DEMO_EMAILS.unknown.length);
    expect(creates.map((r) => (r.body as { email: string }).email).sort()).toEqual([...DEMO_EMAILS.unknown].sort());
    expect(creates.every((r) => (r.body as { role?: string }).role === 'lead')).toBe(true);
    for (const email of DEMO_EMAILS.unknown) {
      expect(w.sandbox.state.contacts.filter((c) => c.email === email && c.role === 'lead')).toHaveLength(1);
      expect(await results().filter({ hasText: email }).textContent()).toContain('Done');
    }
    expect(await panel.getByText(`${DEMO_EMAILS.unknown.length} of ${DEMO_EMAILS.unknown.length}`).count()).toBeGreaterThan(0);
    // The list shows the new leads instead of "Not in Intercom".
    const page = panel.getByRole('list', { name: 'People on this page' });
    for (const email of DEMO_EMAILS.unknown) {
      await expect.poll(() => page.getByRole('listitem').filter({ hasText: email }).textContent()).not.toContain('Not in Intercom');
    }
    expect(await panel.getByRole('button', { name: 'Create leads for all' }).isDisabled()).toBe(true);
  });

  it('"Tag all" tags every contact on the page exactly once, through a 429 in the middle', async () => {
    const tag = w.sandbox.state.tags.find((t) => !t.name.includes('<'))!;
    const from = w.sandbox.requests.length;
    // Slow enough to inject the failure while the run is under way.
    w.sandbox.faults.set({ latencyMs: 150 });
    await panel.getByRole('combobox', { name: 'Tag', exact: true }).selectOption({ label: tag.name });
    await panel.getByRole('button', { name: 'Tag all' }).click();
    await expect.poll(async () => Number(await progress().getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    w.sandbox.faults.set({ latencyMs: 0, failNext: { count: 1, status: 429, path: '/contacts', method: 'POST' } });

    const total = Number(await progress().getAttribute('aria-valuemax'));
    await waitForRun(total);
    const tagPosts = () => w.sandbox.requests.slice(from).filter((r) => r.method === 'POST' && /^\/contacts\/[^/]+\/tags$/.test(r.path));
    // The 429 did hit a tagging request.
    expect(tagPosts().some((r) => r.status === 429)).toBe(true);

    // An item that failed is retried from the outbox (the worker may also have retried it on its own).
    const failed = await results().filter({ hasNotText: 'Done' }).count();
    if (failed > 0) {
      const outbox = panel.getByRole('list', { name: 'Pending and failed actions' });
      while ((await outbox.getByRole('button', { name: 'Retry' }).count()) > 0) {
        await outbox.getByRole('button', { name: 'Retry' }).first().click();
        await panel.waitForTimeout(200);
      }
    }

    const tagged = () => new Set(tagPosts().filter((r) => r.status === 200).map((r) => r.path.split('/')[2]));
    await expect.poll(() => tagged().size, { timeout: 30_000 }).toBe(total);
    // One successful request per contact, and the tag once on each.
    expect(tagPosts().filter((r) => r.status === 200)).toHaveLength(total);
    for (const id of tagged()) {
      const contact = w.sandbox.state.contacts.find((c) => c.id === id)!;
      expect(contact.tags.filter((t) => t.id === tag.id)).toHaveLength(1);
    }
    // Everyone found on the page: the 12 known addresses and the 2 new leads.
    expect(total).toBe(DEMO_EMAILS.known.length + DEMO_EMAILS.unknown.length);
  });
});
