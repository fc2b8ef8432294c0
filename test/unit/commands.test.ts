/** Keyboard commands in the worker: the panel opens before anything is awaited, then gets the request. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, handleCommand, registerCommands } from '../../src/background/commands';
import type { TabScans } from '../../src/background/scan';
import { menuRequestKey, parseMenuRequest, resolveMenuRequest } from '../../src/protocol/menu';
import { MENU_REQUEST_EVENT } from '../../src/protocol/events';

type Listener = (...args: any[]) => unknown;
let log: string[];
let store: Record<string, unknown>;
let commandListeners: Listener[];
let sent: unknown[];
let selection: string | Error;

beforeEach(() => {
  log = [];
  store = {};
  commandListeners = [];
  sent = [];
  selection = '';
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: {
      id: 'ext',
      sendMessage: vi.fn(async (m: unknown) => {
        log.push('sendMessage');
        sent.push(m);
      }),
    },
    commands: { onCommand: { addListener: (l: Listener) => commandListeners.push(l) } },
    scripting: {
      executeScript: vi.fn(async (injection: { target: { tabId: number } }) => {
        log.push(`executeScript:${injection.target.tabId}`);
        if (selection instanceof Error) throw selection;
        return [{ frameId: 0, result: selection }];
      }),
    },
    sidePanel: {
      // Synchronous part first, as Chrome checks the gesture when open() is called.
      open: vi.fn((opts: { windowId: number }) => {
        log.push(`sidePanel.open:${opts.windowId}`);
        return Promise.resolve();
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

const fakeScans = () =>
  ({
    scan: vi.fn(async (tabId: number) => {
      log.push(`scan:${tabId}`);
      return { status: 'ok' };
    }),
  }) as unknown as TabScans & { scan: ReturnType<typeof vi.fn> };
const tab = { id: 5, windowId: 3 } as chrome.tabs.Tab;
const stored = () => store[menuRequestKey(3)] as Record<string, unknown> | undefined;

describe('handleCommand', () => {
  it('opens the panel synchronously, before any await', () => {
    for (const command of Object.values(COMMANDS)) {
      log = [];
      void handleCommand(command, tab, fakeScans());
      // Checked before anything could have been awaited: the panel was asked to open first.
      expect(log[0]).toBe('sidePanel.open:3');
    }
  });

  it('look up selection: reads the selection in the tab and hands the panel a lookup of its addresses', async () => {
    selection = 'Write to Olivia.Bennett@Northwind-Analytics.com today';
    await handleCommand(COMMANDS.lookupSelection, tab, fakeScans());
    expect(log).toEqual(['sidePanel.open:3', 'executeScript:5', 'storage.set', 'sendMessage']);
    expect(stored()).toMatchObject({ kind: 'selection', text: selection });
    // The panel reads the addresses out of it.
    expect(await resolveMenuRequest(parseMenuRequest(stored())!)).toMatchObject({ kind: 'lookup', emails: ['olivia.bennett@northwind-analytics.com'] });
    expect(sent).toEqual([{ event: MENU_REQUEST_EVENT, windowId: 3, request: stored() }]);
  });

  it('look up selection: a selection without an address is a search by name; no selection asks nothing', async () => {
    selection = '  Olivia\n Bennett ';
    await handleCommand(COMMANDS.lookupSelection, tab, fakeScans());
    expect(await resolveMenuRequest(parseMenuRequest(stored())!)).toMatchObject({ kind: 'name-search', query: 'Olivia Bennett' });

    store = {};
    selection = '';
    await handleCommand(COMMANDS.lookupSelection, tab, fakeScans());
    expect(stored()).toBeUndefined();

    selection = new Error('Cannot access a chrome:// URL');
    await handleCommand(COMMANDS.lookupSelection, tab, fakeScans());
    expect(stored()).toBeUndefined();
  });

  it('scan page: scans the tab, then tells the panel to show the page', async () => {
    const scans = fakeScans();
    await handleCommand(COMMANDS.scanPage, tab, scans);
    expect(log).toEqual(['sidePanel.open:3', 'scan:5', 'storage.set', 'sendMessage']);
    expect(stored()).toMatchObject({ kind: 'scan' });
    expect(parseMenuRequest(stored())).toMatchObject({ kind: 'scan' });
  });

  it('first card: scans the tab, then asks the panel for the first contact’s card', async () => {
    await handleCommand(COMMANDS.firstCard, tab, fakeScans());
    expect(log).toEqual(['sidePanel.open:3', 'scan:5', 'storage.set', 'sendMessage']);
    expect(parseMenuRequest(stored())).toMatchObject({ kind: 'first-card' });
  });

  it('still delivers when Chrome refuses to open the panel (no gesture)', async () => {
    vi.mocked(chrome.sidePanel.open).mockImplementation(() => {
      throw new Error('`sidePanel.open()` may only be called in response to a user gesture.');
    });
    await handleCommand(COMMANDS.firstCard, tab, fakeScans());
    expect(stored()).toMatchObject({ kind: 'first-card' });
  });

  it('ignores unknown commands and tabs without a window', async () => {
    const scans = fakeScans();
    await handleCommand('_execute_action', tab, scans);
    await handleCommand('something-else', tab, scans);
    await handleCommand(COMMANDS.scanPage, undefined, scans);
    await handleCommand(COMMANDS.scanPage, { id: 5, windowId: -1 } as chrome.tabs.Tab, scans);
    expect(log).toEqual([]);
  });

  it('is registered as the onCommand listener', async () => {
    const scans = fakeScans();
    registerCommands(scans);
    expect(commandListeners).toHaveLength(1);
    commandListeners[0]!(COMMANDS.scanPage, tab);
    await vi.waitFor(() => expect(stored()).toMatchObject({ kind: 'scan' }));
    expect(scans.scan).toHaveBeenCalledWith(5);
  });
});

describe('parseMenuRequest for the commands’ kinds', () => {
  const now = 1_000_000_000;
  it('takes scan and first-card with nothing else, and nothing with extra fields', () => {
    expect(parseMenuRequest({ kind: 'scan', at: now }, now)).toEqual({ kind: 'scan', at: now });
    expect(parseMenuRequest({ kind: 'first-card', at: now }, now)).toEqual({ kind: 'first-card', at: now });
    expect(parseMenuRequest({ kind: 'scan', emails: ['a@b.io'], at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'first-card', query: 'x', at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'lookup', emails: ['a@b.io'], query: 'x', at: now }, now)).toBeNull();
    expect(parseMenuRequest({ kind: 'scan', at: now, tabId: 4 }, now)).toBeNull();
  });
});
