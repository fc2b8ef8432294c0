// @vitest-environment node
/**
 * Where scanning runs, in the worker: settings.autoScanOrigins and autoScanAll are the truth, and the
 * registered content script and the host permissions follow them (a site turned off loses both).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/content/entry.ts?script&iife', () => ({ default: 'assets/scanner.js' }));
vi.mock('../../src/content/in-page-entry.ts?script&iife', () => ({ default: 'src/content/in-page-entry.js' }));

const { createHandlers } = await import('../../src/background/handlers');
const { TabScans } = await import('../../src/background/scan');
import type { Outbox } from '../../src/background/outbox';
import type { Caller } from '../../src/background/sender';

const ALL = ['https://*/*', 'http://*/*'];
let local: Record<string, unknown>;
let granted: Set<string>;
let scripts: Map<string, chrome.scripting.RegisteredContentScript>;
/** Whether removing the all-sites grant takes the sites granted one by one with it (as Chrome may). */
let removeTakesSubsets: boolean;

beforeEach(() => {
  local = {};
  granted = new Set();
  scripts = new Map();
  removeTakesSubsets = false;
  (globalThis as unknown as { chrome: unknown }).chrome = {
    storage: {
      local: {
        get: vi.fn(async (key: string) => (key in local ? { [key]: local[key] } : {})),
        set: vi.fn(async (items: Record<string, unknown>) => void Object.assign(local, items)),
      },
      session: { get: vi.fn(async () => ({})), set: vi.fn(async () => undefined) },
    },
    permissions: {
      contains: vi.fn(async ({ origins }: { origins: string[] }) =>
        origins.every((o) => granted.has(o) || (granted.has(`${o.split(':')[0]}://*/*`) && !ALL.includes(o))),
      ),
      remove: vi.fn(async ({ origins }: { origins: string[] }) => {
        for (const o of origins) granted.delete(o);
        if (removeTakesSubsets && origins.some((o) => ALL.includes(o))) granted.clear();
        return true;
      }),
    },
    scripting: {
      getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => ids.flatMap((id) => (scripts.has(id) ? [scripts.get(id)!] : []))),
      registerContentScripts: vi.fn(async (list: chrome.scripting.RegisteredContentScript[]) => {
        for (const s of list) scripts.set(s.id, s);
      }),
      updateContentScripts: vi.fn(async (list: chrome.scripting.RegisteredContentScript[]) => {
        for (const s of list) scripts.set(s.id, { ...scripts.get(s.id)!, ...s });
      }),
      unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
        for (const id of ids) scripts.delete(id);
      }),
    },
    runtime: { sendMessage: vi.fn(async () => undefined) },
  };
});

const page: Caller = { kind: 'extension' } as Caller;
const handlers = () => createHandlers(new TabScans(), {} as Outbox);
const matches = () => [...scripts.values()].map((s) => s.matches);
const stored = () => local.settings as { autoScanOrigins: string[]; autoScanAll: boolean };

describe('sites one by one', () => {
  it('a granted site is registered; turning it off removes its permission and its script', async () => {
    const h = handlers();
    granted.add('https://crm.example/*');
    granted.add('https://wiki.example/*');
    await h['site/auto-scan']({ origin: 'https://crm.example', enabled: true }, page);
    const view = await h['site/auto-scan']({ origin: 'https://wiki.example', enabled: true }, page);
    expect(view.autoScanOrigins).toEqual(['https://crm.example', 'https://wiki.example']);
    expect(matches()).toEqual([['https://crm.example/*', 'https://wiki.example/*']]);

    await h['site/auto-scan']({ origin: 'https://crm.example', enabled: false }, page);
    expect(chrome.permissions.remove).toHaveBeenCalledWith({ origins: ['https://crm.example/*'] });
    expect(granted.has('https://crm.example/*')).toBe(false);
    expect(matches()).toEqual([['https://wiki.example/*']]);

    const last = await h['site/auto-scan']({ origin: 'https://wiki.example', enabled: false }, page);
    expect(last.autoScanOrigins).toEqual([]);
    expect(matches()).toEqual([]);
    expect(granted.size).toBe(0);
  });

  it('refuses a site whose permission was not granted, and registers nothing', async () => {
    const err = await handlers()['site/auto-scan']({ origin: 'https://crm.example', enabled: true }, page).catch((e: { info: unknown }) => e.info);
    expect(err).toMatchObject({ code: 'no_permission' });
    expect(matches()).toEqual([]);
    expect(local.settings).toBeUndefined();
  });
});

describe('every site', () => {
  it('needs both all-sites permissions, then registers the scanner for every http(s) page', async () => {
    const h = handlers();
    await expect(h['site/auto-scan-all']({ enabled: true }, page)).rejects.toMatchObject({ info: { code: 'no_permission' } });
    expect(matches()).toEqual([]);

    granted.add('https://*/*');
    granted.add('http://*/*');
    const view = await h['site/auto-scan-all']({ enabled: true }, page);
    expect(view.autoScanAll).toBe(true);
    expect(matches()).toEqual([ALL]);
  });

  it('turned off: gives the permissions back and goes back to the sites chosen one by one', async () => {
    const h = handlers();
    granted.add('https://crm.example/*');
    await h['site/auto-scan']({ origin: 'https://crm.example', enabled: true }, page);
    ALL.forEach((o) => granted.add(o));
    await h['site/auto-scan-all']({ enabled: true }, page);
    // A site turned on while every site is: its own entry is kept, the script stays for every site.
    await h['site/auto-scan']({ origin: 'https://wiki.example', enabled: true }, page);
    expect(matches()).toEqual([ALL]);

    const view = await h['site/auto-scan-all']({ enabled: false }, page);
    expect(chrome.permissions.remove).toHaveBeenCalledWith({ origins: ALL });
    expect(ALL.some((o) => granted.has(o))).toBe(false);
    // wiki.example was only covered by the all-sites grant: it is dropped with it.
    expect(view).toMatchObject({ autoScanAll: false, autoScanOrigins: ['https://crm.example'] });
    expect(stored()).toMatchObject({ autoScanAll: false, autoScanOrigins: ['https://crm.example'] });
    expect(matches()).toEqual([['https://crm.example/*']]);
  });

  it('turned off when Chrome took the single sites back too: nothing is left registered', async () => {
    const h = handlers();
    granted.add('https://crm.example/*');
    await h['site/auto-scan']({ origin: 'https://crm.example', enabled: true }, page);
    ALL.forEach((o) => granted.add(o));
    await h['site/auto-scan-all']({ enabled: true }, page);
    removeTakesSubsets = true;
    const view = await h['site/auto-scan-all']({ enabled: false }, page);
    expect(view.autoScanOrigins).toEqual([]);
    expect(matches()).toEqual([]);
  });
});
