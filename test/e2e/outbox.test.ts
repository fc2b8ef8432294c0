/**
 * The outbox in real Chromium: a quick action in flight when the service worker is stopped is neither lost
 * nor sent twice. The worker is stopped through CDP (as Chrome does to idle workers) and woken by a message.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/protocol/actions';
import { startWorld, stopWorld, type World } from './helpers';

let w: World;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  w = await startWorld();
  page = await w.browser.open(w.browser.pageUrl('src/options/index.html'));
  const { url, token } = w.sandbox;
  const saved = await page.evaluate(
    async ({ url, token }) => {
      await chrome.permissions.request({ origins: [`${url}/*`] });
      return chrome.runtime.sendMessage({ type: 'settings/save', input: { region: 'custom', apiUrl: url, token } });
    },
    { url, token },
  );
  expect(saved).toMatchObject({ ok: true, data: { region: 'custom', hasToken: true } });
  cdp = await w.browser.ctx.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
});
afterAll(() => stopWorld(w));
beforeEach(() => w.sandbox.reset());

/** Sends a message from the extension page without waiting for the answer (the worker may die first). */
function fire(type: string, input: unknown): Promise<void> {
  return page.evaluate(({ type, input }) => {
    void chrome.runtime.sendMessage({ type, input }).catch(() => undefined);
  }, { type, input });
}

async function storedOutbox(): Promise<OutboxEntry[]> {
  return page.evaluate(async () => ((await chrome.storage.local.get('outbox')).outbox ?? []) as OutboxEntry[]);
}

async function listOutbox(): Promise<OutboxEntry[]> {
  const answer = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'outbox/list', input: {} }));
  return (answer as { data: { entries: OutboxEntry[] } }).data.entries;
}

/** Stops the extension's service worker and waits until Chromium reports it stopped (not merely stopping). */
async function stopWorker(): Promise<void> {
  const stopped = new Promise<void>((resolve) => {
    const onVersion = (e: { versions: Array<{ scriptURL: string; runningStatus: string }> }) => {
      if (e.versions.some((v) => v.scriptURL.includes(w.browser.id) && v.runningStatus === 'stopped')) {
        cdp.off('ServiceWorker.workerVersionUpdated', onVersion);
        resolve();
      }
    };
    cdp.on('ServiceWorker.workerVersionUpdated', onVersion);
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
}

const tagPosts = (contactId: string, tagId: string) =>
  w.sandbox.requests.filter((r) => r.method === 'POST' && r.path === `/contacts/${contactId}/tags` && (r.body as { id?: string } | null)?.id === tagId);
const hasTag = (contactId: string, tagId: string) =>
  !!w.sandbox.state.contacts.find((c) => c.id === contactId)?.tags.some((t) => t.id === tagId);

function untaggedPair(n: number) {
  const contact = w.sandbox.state.contacts.find((c) => c.tags.length === 0) ?? w.sandbox.state.contacts[0]!;
  const tags = w.sandbox.state.tags.filter((t) => !contact.tags.some((a) => a.id === t.id)).slice(0, n);
  return { contact, tags };
}

describe('outbox across a worker restart', () => {
  it('a write in flight when the worker stops is checked, not resent, and ends done', async () => {
    const { contact, tags } = untaggedPair(1);
    const tag = tags[0]!;
    w.sandbox.faults.set({ latencyMs: 3000 });
    await fire('outbox/submit', { id: 'e2e-inflight-1', action: { kind: 'contact.tag', contactId: contact.id, tagId: tag.id } });
    await expect.poll(() => tagPosts(contact.id, tag.id).length).toBe(1);
    await stopWorker();
    expect((await storedOutbox()).find((e) => e.id === 'e2e-inflight-1')?.state).toBe('sending');
    // The request reached Intercom before the worker died: it lands although nobody hears the answer.
    w.sandbox.faults.set({ latencyMs: 0 });
    await expect.poll(() => hasTag(contact.id, tag.id)).toBe(true);

    // Any message wakes the worker, which picks the outbox up.
    await expect.poll(async () => (await listOutbox()).find((e) => e.id === 'e2e-inflight-1')?.state, { timeout: 30_000 }).toBe('done');
    expect(tagPosts(contact.id, tag.id)).toHaveLength(1);
    const entry = (await storedOutbox()).find((e) => e.id === 'e2e-inflight-1')!;
    expect(entry.result?.contact?.tags.map((t) => t.id)).toContain(tag.id);
  });

  it('a write still waiting its turn when the worker stops is sent exactly once after the restart', async () => {
    const { contact, tags } = untaggedPair(2);
    const [first, second] = [tags[0]!, tags[1]!];
    w.sandbox.faults.set({ latencyMs: 3000 });
    // One contact's actions go one at a time: the second waits, stored as pending, while the first is in flight.
    await fire('outbox/submit', { id: 'e2e-first-01', action: { kind: 'contact.tag', contactId: contact.id, tagId: first.id } });
    await fire('outbox/submit', { id: 'e2e-second-1', action: { kind: 'contact.tag', contactId: contact.id, tagId: second.id } });
    await expect.poll(() => tagPosts(contact.id, first.id).length).toBe(1);
    await stopWorker();
    const before = await storedOutbox();
    expect(before.find((e) => e.id === 'e2e-second-1')?.state).toBe('pending');
    expect(tagPosts(contact.id, second.id)).toHaveLength(0);
    w.sandbox.faults.set({ latencyMs: 0 });

    await expect
      .poll(async () => (await listOutbox()).filter((e) => e.id.startsWith('e2e-')).map((e) => `${e.id}:${e.state}`).sort(), { timeout: 30_000 })
      .toEqual(['e2e-first-01:done', 'e2e-inflight-1:done', 'e2e-second-1:done']);
    expect(tagPosts(contact.id, first.id)).toHaveLength(1);
    expect(tagPosts(contact.id, second.id)).toHaveLength(1);
    expect(hasTag(contact.id, first.id) && hasTag(contact.id, second.id)).toBe(true);
  });
});
