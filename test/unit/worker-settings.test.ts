// @vitest-environment node
/** The token vault, URL rules and region check of the worker, with a stand-in for chrome.storage. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/core/errors';
import { connectionInfo } from '../../src/background/connection';
import { validateApiUrl } from '../../src/background/settings';
import { forgetToken, savedToken, saveToken, tokenFor, workspacesWithToken } from '../../src/background/vault';

let store: Record<string, unknown>;
let setAccessLevel: ReturnType<typeof vi.fn>;
let order: string[];

beforeEach(() => {
  store = {};
  order = [];
  setAccessLevel = vi.fn(async () => {
    order.push('setAccessLevel');
  });
  (globalThis as unknown as { chrome: unknown }).chrome = {
    storage: {
      local: {
        setAccessLevel,
        get: vi.fn(async (keys: string | string[]) => Object.fromEntries([keys].flat().filter((k) => k in store).map((k) => [k, store[k]]))),
        set: vi.fn(async (items: Record<string, unknown>) => {
          order.push('set');
          Object.assign(store, items);
        }),
        remove: vi.fn(async (keys: string | string[]) => {
          for (const k of [keys].flat()) delete store[k];
        }),
      },
    },
  };
});

describe('token vault', () => {
  it('restricts storage to trusted contexts before writing the token', async () => {
    await saveToken('ws1', 'tok_123', 'https://api.intercom.io');
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    expect(order).toEqual(['setAccessLevel', 'set']);
    expect(await tokenFor('ws1', 'https://api.intercom.io', null)).toBe('tok_123');
    await forgetToken('ws1');
    expect(await tokenFor('ws1', 'https://api.intercom.io', null)).toBeNull();
  });

  it('refuses to store the token when the restriction fails', async () => {
    setAccessLevel.mockRejectedValueOnce(new Error('not supported'));
    const err = await saveToken('ws1', 'tok_123', 'https://api.intercom.io').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).info.code).toBe('storage_locked');
    expect(store).toEqual({});
  });
});

describe('a token is bound to the API origin it was saved for', () => {
  it('is given out for that origin only, and names the host it belongs to otherwise', async () => {
    await saveToken('ws1', 'tok_123', 'https://api.eu.intercom.io');
    expect(await savedToken('ws1')).toEqual({ host: 'api.eu.intercom.io' });
    expect(await tokenFor('ws1', 'https://api.eu.intercom.io', 'https://api.intercom.io')).toBe('tok_123');
    await expect(tokenFor('ws1', 'https://evil.example', 'https://api.eu.intercom.io')).rejects.toMatchObject({ info: { code: 'token_origin', detail: 'api.eu.intercom.io' } });
  });

  it('binds a token saved before binding existed to the API of the settings it was used with', async () => {
    store['vault.token'] = 'tok_old';
    expect(await savedToken('ws1')).toEqual({ host: null });
    expect(await tokenFor('ws1', 'https://api.intercom.io', 'https://api.intercom.io')).toBe('tok_old');
    await expect(tokenFor('ws1', 'https://evil.example', 'https://api.intercom.io')).rejects.toMatchObject({ info: { code: 'token_origin', detail: 'api.intercom.io' } });
  });
});

describe('one token per workspace', () => {
  it('keeps each workspace’s token apart, each bound to its own origin', async () => {
    await saveToken('ws1', 'tok_us', 'https://api.intercom.io');
    await saveToken('ws-eu', 'tok_eu', 'https://api.eu.intercom.io');
    expect(await tokenFor('ws1', 'https://api.intercom.io', null)).toBe('tok_us');
    expect(await tokenFor('ws-eu', 'https://api.eu.intercom.io', null)).toBe('tok_eu');
    // One workspace's token is never handed out for the other's host.
    await expect(tokenFor('ws1', 'https://api.eu.intercom.io', null)).rejects.toMatchObject({ info: { code: 'token_origin', detail: 'api.intercom.io' } });
    await expect(tokenFor('ws-eu', 'https://api.intercom.io', null)).rejects.toMatchObject({ info: { code: 'token_origin', detail: 'api.eu.intercom.io' } });
    expect(await workspacesWithToken()).toEqual({ ws1: { host: 'api.intercom.io' }, 'ws-eu': { host: 'api.eu.intercom.io' } });
    await forgetToken('ws-eu');
    expect(await tokenFor('ws-eu', 'https://api.eu.intercom.io', null)).toBeNull();
    expect(await tokenFor('ws1', 'https://api.intercom.io', null)).toBe('tok_us');
    expect(await tokenFor('ws-unknown', 'https://api.intercom.io', null)).toBeNull();
  });

  it('moves an older version’s one token to the first workspace on the next write, without retyping', async () => {
    store['vault.token'] = { token: 'tok_old', origin: 'https://api.eu.intercom.io' };
    expect(await tokenFor('ws1', 'https://api.eu.intercom.io', null)).toBe('tok_old');
    expect(await tokenFor('ws-2', 'https://api.eu.intercom.io', null)).toBeNull();
    await saveToken('ws-2', 'tok_new', 'https://api.intercom.io');
    expect(store['vault.token']).toBeUndefined();
    expect(store['vault.tokens']).toEqual({
      ws1: { token: 'tok_old', origin: 'https://api.eu.intercom.io' },
      'ws-2': { token: 'tok_new', origin: 'https://api.intercom.io' },
    });
    expect(await tokenFor('ws1', 'https://api.eu.intercom.io', null)).toBe('tok_old');
    // Forgetting the first workspace's token removes the old copy too: it does not come back.
    await forgetToken('ws1');
    expect(await tokenFor('ws1', 'https://api.eu.intercom.io', null)).toBeNull();
  });
});

describe('custom API URL', () => {
  it.each([
    ['https://intercom-proxy.example.com/', 'https://intercom-proxy.example.com'],
    ['https://proxy.example.com/intercom', 'https://proxy.example.com/intercom'],
  ])('accepts %s', (raw, normalised) => {
    expect(validateApiUrl(raw, false)).toBe(normalised);
  });

  it('accepts http on loopback only in the sandbox build', () => {
    expect(validateApiUrl('http://127.0.0.1:8787', true)).toBe('http://127.0.0.1:8787');
    expect(() => validateApiUrl('http://127.0.0.1:8787', false)).toThrow(AppError);
    expect(() => validateApiUrl('http://intercom.example.com', true)).toThrow(AppError);
  });

  it.each(['not a url', 'ftp://x.example', 'https://user:pw@x.example', 'https://x.example/?token=1', 'javascript:alert(1)', ''])(
    'refuses %j with invalid_url',
    (raw) => {
      try {
        validateApiUrl(raw, true);
        expect.unreachable();
      } catch (e) {
        expect((e as AppError).info.code).toBe('invalid_url');
      }
    },
  );
});

describe('test connection', () => {
  const me = (region: string | null) => ({ id: '1', name: 'Priya', email: 'p@acme.example', away_mode_enabled: false, app: { id_code: 'abc', name: 'Acme', region } });

  it('names the workspace and the admin', () => {
    expect(connectionInfo('us', me('US'))).toEqual({
      workspace: 'Acme',
      appId: 'abc',
      region: 'US',
      admin: { name: 'Priya', email: 'p@acme.example' },
    });
  });

  it('says which region the workspace is really in', () => {
    try {
      connectionInfo('us', me('eu'));
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).info).toEqual({ code: 'wrong_region', region: 'EU' });
    }
  });

  it('does not second-guess a custom URL or an answer without a region', () => {
    expect(connectionInfo('custom', me('AU')).region).toBe('AU');
    expect(connectionInfo('eu', me(null)).region).toBeNull();
  });
});
