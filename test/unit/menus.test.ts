/** The right-click menu in the worker: items created on install only, and what a click hands the panel. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MENU_IDS, handleMenuClick, registerMenus, requestFor } from '../../src/background/menus';
import type { TabScans } from '../../src/background/scan';
import { MENU_REQUEST_TTL_MS, menuRequestKey, parseMenuRequest, resolveMenuRequest } from '../../src/protocol/menu';
import { MENU_REQUEST_EVENT } from '../../src/protocol/events';
import { getMessage } from './fake-chrome';

type Listener = (...args: any[]) => unknown;
let log: string[];
let store: Record<string, unknown>;
let installed: Listener[];
let clicked: Listener[];
let created: chrome.contextMenus.CreateProperties[];
let sent: unknown[];

beforeEach(() => {
  log = [];
  store = {};
  installed = [];
  clicked = [];
  created = [];
  sent = [];
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: {
      id: 'ext',
      lastError: undefined,
      onInstalled: { addListener: (l: Listener) => installed.push(l) },
      sendMessage: vi.fn(async (m: unknown) => {
        log.push('sendMessage');
        sent.push(m);
      }),
    },
    i18n: { getMessage },
    contextMenus: {
      removeAll: vi.fn(async () => {
        log.push('removeAll');
      }),
      create: vi.fn((props: chrome.contextMenus.CreateProperties, done?: () => void) => {
        log.push(`create:${String(props.id)}`);
        created.push(props);
        done?.();
        return props.id;
      }),
      onClicked: { addListener: (l: Listener) => clicked.push(l) },
    },
    sidePanel: {
      open: vi.fn(async () => {
        log.push('sidePanel.open');
        throw new Error('`sidePanel.open()` may only be called in response to a user gesture.');
      }),
    },
    storage: {
      session: {
        set: vi.fn(async (items: Record<string, unknown>) => {
          log.push('storage.set');
          Object.assign(store, items);
        }),
      },
    },
  };
});

const fakeScans = () => ({ scan: vi.fn(async () => ({ status: 'ok' })) }) as unknown as TabScans & { scan: ReturnType<typeof vi.fn> };
const tab = { id: 5, windowId: 3 } as chrome.tabs.Tab;
const click = (menuItemId: string, extra: Partial<chrome.contextMenus.OnClickData> = {}) =>
  ({ menuItemId, editable: false, pageUrl: 'https://example.com/', ...extra }) as chrome.contextMenus.OnClickData;

describe('menu items', () => {
  it('creates nothing when the worker merely starts, and every item once on install', async () => {
    registerMenus(fakeScans());
    expect(created).toEqual([]);
    expect(installed).toHaveLength(1);
    expect(clicked).toHaveLength(1);

    installed[0]!({ reason: 'install' });
    await vi.waitFor(() => expect(created).toHaveLength(5));
    expect(log[0]).toBe('removeAll');
    const byId = Object.fromEntries(created.map((c) => [c.id, c]));
    const docs = ['http://*/*', 'https://*/*', 'file:///*'];
    expect(byId[MENU_IDS.selection]).toMatchObject({ title: 'Look up “%s” in Intercom', contexts: ['selection'], documentUrlPatterns: docs });
    for (const [id, title] of [
      [MENU_IDS.lookupLink, 'Look up in Intercom'],
      [MENU_IDS.tagLink, 'Tag in Intercom…'],
      [MENU_IDS.createLeadLink, 'Create lead in Intercom'],
    ] as const) {
      expect(byId[id]).toMatchObject({ title, contexts: ['link'], targetUrlPatterns: ['mailto:*'], documentUrlPatterns: docs });
    }
    expect(byId[MENU_IDS.scanPage]).toMatchObject({ title: 'Scan this page for Intercom contacts', contexts: ['page'], documentUrlPatterns: docs });
  });

  it('removes what an older version left before creating again (update)', async () => {
    registerMenus(fakeScans());
    installed[0]!({ reason: 'update' });
    await vi.waitFor(() => expect(created).toHaveLength(5));
    expect(log.filter((l) => l === 'removeAll')).toHaveLength(1);
    expect(log.indexOf('removeAll')).toBeLessThan(log.findIndex((l) => l.startsWith('create:')));
  });
});

