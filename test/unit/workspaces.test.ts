// @vitest-environment node
/**
 * Several workspaces (issue 14), through the worker's own handlers with a stand-in for chrome.storage and a
 * stand-in Intercom per API host: an older install becomes one workspace without retyping anything; each
 * workspace's token goes only to its own host; lookups, caches and page budgets never mix; an action queued
 * in one workspace is sent (and retried) there after another is chosen; removing a workspace deletes its token.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/content/entry.ts?script&iife', () => ({ default: 'src/content/entry.js' }));
vi.mock('../../src/content/in-page-entry.ts?script&iife', () => ({ default: 'src/content/in-page-entry.js' }));
const { createHandlers, createOutbox } = await import('../../src/background/handlers');
const { TabScans } = await import('../../src/background/scan');
const { resetSession } = await import('../../src/background/session');
const { PageBudget } = await import('../../src/background/page-budget');

const US = 'https://api.intercom.io';
const EU = 'https://api.eu.intercom.io';
const NAMES: Record<string, string> = { [US]: 'Acme US', [EU]: 'Acme Europe' };

let local: Record<string, unknown>;
let calls: Array<{ origin: string; path: string; auth: string | null }>;
let events: unknown[];
/** Paths the stand-in Intercom refuses once with a 400. */
let refuseOnce: Set<string>;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  local = {};
  calls = [];
  events = [];
  refuseOnce = new Set();
  resetSession();
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: { id: 'ext', sendMessage: vi.fn(async (m: unknown) => void events.push(m)) },
    storage: {
      local: {
        setAccessLevel: vi.fn(async () => undefined),
        get: vi.fn(async (k: string) => (k in local ? { [k]: structuredClone(local[k]) } : {})),
        set: vi.fn(async (items: Record<string, unknown>) => void Object.assign(local, structuredClone(items))),
        remove: vi.fn(async (k: string) => void delete local[k]),
      },
      session: { get: vi.fn(async () => ({ 'outbox.session': true })), set: vi.fn(async () => undefined) },
    },
    permissions: { contains: vi.fn(async () => true) },
  };
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    calls.push({ origin: url.origin, path: url.pathname, auth: headers.get('authorization') });
    if (refuseOnce.delete(url.pathname)) return json({ type: 'error.list', errors: [{ code: 'parameter_invalid', message: 'Refused once.' }] }, 400);
    if (url.pathname === '/me') {
      return json({ type: 'admin', id: '10', name: 'Ana', email: 'ana@acme.example', app: { id_code: 'app', name: NAMES[url.origin], region: 'US' } });
    }
    if (url.pathname === '/contacts/search') return json({ type: 'list', data: [], total_count: 0, pages: { type: 'pages', page: 1, per_page: 150, total_pages: 0 } });
    return json({ type: 'error.list', errors: [{ code: 'not_found', message: 'Not here.' }] }, 404);
  }));
});

const ext = { kind: 'extension' } as const;

describe('an older install', () => {
  it('becomes one workspace with its region, token and acting admin, named after the Intercom workspace', async () => {
    local.settings = { region: 'eu', apiUrl: null, actingAdminId: '42', autoScanOrigins: ['https://crm.example'], highlightEmails: true };
    local['vault.token'] = { token: 'tok_old', origin: EU };
    const h = createHandlers(new TabScans(), createOutbox());
    const before = await h['settings/get']({}, ext);
    expect(before).toMatchObject({
      workspaces: [{ id: 'ws1', name: null, host: 'api.eu.intercom.io', hasToken: true }],
      activeWorkspace: 'ws1',
      region: 'eu',
      hasToken: true,
      tokenHost: 'api.eu.intercom.io',
      actingAdminId: '42',
      autoScanOrigins: ['https://crm.example'],
      highlightEmails: true,
    });
    // The first answer from Intercom names it; the token was never typed again.
    await h['workspace/info']({ refresh: false }, ext);
    expect(calls.every((c) => c.origin === EU && c.auth === 'Bearer tok_old')).toBe(true);
    expect((await h['settings/get']({}, ext)).workspaces).toEqual([{ id: 'ws1', name: 'Acme Europe', host: 'api.eu.intercom.io', hasToken: true }]);
  });

  it('keeps a name the user gave over Intercom’s', async () => {
    local.settings = { region: 'us' };
    local['vault.token'] = { token: 'tok_old', origin: US };
    const h = createHandlers(new TabScans(), createOutbox());
    await h['workspaces/rename']({ id: 'ws1', name: '  Support   US ' }, ext);
    await h['workspace/info']({ refresh: false }, ext);
    expect((await h['settings/get']({}, ext)).workspaces?.[0]?.name).toBe('Support US');
  });
});

/** Two workspaces: US (token tok_us, in use first) and EU (tok_eu). */
async function twoWorkspaces() {
  const h = createHandlers(new TabScans(), createOutbox(), new PageBudget(150));
  await h['settings/save']({ region: 'us', apiUrl: null, token: 'tok_us' }, ext);
  const added = await h['workspaces/add']({ name: 'Europe' }, ext);
  const eu = added.activeWorkspace!;
  await h['settings/save']({ region: 'eu', apiUrl: null, token: 'tok_eu' }, ext);
  return { h, us: 'ws1', eu };
}

