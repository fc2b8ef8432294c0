// @vitest-environment node
/**
 * The worker's side of highlighting: off until switched on; while on, the in-page part is injected beside the
 * scanner in the top frame of a tab that reports (never for a sub-frame or an impostor), and switching it on
 * injects it into every tab the scanner already reported from; switching it off tells every tab's in-page part
 * to remove itself. The content script is never told the setting.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/background/handlers';
import { TabScans } from '../../src/background/scan';
import { HIGHLIGHT_EVENT } from '../../src/protocol/events';

// The worker imports the content scripts' built file names (crxjs); vitest has no crx plugin.
vi.mock('../../src/content/entry.ts?script&iife', () => ({ default: 'src/content/entry.js' }));
vi.mock('../../src/content/in-page-entry.ts?script&iife', () => ({ default: 'src/content/in-page-entry.js' }));

let local: Record<string, unknown>;
let session: Record<string, unknown>;
let toTabs: Array<{ tabId: number; message: unknown; options: unknown }>;
let injected: Array<{ target: unknown; files: string[] }>;

beforeEach(() => {
  local = {};
  session = {};
  toTabs = [];
  injected = [];
  const area = (store: Record<string, unknown>) => ({
    get: vi.fn(async (key: string) => (key in store ? { [key]: store[key] } : {})),
    set: vi.fn(async (items: Record<string, unknown>) => void Object.assign(store, items)),
    remove: vi.fn(async (key: string) => void delete store[key]),
  });
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: { id: 'ext', sendMessage: vi.fn(async () => undefined) },
    storage: { local: area(local), session: area(session) },
    scripting: {
      executeScript: vi.fn(async (details: { target: unknown; files: string[] }) => {
        injected.push(details);
        return [];
      }),
    },
    tabs: {
      query: vi.fn(async () => [{ id: 3 }, { id: 4 }, {}]),
      sendMessage: vi.fn(async (tabId: number, message: unknown, options: unknown) => {
        toTabs.push({ tabId, message, options });
        if (tabId === 4) throw new Error('Could not establish connection. Receiving end does not exist.');
      }),
    },
  };
});

const top = { kind: 'content', tabId: 3, frameId: 0, origin: 'https://crm.example' } as const;
const inPage = (tabId: number) => ({ target: { tabId, frameIds: [0] }, files: ['src/content/in-page-entry.js'] });
/** Lets the injection the handler started without waiting finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('highlighting in the worker', () => {
  it('is off by default: a report injects nothing and tells the page nothing of the setting', async () => {
    const handlers = createHandlers(new TabScans());
    expect(await handlers['emails/found']({ emails: ['a@example.com'], total: 1, names: {} }, top)).toEqual({ accepted: 1 });
    await settle();
    expect(injected).toEqual([]);
    expect(await handlers['settings/get']({}, { kind: 'extension' })).toMatchObject({ highlightEmails: false });
  });

  it('switched on: injected into tabs the scanner reported from, then beside every top-frame report', async () => {
    const handlers = createHandlers(new TabScans());
    await handlers['emails/found']({ emails: ['a@example.com'], total: 1, names: {} }, top); // tab 3 has a scan; 4 has none
    const view = await handlers['settings/highlight']({ enabled: true }, { kind: 'extension' });
    expect(view.highlightEmails).toBe(true);
    expect(injected).toEqual([inPage(3)]);
    expect(toTabs).toEqual([]);

    await handlers['emails/found']({ emails: [], total: 0, names: {} }, { ...top, tabId: 4 });
    await settle();
    expect(injected).toEqual([inPage(3), inPage(4)]);
    // A sub-frame or an impostor changes nothing and gets nothing injected.
    expect(await handlers['emails/found']({ emails: ['b@example.com'], total: 1, names: {} }, { ...top, frameId: 2 })).toEqual({ accepted: 0 });
    await settle();
    expect(injected).toHaveLength(2);
  });

  it('switched off: every tab is told (tabs without the in-page part just fail)', async () => {
    const handlers = createHandlers(new TabScans());
    await handlers['settings/highlight']({ enabled: true }, { kind: 'extension' });
    await handlers['settings/highlight']({ enabled: false }, { kind: 'extension' });
    expect(toTabs).toEqual([
      { tabId: 3, message: { event: HIGHLIGHT_EVENT, enabled: false }, options: { frameId: 0 } },
      { tabId: 4, message: { event: HIGHLIGHT_EVENT, enabled: false }, options: { frameId: 0 } },
    ]);
    expect(await handlers['settings/get']({}, { kind: 'extension' })).toMatchObject({ highlightEmails: false });
  });
});