describe('requests from a click', () => {
  /** What the panel acts on: the stored request as the panel parses and reads it. */
  const panelGets = async (info: chrome.contextMenus.OnClickData) => {
    const stored = requestFor(info, 1);
    const parsed = stored && parseMenuRequest(stored, 1);
    expect(parsed).toEqual(stored);
    return parsed && resolveMenuRequest(parsed);
  };

  it('a selection with addresses is a lookup of them', async () => {
    expect(requestFor(click(MENU_IDS.selection, { selectionText: 'Ask Olivia.Bennett@Northwind-Analytics.com or bob@x.io' }), 1)).toEqual({
      kind: 'selection',
      text: 'Ask Olivia.Bennett@Northwind-Analytics.com or bob@x.io',
      at: 1,
    });
    expect(await panelGets(click(MENU_IDS.selection, { selectionText: 'Ask Olivia.Bennett@Northwind-Analytics.com or bob@x.io' }))).toEqual({
      kind: 'lookup',
      emails: ['olivia.bennett@northwind-analytics.com', 'bob@x.io'],
      at: 1,
    });
  });

  it('a selection without one is a search by name; a blank one asks nothing', async () => {
    expect(await panelGets(click(MENU_IDS.selection, { selectionText: '  Olivia \n Bennett ' }))).toEqual({ kind: 'name-search', query: 'Olivia Bennett', at: 1 });
    expect(requestFor(click(MENU_IDS.selection, { selectionText: '   ' }), 1)).toBeNull();
  });

  it('mailto: links give their recipients to lookup, tag and create-lead', async () => {
    const linkUrl = 'mailto:new.person@example.com?cc=other@example.com&subject=Hi';
    expect(requestFor(click(MENU_IDS.lookupLink, { linkUrl }), 1)).toEqual({ kind: 'lookup', link: linkUrl, at: 1 });
    expect(await panelGets(click(MENU_IDS.lookupLink, { linkUrl }))).toEqual({ kind: 'lookup', emails: ['new.person@example.com', 'other@example.com'], at: 1 });
    expect((await panelGets(click(MENU_IDS.tagLink, { linkUrl })))?.kind).toBe('tag');
    expect((await panelGets(click(MENU_IDS.createLeadLink, { linkUrl })))?.kind).toBe('create-lead');
    expect(await panelGets(click(MENU_IDS.lookupLink, { linkUrl: 'mailto:?subject=Hi' }))).toBeNull();
    expect(requestFor(click(MENU_IDS.lookupLink, { linkUrl: 'https://example.com/' }), 1)).toBeNull();
    expect(requestFor(click(MENU_IDS.lookupLink, { linkUrl: `mailto:a@b.io?body=${'x'.repeat(70_000)}` }), 1)).toBeNull();
    expect(requestFor(click('someone-else', { linkUrl }), 1)).toBeNull();
  });

  it('opens the panel first, then stores the request for the window and announces it', async () => {
    await handleMenuClick(click(MENU_IDS.selection, { selectionText: 'olivia.bennett@northwind-analytics.com' }), tab, fakeScans());
    expect(log).toEqual(['sidePanel.open', 'storage.set', 'sendMessage']);
    const request = store[menuRequestKey(3)] as { kind: string; text: string; at: number };
    expect(request).toMatchObject({ kind: 'selection', text: 'olivia.bennett@northwind-analytics.com' });
    expect(sent).toEqual([{ event: MENU_REQUEST_EVENT, windowId: 3, request }]);
  });

  it('"Scan this page" scans the tab and stores no request', async () => {
    const scans = fakeScans();
    await handleMenuClick(click(MENU_IDS.scanPage), tab, scans);
    expect(log[0]).toBe('sidePanel.open');
    expect(scans.scan).toHaveBeenCalledWith(5);
    expect(store).toEqual({});
  });

  it('does nothing without a window to open the panel in', async () => {
    await handleMenuClick(click(MENU_IDS.selection, { selectionText: 'a@b.io' }), undefined, fakeScans());
    expect(log).toEqual([]);
  });
});

describe('parseMenuRequest', () => {
  const now = 1_000_000_000;
  it('accepts complete, fresh requests (addresses normalised)', () => {
    expect(parseMenuRequest({ kind: 'tag', emails: [' A@B.io '], at: now }, now)).toEqual({ kind: 'tag', emails: ['a@b.io'], at: now });
    expect(parseMenuRequest({ kind: 'name-search', query: ' Olivia ', at: now }, now)).toEqual({ kind: 'name-search', query: 'Olivia', at: now });
  });

  it('rejects unknown kinds, bad or missing addresses, a missing query and stale requests', () => {
    expect(parseMenuRequest(null, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'delete', emails: ['a@b.io'], at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'lookup', emails: ['not an address'], at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'lookup', emails: [], at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'create-lead', at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'name-search', query: '  ', at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'lookup', emails: ['a@b.io'], at: now - MENU_REQUEST_TTL_MS - 1 }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'lookup', emails: ['a@b.io'] }, now)).toBeNull();
  });

  it('takes a selection with its text only, and an address kind with addresses or a link, never both', () => {
    expect(parseMenuRequest({ kind: 'selection', text: 'Olivia', at: now }, now)).toEqual({ kind: 'selection', text: 'Olivia', at: now });
    expect(parseMenuRequest({ kind: 'tag', link: 'mailto:a@b.io', at: now }, now)).toEqual({ kind: 'tag', link: 'mailto:a@b.io', at: now });
    expect(parseMenuRequest({ kind: 'selection', at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'selection', text: 'a@b.io', emails: ['a@b.io'], at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'name-search', query: 'Olivia', text: 'Olivia', at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'tag', emails: ['a@b.io'], link: 'mailto:a@b.io', at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'scan', link: 'mailto:a@b.io', at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'selection', text: 'x'.repeat(10_001), at: now }, now)).toBeNull();
  });
});