describe('several workspaces', () => {
  it('keeps each its own region and token, each token bound to its own host', async () => {
    const { h, us, eu } = await twoWorkspaces();
    const view = await h['settings/get']({}, ext);
    expect(view.workspaces).toEqual([
      { id: us, name: null, host: 'api.intercom.io', hasToken: true },
      { id: eu, name: 'Europe', host: 'api.eu.intercom.io', hasToken: true },
    ]);
    expect(view).toMatchObject({ activeWorkspace: eu, region: 'eu', tokenHost: 'api.eu.intercom.io' });
    expect(events).toContainEqual({ event: 'event/workspace', workspaceId: eu });
    const switched = await h['workspaces/switch']({ id: us }, ext);
    expect(switched).toMatchObject({ activeWorkspace: us, region: 'us', tokenHost: 'api.intercom.io' });
    // Saving the EU workspace's host into the US one without its token is refused: the token stays home.
    await expect(h['settings/save']({ region: 'eu', apiUrl: null }, ext)).rejects.toMatchObject({ info: { code: 'token_origin', detail: 'api.intercom.io' } });
  });

  it('sends each workspace’s lookups to its own host with its own token, and never answers one from the other’s cache', async () => {
    const { h, us, eu } = await twoWorkspaces();
    await h['contacts/lookup']({ emails: ['bea@example.com'], priority: 'user' }, ext);
    await h['contacts/lookup']({ emails: ['bea@example.com'], priority: 'user' }, ext);
    await h['workspaces/switch']({ id: us }, ext);
    await h['contacts/lookup']({ emails: ['bea@example.com'], priority: 'user' }, ext);
    await h['workspaces/switch']({ id: eu }, ext);
    await h['contacts/lookup']({ emails: ['bea@example.com'], priority: 'user' }, ext);
    const searches = calls.filter((c) => c.path === '/contacts/search');
    // EU once (then its own cache), US once (not EU's cache), EU again from its cache.
    expect(searches).toEqual([
      { origin: EU, path: '/contacts/search', auth: 'Bearer tok_eu' },
      { origin: US, path: '/contacts/search', auth: 'Bearer tok_us' },
    ]);
    for (const c of calls) expect(c.auth).toBe(c.origin === EU ? 'Bearer tok_eu' : 'Bearer tok_us');
  });

  it('charges a page’s background lookups to each workspace’s own budget', async () => {
    const { h, us } = await twoWorkspaces();
    const emails = Array.from({ length: 150 }, (_, i) => `p${i}@example.com`);
    const more = ['one-more@example.com'];
    await h['contacts/lookup']({ emails, priority: 'background', page: 'https://crm.example' }, ext);
    await expect(h['contacts/lookup']({ emails: more, priority: 'background', page: 'https://crm.example' }, ext)).rejects.toMatchObject({ info: { code: 'rate_limited' } });
    await h['workspaces/switch']({ id: us }, ext);
    await expect(h['contacts/lookup']({ emails: more, priority: 'background', page: 'https://crm.example' }, ext)).resolves.toBeTruthy();
  });

  it('sends an action queued in one workspace there, and retries it there after another is chosen', async () => {
    const { h, us, eu } = await twoWorkspaces();
    refuseOnce.add('/contacts/c1/notes');
    const failed = await h['outbox/submit']({ id: 'a0000000-0000-4000-8000-000000000001', action: { kind: 'contact.note', contactId: 'c1', body: 'Hello' } }, ext);
    expect(failed).toMatchObject({ state: 'failed', workspaceId: eu });
    await h['workspaces/switch']({ id: us }, ext);
    calls = [];
    await h['outbox/retry']({ id: failed.id }, ext);
    const notes = calls.filter((c) => c.path === '/contacts/c1/notes');
    expect(notes).toEqual([{ origin: EU, path: '/contacts/c1/notes', auth: 'Bearer tok_eu' }]);
    expect(calls.some((c) => c.origin === US)).toBe(false);
    const stored = (local.outbox as Array<{ id: string; workspaceId?: string }>).find((e) => e.id === failed.id);
    expect(stored?.workspaceId).toBe(eu);
  });

  it('renames, and removes a workspace with its token (never the last one)', async () => {
    const { h, us, eu } = await twoWorkspaces();
    await expect(h['workspaces/rename']({ id: us, name: '   ' }, ext)).rejects.toMatchObject({ info: { code: 'bad_request' } });
    expect((await h['workspaces/rename']({ id: us, name: 'United States' }, ext)).workspaces?.[0]?.name).toBe('United States');
    const after = await h['workspaces/remove']({ id: eu }, ext);
    expect(after).toMatchObject({ activeWorkspace: us, region: 'us', workspaces: [{ id: us, name: 'United States' }] });
    expect(Object.keys(local['vault.tokens'] as object)).toEqual([us]);
    expect(JSON.stringify(local)).not.toContain('tok_eu');
    await expect(h['workspaces/remove']({ id: us }, ext)).rejects.toMatchObject({ info: { code: 'bad_request' } });
    await expect(h['workspaces/switch']({ id: eu }, ext)).rejects.toMatchObject({ info: { code: 'not_found' } });
  });

  it('fails an action whose workspace was removed instead of sending it to another', async () => {
    const { h, us, eu } = await twoWorkspaces();
    refuseOnce.add('/contacts/c2/notes');
    const failed = await h['outbox/submit']({ id: 'a0000000-0000-4000-8000-000000000002', action: { kind: 'contact.note', contactId: 'c2', body: 'Hi' } }, ext);
    await h['workspaces/remove']({ id: eu }, ext);
    calls = [];
    const again = await h['outbox/retry']({ id: failed.id }, ext);
    expect(again).toMatchObject({ state: 'failed', error: { code: 'workspace_removed' } });
    expect(calls).toEqual([]);
    expect((await h['settings/get']({}, ext)).activeWorkspace).toBe(us);
  });
});
