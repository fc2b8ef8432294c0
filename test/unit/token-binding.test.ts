// @vitest-environment node
/**
 * Settings can never leak the token to a new host (issue 11): switching the region or the custom API URL to
 * another origin needs the token typed again, and nothing is sent anywhere until it is.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Outbox } from '../../src/background/outbox';

vi.mock('../../src/content/entry.ts?script&iife', () => ({ default: 'src/content/entry.js' }));
vi.mock('../../src/content/in-page-entry.ts?script&iife', () => ({ default: 'src/content/in-page-entry.js' }));
const { createHandlers } = await import('../../src/background/handlers');
const { TabScans } = await import('../../src/background/scan');

let local: Record<string, unknown>;
let fetches: string[];

beforeEach(() => {
  local = {};
  fetches = [];
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: { id: 'ext', sendMessage: vi.fn(async () => undefined) },
    storage: {
      local: {
        setAccessLevel: vi.fn(async () => undefined),
        get: vi.fn(async (k: string) => (k in local ? { [k]: structuredClone(local[k]) } : {})),
        set: vi.fn(async (items: Record<string, unknown>) => void Object.assign(local, structuredClone(items))),
        remove: vi.fn(async (k: string) => void delete local[k]),
      },
      session: { get: vi.fn(async () => ({})), set: vi.fn(async () => undefined) },
    },
    permissions: { contains: vi.fn(async () => true) },
  };
  vi.stubGlobal('fetch', vi.fn(async (url: RequestInfo | URL) => {
    fetches.push(String(url instanceof Request ? url.url : url));
    return new Response('{}', { status: 500 });
  }));
});

const handlers = () => createHandlers(new TabScans(), {} as Outbox);
const noCaller = { kind: 'extension' } as const;

describe('the token and the API origin', () => {
  it('refuses to point a saved token at another host without the token typed again, and changes nothing', async () => {
    const h = handlers();
    expect(await h['settings/save']({ region: 'us', apiUrl: null, token: 'tok_live' }, noCaller)).toMatchObject({ hasToken: true, tokenHost: 'api.intercom.io' });
    await expect(h['settings/save']({ region: 'custom', apiUrl: 'https://intercom-proxy.evil.example' }, noCaller)).rejects.toMatchObject({
      info: { code: 'token_origin', detail: 'api.intercom.io' },
    });
    await expect(h['settings/save']({ region: 'eu', apiUrl: null }, noCaller)).rejects.toMatchObject({ info: { code: 'token_origin' } });
    expect(await h['settings/get']({}, noCaller)).toMatchObject({ region: 'us', apiUrl: null, tokenHost: 'api.intercom.io' });
    // Test connection against the new host with the saved token is refused before anything is sent.
    await expect(h['settings/test']({ region: 'custom', apiUrl: 'https://intercom-proxy.evil.example' }, noCaller)).rejects.toMatchObject({ info: { code: 'token_origin' } });
    expect(fetches).toEqual([]);
  });

  it('binds a token typed again to the new host, and then refuses to take it back to the old one', async () => {
    const h = handlers();
    await h['settings/save']({ region: 'us', apiUrl: null, token: 'tok_live' }, noCaller);
    expect(await h['settings/save']({ region: 'custom', apiUrl: 'https://proxy.acme.example/intercom', token: 'tok_proxy' }, noCaller)).toMatchObject({
      region: 'custom',
      tokenHost: 'proxy.acme.example',
    });
    await expect(h['settings/save']({ region: 'us', apiUrl: null }, noCaller)).rejects.toMatchObject({ info: { code: 'token_origin', detail: 'proxy.acme.example' } });
    // The same origin with another path keeps the token.
    expect(await h['settings/save']({ region: 'custom', apiUrl: 'https://proxy.acme.example/v2' }, noCaller)).toMatchObject({ tokenHost: 'proxy.acme.example' });
  });
});
