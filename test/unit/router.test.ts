// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/core/errors';
import { createRouter, type Handlers } from '../../src/background/router';
import { classifySender } from '../../src/background/sender';
import { ROUTES, mayCall, type RouteName } from '../../src/protocol/messages';

const self = { id: 'abcdefghijklmnopabcdefghijklmnop', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
const extensionPage: chrome.runtime.MessageSender = { id: self.id, origin: self.origin, url: `${self.origin}/src/sidepanel/index.html` };
const contentScript: chrome.runtime.MessageSender = {
  id: self.id,
  origin: 'https://crm.example',
  tab: { id: 5 } as chrome.tabs.Tab,
  frameId: 0,
  url: 'https://crm.example/deal/1',
};

function setup() {
  const handlers = {
    'emails/found': vi.fn(async (input: { emails: string[] }) => ({ accepted: input.emails.length })),
    'contacts/lookup': vi.fn(async () => ({ contacts: {} })),
    'settings/get': vi.fn(async () => ({ region: 'us', apiUrl: null, hasToken: false, autoScanOrigins: [] })),
    'contacts/create-lead': vi.fn(async () => {
      throw new AppError('unauthorized', { status: 401, requestId: 'req_1' });
    }),
    'settings/test': vi.fn(async () => {
      throw new Error('boom with secret details');
    }),
  } as unknown as Handlers;
  const log = vi.fn();
  return { handlers, log, route: createRouter(handlers, self, log) };
}

describe('classifySender', () => {
  it('trusts the extension origin, not the url', () => {
    expect(classifySender(extensionPage, self)).toEqual({ kind: 'extension' });
    // A page whose URL pretends to be ours is still a content script.
    expect(classifySender({ ...contentScript, url: `${self.origin}/src/options/index.html` }, self).kind).toBe('content');
  });
  it('rejects other extensions and senders without a tab', () => {
    expect(classifySender({ ...extensionPage, id: 'someone-else' }, self).kind).toBe('unknown');
    expect(classifySender({ id: self.id, origin: 'https://evil.example' }, self).kind).toBe('unknown');
  });
  it('describes a content script by tab, frame and origin', () => {
    expect(classifySender(contentScript, self)).toEqual({ kind: 'content', tabId: 5, frameId: 0, origin: 'https://crm.example' });
  });
});

/** The in-page card: our page in a frame of a web page's tab. */
const cardFrame: chrome.runtime.MessageSender = {
  id: self.id,
  origin: self.origin,
  tab: { id: 5 } as chrome.tabs.Tab,
  frameId: 3,
  url: `${self.origin}/src/card/index.html#ana@example.com`,
};

describe('the in-page card is a caller of its own', () => {
  it('is told apart from the extension’s own pages by its frame, or by being the card page', () => {
    expect(classifySender(cardFrame, self)).toEqual({ kind: 'card' });
    expect(classifySender({ ...cardFrame, frameId: 0 }, self)).toEqual({ kind: 'card' });
    expect(classifySender({ ...cardFrame, url: `${self.origin}/src/options/index.html` }, self)).toEqual({ kind: 'card' });
    // The pop-out panel is a top-level tab of ours: still the extension.
    expect(classifySender({ ...extensionPage, tab: { id: 9 } as chrome.tabs.Tab, frameId: 0 }, self)).toEqual({ kind: 'extension' });
  });

  const refused = (Object.keys(ROUTES) as RouteName[]).filter((r) => !mayCall(r, 'card'));
  it.each(refused)('may not call %s', async (type) => {
    const handler = vi.fn(async () => ({}));
    const handlers = new Proxy({}, { get: () => handler }) as unknown as Handlers;
    const log = vi.fn();
    const route = createRouter(handlers, self, log);
    // Inputs that would pass validation, so only the caller check can stop them.
    const inputs: Partial<Record<RouteName, unknown>> = {
      'settings/save': { region: 'custom', apiUrl: 'https://evil.example', token: 'x' },
      'settings/test': { region: 'us' },
      'tab/scan': { tabId: 1 },
      'tab/state': { tabId: 1 },
      'settings/highlight': { enabled: false },
      'site/auto-scan': { origin: 'https://evil.example', enabled: true },
      'site/auto-scan-all': { enabled: true },
      'contacts/search-name': { query: 'ana' },
      'outbox/retry': { id: 'abcdefgh-1234' },
      'outbox/dismiss': { id: 'abcdefgh-1234' },
      'outbox/cancel': { batchId: 'abcdefgh-1234' },
      'settings/acting-admin': { adminId: null },
      'emails/found': { emails: ['a@b.co'], total: 1 },
    };
    const answer = await route({ type, input: inputs[type] ?? {} }, cardFrame);
    expect(answer).toEqual({ ok: false, error: { code: 'invalid_message' } });
    expect(handler).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('privileged'));
  });

  it('may call what the card needs, and nothing that changes settings, tabs or sites', () => {
    const allowed = (Object.keys(ROUTES) as RouteName[]).filter((r) => mayCall(r, 'card'));
    expect(allowed.sort()).toEqual([
      'companies/find', 'company/contacts', 'company/get', 'contact/activity', 'contact/attributes', 'contact/conversations', 'contact/events',
      'contact/notes', 'contact/segments', 'contact/tickets', 'contacts/create-lead', 'contacts/lookup', 'conversation/get', 'outbox/submit',
      'ticket/get', 'ui/language', 'workspace/info',
    ]);
  });
});

