// @vitest-environment node
/** The endpoint's configuration from the environment, and the JWT helper a team's backend imports. */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/server/auth';
import { configFromEnv, ConfigError, portFromEnv } from '../../src/server/config';
import { mintSidekickToken } from '../../src/server/mint';

// A made-up token (not in any real format): what matters is that it never appears in a message.
const TOKEN = 'test-only-intercom-token-0123456789';
const SECRET = 'a-secret-of-at-least-thirty-two-bytes-long';
const env = (extra: Record<string, string | undefined> = {}) => ({ INTERCOM_TOKEN: TOKEN, SIDEKICK_SECRET: SECRET, ...extra });

describe('configFromEnv', () => {
  it('reads the region, the origins and the defaults', () => {
    expect(configFromEnv(env())).toEqual({ intercomToken: TOKEN, apiBaseUrl: 'https://api.intercom.io', secret: SECRET, allowedOrigins: [] });
    expect(configFromEnv(env({ INTERCOM_REGION: 'eu' })).apiBaseUrl).toBe('https://api.eu.intercom.io');
    expect(configFromEnv(env({ INTERCOM_REGION: 'AU' })).apiBaseUrl).toBe('https://api.au.intercom.io');
    const origins = configFromEnv(env({ SIDEKICK_ALLOWED_ORIGINS: ' https://tools.acme.test, http://localhost:5173/ ' })).allowedOrigins;
    expect(origins).toEqual(['https://tools.acme.test', 'http://localhost:5173']);
  });

  it('takes an https API URL, and http only on loopback (the sandbox)', () => {
    expect(configFromEnv(env({ INTERCOM_API_URL: 'https://intercom.proxy.acme.test/' })).apiBaseUrl).toBe('https://intercom.proxy.acme.test');
    expect(configFromEnv(env({ INTERCOM_API_URL: 'http://127.0.0.1:8787' })).apiBaseUrl).toBe('http://127.0.0.1:8787');
    expect(() => configFromEnv(env({ INTERCOM_API_URL: 'http://intercom.example.com' }))).toThrow(/INTERCOM_API_URL must be an https URL/);
  });

  it('says every problem in sentences naming the variable, never printing the token or the secret', () => {
    const bad = () => configFromEnv({ INTERCOM_TOKEN: 'tok en-value', SIDEKICK_SECRET: 'short-secret', INTERCOM_REGION: 'mars', SIDEKICK_ALLOWED_ORIGINS: 'https://a.test/path' });
    expect(bad).toThrow(ConfigError);
    let message = '';
    try {
      bad();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/INTERCOM_TOKEN has spaces/);
    expect(message).toMatch(/SIDEKICK_SECRET is too short: use at least 32 bytes/);
    expect(message).toMatch(/INTERCOM_REGION must be one of us, eu, au/);
    expect(message).toMatch(/SIDEKICK_ALLOWED_ORIGINS has an entry that is not an origin/);
    expect(message).not.toContain('short-secret');
    expect(message).not.toContain('tok en-value');
    expect(() => configFromEnv({})).toThrow(/INTERCOM_TOKEN is missing[\s\S]*SIDEKICK_SECRET is missing/);
  });

  it('PORT defaults to 8788 and must be a port', () => {
    expect(portFromEnv({})).toBe(8788);
    expect(portFromEnv({ PORT: '9000' })).toBe(9000);
    expect(() => portFromEnv({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
  });
});

describe('mintSidekickToken', () => {
  it('signs HS256 with sub, scope and an exp at most an hour ahead, which the endpoint accepts', async () => {
    const now = 1_800_000_000;
    const jwt = await mintSidekickToken(SECRET, { sub: 'ana@acme.test', scope: 'read write', now });
    expect(decodeProtectedHeader(jwt).alg).toBe('HS256');
    expect(decodeJwt(jwt)).toMatchObject({ sub: 'ana@acme.test', scope: 'read write', iat: now, exp: now + 900 });
    const outcome = await authenticate(`Bearer ${jwt}`, new TextEncoder().encode(SECRET), now + 10);
    expect(outcome).toEqual({ ok: true, caller: { sub: 'ana@acme.test', canWrite: true } });
    expect(await authenticate(`Bearer ${jwt}`, new TextEncoder().encode(SECRET), now + 901 + 60)).toEqual({ ok: false, code: 'auth_expired' });
  });

  it('refuses a lifetime over an hour, an empty sub and an unknown scope', async () => {
    await expect(mintSidekickToken(SECRET, { sub: 'ana@acme.test', ttlSeconds: 3601 })).rejects.toThrow(/ttlSeconds/);
    await expect(mintSidekickToken(SECRET, { sub: ' ' })).rejects.toThrow(/sub/);
    await expect(mintSidekickToken(SECRET, { sub: 'ana@acme.test', scope: 'admin' as never })).rejects.toThrow(/scope/);
  });
});
