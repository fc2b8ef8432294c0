// @vitest-environment node
/** The worker's reads for the panel's quick actions, against the sandbox. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Lookup } from '../../src/core/intercom/lookup';
import { contactActivity, conversationDetail, findCompanyRefs, plainText } from '../../src/core/reads';
import { actingAdminId, setActingAdmin, workspaceView as workspaceInfo } from '../../src/background/acting-admin';
import { runAction } from '../../src/core/actions';
import { readChecks } from '../../src/core/capabilities';
import type { Session } from '../../src/core/session';
import { calls, useSandbox } from './intercom-sandbox';

const env = useSandbox();
let store: Record<string, unknown>;

beforeEach(() => {
  store = {};
  (globalThis as unknown as { chrome: unknown }).chrome = {
    storage: {
      local: {
        get: vi.fn(async (key: string) => (key in store ? { [key]: structuredClone(store[key]) } : {})),
        set: vi.fn(async (items: Record<string, unknown>) => void Object.assign(store, structuredClone(items))),
      },
    },
  };
});

function session(): Session {
  const http = env.client();
  return { http, lookup: new Lookup(http) };
}

describe('workspace/info', () => {
  it('names the admins, teams, tags and ticket types, with the token’s admin acting by default, and caches it', async () => {
    const s = session();
    const w = await workspaceInfo(s, false);
    expect(w.me.id).toBe(env.sandbox.state.meAdminId);
    expect(w.actingAdminId).toBe(env.sandbox.state.meAdminId);
    expect(w.appId).toBe(env.sandbox.state.app.id_code);
    expect(w.admins.map((a) => a.id)).toEqual(env.sandbox.state.admins.map((a) => a.id));
    expect(w.teams.length).toBeGreaterThan(0);
    expect(w.tags.length).toBe(env.sandbox.state.tags.length);
    const bug = w.ticketTypes.find((t) => t.name === 'Bug report')!;
    expect(bug.attributes.map((a) => a.name)).not.toContain('_default_title_');
    const severity = bug.attributes.find((a) => a.name === 'Severity')!;
    expect(severity).toMatchObject({ dataType: 'list', required: true });
    expect(severity.options.map((o) => o.id)).toContain('sev-low');
    const before = env.sandbox.requests.length;
    await workspaceInfo(s, false);
    expect(calls(env.sandbox, 'GET', '/admins').length).toBe(1);
    expect(env.sandbox.requests.length - before).toBeLessThanOrEqual(2); // tags and ticket types may refresh; admins do not
  });

  it('acts as the admin chosen in Settings, and refuses an admin that does not exist', async () => {
    const s = session();
    const other = env.sandbox.state.admins.find((a) => a.id !== env.sandbox.state.meAdminId)!;
    expect((await setActingAdmin(s, other.id)).actingAdminId).toBe(other.id);
    expect((await workspaceInfo(s, false)).actingAdminId).toBe(other.id);
    await expect(setActingAdmin(s, '999999')).rejects.toMatchObject({ info: { code: 'not_found' } });
    expect((await setActingAdmin(s, null)).actingAdminId).toBeNull();
  });
});

describe('a contact’s activity and conversations', () => {
  it('lists the open conversations newest first, with assignee names and the last part as text, and the tickets', async () => {
    const s = session();
    const conv = env.sandbox.state.conversations.find((c) => c.state === 'open')!;
    const contactId = conv.contact_ids[0]!;
    const a = await contactActivity(s, contactId);
    expect(a.conversations.map((c) => c.id)).toContain(conv.id);
    expect(a.conversations.every((c) => c.state !== 'closed')).toBe(true);
    const times = a.conversations.map((c) => c.updatedAt ?? 0);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    for (const c of a.conversations) {
      expect(c.lastPart).not.toMatch(/<[a-z]/i);
      expect(c.url).toBe(`https://app.intercom.com/a/apps/${env.sandbox.state.app.id_code}/inbox/inbox/all/conversations/${c.id}`);
      if (c.assignee) expect(c.assignee.name).not.toBe(c.assignee.id);
    }
    const seededTickets = env.sandbox.state.tickets.filter((t) => t.contact_ids.includes(contactId)).map((t) => t.id);
    expect(a.tickets.map((t) => t.id).sort()).toEqual(seededTickets.sort());
  });

  it('gives a conversation’s parts with their HTML, for the widget to sanitise', async () => {
    const conv = env.sandbox.state.conversations.find((c) => c.parts.length > 0)!;
    const d = await conversationDetail(session(), conv.id);
    expect(d.parts.length).toBe(conv.parts.length);
    expect(calls(env.sandbox, 'GET', `/conversations/${conv.id}`)[0]!.query).not.toHaveProperty('display_as');
  });

  it('finds companies by name', async () => {
    const co = env.sandbox.state.companies[0]!;
    expect((await findCompanyRefs(session(), co.name)).companies).toEqual([{ id: co.id, name: co.name, companyId: co.company_id }]);
    expect((await findCompanyRefs(session(), 'Nobody Inc')).companies).toEqual([]);
  });

  it('turns HTML into one line of text', () => {
    expect(plainText('<p>Hi &amp; <b>welcome</b></p><p>back</p>')).toBe('Hi & welcome back');
    expect(plainText(null)).toBe('');
  });
});

describe('a token without some permissions (issue 11): each part depends only on what it needs', () => {
  const withTickets = () => {
    const ticket = env.sandbox.state.tickets[0]!;
    return ticket.contact_ids[0]!;
  };

  it('without read_admins (admins and teams): the workspace, a note and a contact’s conversations still work', async () => {
    env.sandbox.faults.set({ lacksScopes: ['read_admins'] });
    const s = session();
    const w = await workspaceInfo(s, false);
    expect(w.admins).toEqual([]);
    expect(w.teams).toEqual([]);
    expect(w.unavailable).toEqual(['admins', 'teams']);
    expect(w.tags.length).toBeGreaterThan(0);
    const contact = env.sandbox.state.contacts[0]!;
    await runAction(s, await actingAdminId(s), { kind: 'contact.note', contactId: contact.id, body: 'Still works' });
    expect(calls(env.sandbox, 'POST', `/contacts/${contact.id}/notes`)).toHaveLength(1);
    const conv = env.sandbox.state.conversations.find((c) => c.state === 'open')!;
    const a = await contactActivity(s, conv.contact_ids[0]!);
    expect(a.conversations.map((c) => c.id)).toContain(conv.id);
    expect(a.unavailable).toBeUndefined();
  });

  it('without read_conversations or read_tickets: the other section is still shown, and the missing one is named', async () => {
    const contactId = withTickets();
    env.sandbox.faults.set({ lacksScopes: ['read_conversations'] });
    const a = await contactActivity(session(), contactId);
    expect(a).toMatchObject({ conversations: [], unavailable: ['conversations'] });
    expect(a.tickets.length).toBeGreaterThan(0);
    env.sandbox.faults.set({ lacksScopes: ['read_tickets'] });
    const b = await contactActivity(session(), contactId);
    expect(b).toMatchObject({ tickets: [], unavailable: ['tickets'] });
    const w = await workspaceInfo(session(), true);
    expect(w.ticketTypes).toEqual([]);
    expect(w.unavailable).toEqual(['ticketTypes']);
  });

  it('without read_tags: contacts are still looked up, their tags unnamed', async () => {
    const tagged = env.sandbox.state.contacts.find((c) => c.tags.length && c.email)!;
    env.sandbox.faults.set({ lacksScopes: ['read_tags'] });
    const found = await session().lookup.lookup([tagged.email!]);
    const view = Object.values(found)[0]!;
    expect(view.id).toBe(tagged.id);
    expect(view.tags.map((t) => t.id).sort()).toEqual(tagged.tags.map((t) => t.id).sort());
    expect(view.tags.every((t) => t.name === '')).toBe(true);
  });

  it('a refused token is still an error, not an empty card', async () => {
    env.sandbox.faults.set({ revokeToken: true });
    await expect(contactActivity(session(), env.sandbox.state.contacts[0]!.id)).rejects.toMatchObject({ info: { code: 'unauthorized' } });
  });
});

describe('what a token can read (Settings → Test connection)', () => {
  it('is checked with one small read of each part: refused parts are named, the rest are readable', async () => {
    env.sandbox.faults.set({ lacksScopes: ['read_tickets', 'read_admins'] });
    const checks = await readChecks(env.client());
    expect(Object.fromEntries(checks.map((c) => [c.part, c.ok]))).toEqual({
      contacts: true,
      companies: true,
      conversations: true,
      tickets: false,
      ticketTypes: false,
      tags: true,
      admins: false,
      teams: false,
      segments: true,
      events: true,
    });
    // Nothing was written while checking.
    expect(env.sandbox.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/search') && r.path !== '/companies/list')).toEqual([]);
  });

  it('checks segments (GET /segments) and data events (GET /events for a contact no workspace has)', async () => {
    const ok = (checks: Awaited<ReturnType<typeof readChecks>>) => Object.fromEntries(checks.map((c) => [c.part, c.ok]));
    // A token that may read both: the events check's "User Not Found" (404) is a read that was allowed.
    expect(ok(await readChecks(env.client()))).toMatchObject({ segments: true, events: true });
    const events = calls(env.sandbox, 'GET', '/events');
    expect(events).toHaveLength(1);
    expect(events[0]!.query).toMatchObject({ type: 'user', intercom_user_id: '000000000000000000000000' });
    expect(calls(env.sandbox, 'GET', '/segments')).toHaveLength(1);

    // Without the permission (403): not readable, the rest unchanged.
    env.sandbox.faults.set({ lacksScopes: ['read_events'], forbidPaths: [{ path: '/segments', method: 'GET', code: 'forbidden', message: 'Forbidden' }] });
    const refused = ok(await readChecks(env.client()));
    expect(refused).toMatchObject({ segments: false, events: false, contacts: true, tags: true });

    // Intercom may answer a token without the scope 401 (after /me answered it): that part, not the token, is refused.
    env.sandbox.faults.set({ lacksScopes: null, forbidPaths: null, failNext: { count: 1, status: 401, path: '/segments' } });
    expect(ok(await readChecks(env.client()))).toMatchObject({ segments: false, events: true, contacts: true });

    // Any other failure still fails the check.
    env.sandbox.faults.set({ failNext: { count: 1, status: 400, path: '/events' } });
    await expect(readChecks(env.client())).rejects.toThrow();
  });
});
