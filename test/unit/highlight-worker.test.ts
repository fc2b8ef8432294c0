// @vitest-environment node
/**
 * The worker's side of highlighting: the setting is off until switched on, the scanner in a tab's top frame is
 * told it with each report (frames and impostors are told "off"), and switching it tells every open tab at once.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/background/handlers';
import { TabScans } from '../../src/background/scan';
import { HIGHLIGHT_EVENT } from '../../src/protocol/events';

// The worker imports the content script's built file name (crxjs); vitest has no crx plugin.
vi.mock('../../src/content/entry.ts?script&iife', () => ({ default: 'src/content/entry.js' }));

let local: Record<string, unknown>;
let session: Record<string, unknown>;
let toTabs: Array<{ tabId: number; message: unknown; options: unknown }>;

beforeEach(() => {
  local = {};
  session = {};
  toTabs = [];
  const area = (store: Record<string, unknown>) => ({
    get: vi.fn(async (key: string) => (key in store ? { [key]: store[key] } : {})),
    set: vi.fn(async (items: Record<string, unknown>) => void Object.assign(store, items)),
    remove: vi.fn(async (key: string) => void delete store[key]),
  });
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: { id: 'ext', sendMessage: vi.fn(async () => undefined) },
    storage: { local: area(local), session: area(session) },
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

describe('highlighting in the worker', () => {
  it('is off by default: the top frame is told so with its report', async () => {
    const handlers = createHandlers(new TabScans());
    expect(await handlers['emails/found']({ emails: ['a@example.com'], total: 1, names: {} }, top)).toEqual({ accepted: 1, highlight: false });
  });

  it('once switched on, tells every tab at once (tabs without a scanner are skipped) and each later report', async () => {
    const handlers = createHandlers(new TabScans());
    const view = await handlers['settings/highlight']({ enabled: true }, { kind: 'extension' });
    expect(view.highlightEmails).toBe(true);
    expect(toTabs).toEqual([
      { tabId: 3, message: { event: HIGHLIGHT_EVENT, enabled: true }, options: { frameId: 0 } },
      { tabId: 4, message: { event: HIGHLIGHT_EVENT, enabled: true }, options: { frameId: 0 } },
    ]);
    expect(await handlers['emails/found']({ emails: [], total: 0, names: {} }, top)).toEqual({ accepted: 0, highlight: true });
    // A sub-frame or an impostor learns nothing and changes nothing.
    expect(await handlers['emails/found']({ emails: ['b@example.com'], total: 1, names: {} }, { ...top, frameId: 2 })).toEqual({ accepted: 0, highlight: false });
    expect(await handlers['settings/get']({}, { kind: 'extension' })).toMatchObject({ highlightEmails: true });
  });
});
