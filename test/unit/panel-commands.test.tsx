// @vitest-environment jsdom
/** The panel's side of the keyboard commands: the worker hands it `scan` and `first-card` requests. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { menuRequestKey } from '../../src/protocol/menu';
import { MENU_REQUEST_EVENT } from '../../src/protocol/events';
import type { ContactView, SettingsView } from '../../src/protocol/schemas';
import { Panel } from '../../src/widget/Panel';
import { installFakeChrome, type FakeChrome } from './fake-chrome';
import { contactView } from './fixtures';

const ana = contactView({ id: 'c-ana', email: 'ana@acme.test', name: 'Ana Lima' });
const ben = contactView({ id: 'c-ben', email: 'ben@leads.test', name: 'Ben Okafor', role: 'lead' });
const settings: SettingsView = { region: 'us', apiUrl: null, hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null };

let fake: FakeChrome;
let session: Record<string, unknown>;
/** Lookups wait for the test to answer them, to show the panel waits for page order. */
let pending: Array<() => void>;

function request(kind: 'scan' | 'first-card') {
  session[menuRequestKey(1)] = { kind, at: Date.now() };
  fake.emit({ event: MENU_REQUEST_EVENT, windowId: 1, request: session[menuRequestKey(1)] });
}

beforeEach(() => {
  fake = installFakeChrome();
  session = {};
  pending = [];
  (chrome as unknown as { storage: unknown }).storage = {
    session: {
      get: vi.fn(async (k: string) => (k in session ? { [k]: session[k] } : {})),
      remove: vi.fn(async (k: string) => void delete session[k]),
    },
  };
  fake.answers['settings/get'] = () => settings;
  fake.answers['contact/activity'] = () => ({ conversations: [], tickets: [] });
  fake.answers['tab/scan'] = () => ({ status: 'ok', origin: 'https://crm.example', emails: ['cy@nowhere.test', ben.email, ana.email], total: 3 });
});
afterEach(() => cleanup());

function answerLookups(directory: Record<string, ContactView | null>, hold = false) {
  fake.answers['contacts/lookup'] = ({ emails }: { emails: string[] }) => {
    const answer = { contacts: Object.fromEntries(emails.map((e) => [e, directory[e] ?? null])) };
    return hold ? new Promise((resolve) => pending.push(() => resolve(answer))) : answer;
  };
}

describe('first-card', () => {
  it('waits for the lookup, then opens the first person of the page whom Intercom knows', async () => {
    answerLookups({ [ana.email!]: ana, [ben.email!]: ben }, true);
    render(<Panel fixedTabId={7} />);
    await screen.findByRole('list', { name: 'People on this page' });
    request('first-card');
    await waitFor(() => expect(session).toEqual({}));
    expect(screen.queryByRole('article')).toBeNull();
    pending.forEach((answer) => answer());
    // cy@ is not in Intercom: Ben, the next on the page, not Ana.
    expect(await screen.findByRole('article', { name: 'Ben Okafor' })).toBeTruthy();
  });

  it('says so when no one on the page is in Intercom', async () => {
    answerLookups({});
    render(<Panel fixedTabId={7} />);
    const list = await screen.findByRole('list', { name: 'People on this page' });
    await waitFor(() => expect(within(list).getAllByRole('button', { name: 'Create lead' })).toHaveLength(3));
    request('first-card');
    await waitFor(() => expect(screen.getByText('No one on this page is in Intercom yet.')).toBeTruthy());
    expect(screen.queryByRole('article')).toBeNull();
  });
});

describe('scan', () => {
  it('brings the panel from a card back to the page’s people', async () => {
    answerLookups({ [ana.email!]: ana, [ben.email!]: ben });
    render(<Panel fixedTabId={7} />);
    const list = await screen.findByRole('list', { name: 'People on this page' });
    fireEvent.click(await within(list).findByRole('button', { name: /Ana Lima/ }));
    await screen.findByRole('article', { name: 'Ana Lima' });
    request('scan');
    expect(await screen.findByRole('list', { name: 'People on this page' })).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
  });
});