describe('router', () => {
  it('lets a content script report the emails it found', async () => {
    const { route, handlers } = setup();
    const answer = await route({ type: 'emails/found', input: { emails: ['Ana@Example.com'], total: 1 } }, contentScript);
    expect(answer).toEqual({ ok: true, data: { accepted: 1 } });
    // Input is normalised by the schema before the handler sees it.
    expect(handlers['emails/found']).toHaveBeenCalledWith({ emails: ['ana@example.com'], total: 1, names: {} }, expect.objectContaining({ kind: 'content' }));
  });

  it('takes display names as capped plain text and Unicode addresses in the scanner\'s form', async () => {
    const { route, handlers } = setup();
    const input = { emails: ['JOSE\u0301@Café.fr', 'bo@x.io'], total: 5000, names: { 'JOSE\u0301@CAFÉ.fr': '  José Lima ', 'bo@x.io': '<b>Bo</b>' } };
    expect(await route({ type: 'emails/found', input }, contentScript)).toEqual({ ok: true, data: { accepted: 2 } });
    expect(handlers['emails/found']).toHaveBeenCalledWith(
      // Markup in a name stays text: the panel never renders it as HTML.
      { emails: ['josé@café.fr', 'bo@x.io'], total: 5000, names: { 'josé@café.fr': 'José Lima', 'bo@x.io': '<b>Bo</b>' } },
      expect.objectContaining({ kind: 'content' }),
    );
    const names = (n: Record<string, string>) => ({ type: 'emails/found', input: { emails: ['bo@x.io'], total: 1, names: n } });
    for (const bad of [{ 'bo@x.io': 'x'.repeat(129) }, { 'bo@x.io': 'a\u0000b' }, { 'not-an-email': 'Bo' }, { 'bo@x.io': '' },
      Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`p${i}@x.io`, 'P']))]) {
      expect(await route(names(bad), contentScript)).toEqual({ ok: false, error: { code: 'invalid_message' } });
    }
  });

  it('counts a flood of addresses before checking any of them, and refuses it', async () => {
    const { route, handlers, log } = setup();
    // Not even addresses: had any item been checked, the first problem named would be that item's.
    const flood = Array.from({ length: 100_000 }, (_, i) => `not an address ${i}`);
    const names = Object.fromEntries(flood.slice(0, 5000).map((e) => [e, 'Name']));
    expect(await route({ type: 'emails/found', input: { emails: flood, total: 1 } }, contentScript)).toEqual({ ok: false, error: { code: 'invalid_message' } });
    // The first problem named is the length (a check on the whole list, no item's index in its path): no item was looked at.
    expect(log).toHaveBeenLastCalledWith('emails/found: invalid emails (check)');
    expect(await route({ type: 'emails/found', input: { emails: ['a@b.co'], total: 1, names } }, contentScript)).toEqual({ ok: false, error: { code: 'invalid_message' } });
    expect(log).toHaveBeenLastCalledWith('emails/found: invalid names (check)');
    expect(handlers['emails/found']).not.toHaveBeenCalled();
  });

  it('refuses every privileged route to a content script, with a logged reason and no effect', async () => {
    const { route, handlers, log } = setup();
    const answer = await route({ type: 'contacts/lookup', input: { emails: ['a@b.co'] } }, contentScript);
    expect(answer).toEqual({ ok: false, error: { code: 'invalid_message' } });
    expect(handlers['contacts/lookup']).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('privileged'));
  });

  it('rejects unknown routes, malformed envelopes and invalid input', async () => {
    const { route, log, handlers } = setup();
    for (const message of [
      { type: 'contacts/delete-everything', input: {} },
      'emails/found',
      null,
      { type: 'emails/found' , input: { emails: 'a@b.co', total: 1 } },
      { type: 'emails/found', input: { emails: Array.from({ length: 1001 }, (_, i) => `p${i}@x.io`), total: 1001 } },
      { type: 'emails/found', input: { emails: ['<script>@x'], total: 1 } },
      { type: '__proto__', input: {} },
    ]) {
      expect(await route(message, contentScript)).toEqual({ ok: false, error: { code: 'invalid_message' } });
    }
    expect(log).toHaveBeenCalledTimes(7);
    expect(handlers['emails/found']).not.toHaveBeenCalled();
  });

  it('never logs a rejected value (it may be a token)', async () => {
    const { route, log } = setup();
    await route({ type: 'settings/save', input: { region: 'us', token: 'secret token with spaces' } }, extensionPage);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toContain('settings/save: invalid token');
    expect(log.mock.calls[0]![0]).not.toContain('secret');
  });

  it('rejects messages from other extensions even for content routes', async () => {
    const { route, handlers } = setup();
    await route({ type: 'emails/found', input: { emails: [], total: 0 } }, { ...contentScript, id: 'other' });
    expect(handlers['emails/found']).not.toHaveBeenCalled();
  });

  it('answers extension pages, and turns failures into error codes without leaking internals', async () => {
    const { route } = setup();
    expect(await route({ type: 'settings/get', input: {} }, extensionPage)).toMatchObject({ ok: true, data: { region: 'us' } });
    expect(await route({ type: 'contacts/create-lead', input: { email: 'a@b.co' } }, extensionPage)).toEqual({
      ok: false,
      error: { code: 'unauthorized', status: 401, requestId: 'req_1' },
    });
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await route({ type: 'settings/test', input: { region: 'us' } }, extensionPage)).toEqual({ ok: false, error: { code: 'internal' } });
    err.mockRestore();
  });
});
