// @vitest-environment jsdom
/**
 * The settings page, through its labelled controls and the sentences from messages.json. The worker is the
 * fake chrome's `answers`; the token is write-only, so the page is never given it back.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Settings } from '../../src/options/Settings';
import type { SettingsView } from '../../src/protocol/schemas';
import { fail, getMessage, installFakeChrome, type FakeChrome } from './fake-chrome';

const initial: SettingsView = { region: 'us', apiUrl: null, hasToken: false, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null };

let fake: FakeChrome;

const sentOf = (type: string) => fake.sent.filter((m) => m.type === type).map((m) => m.input);
/** Lets pending worker answers and the renders they cause finish. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

const tokenField = () => screen.getByLabelText('Access token') as HTMLInputElement;
const region = () => screen.getByRole('combobox', { name: 'Region' }) as HTMLSelectElement;
const apiUrl = () => screen.getByRole('textbox', { name: 'API URL' }) as HTMLInputElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

/**
 * Waits until the page's live region of that role (status: confirmations, alert: errors) says `text`.
 * The regions are on the page from the start, empty, so finding one is not enough.
 */
async function announced(role: 'status' | 'alert', text: string): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByRole(role).textContent).toBe(text));
  return screen.getByRole(role);
}

async function renderSettings(view: SettingsView = initial) {
  fake.answers['settings/get'] = () => view;
  render(<Settings />);
  await settle();
  expect(sentOf('settings/get')).toEqual([{}]);
}

function typeToken(value: string) {
  fireEvent.input(tokenField(), { target: { value } });
}

function chooseRegion(value: string) {
  fireEvent.change(region(), { target: { value } });
}

/** Index among every call of the fake chrome's mocks (vitest numbers them globally). */
function orderOfMessage(type: string): number {
  // fake.sent lists the sendMessage calls in order.
  const i = fake.sent.findIndex((m) => m.type === type);
  return i < 0 ? Infinity : vi.mocked(chrome.runtime.sendMessage).mock.invocationCallOrder[i]!;
}

beforeEach(() => {
  fake = installFakeChrome();
  fake.answers['settings/save'] = (input: { region: SettingsView['region']; apiUrl: string | null; token?: string }) => ({
    ...initial,
    region: input.region,
    apiUrl: input.apiUrl,
    hasToken: true, tokenHost: null,
  });
});

afterEach(() => cleanup());

describe('the controls', () => {
  it('are all reachable by role and name', async () => {
    await renderSettings();
    expect(screen.getByRole('heading', { level: 1, name: getMessage('settingsTitle') })).toBeTruthy();

    const token = tokenField();
    expect(token.type).toBe('password');
    expect(token.placeholder).toBe(getMessage('tokenPlaceholder'));
    expect(document.getElementById(token.getAttribute('aria-describedby')!)?.textContent).toBe(getMessage('tokenHelp'));
    expect(token.value).toBe('');

    expect(region().value).toBe('us');
    expect(within(region()).getAllByRole('option').map((o) => o.textContent)).toEqual(['US', 'EU', 'Australia', 'Custom']);

    expect(apiUrl().disabled).toBe(true);
    expect(button('Save').type).toBe('submit');
    expect(button('Test connection').disabled).toBe(false);
    // Nothing to forget yet.
    expect(button('Forget token').disabled).toBe(true);
  });

  it('shows and hides the token with a toggle button', async () => {
    await renderSettings();
    const toggle = screen.getByRole('button', { name: 'Show token', pressed: false });
    // Hidden, the field is a password field (no textbox role).
    expect(screen.queryByRole('textbox', { name: 'Access token' })).toBeNull();

    fireEvent.click(toggle);

    expect(screen.getByRole('button', { name: 'Show token', pressed: true })).toBe(toggle);
    const shown = screen.getByRole('textbox', { name: 'Access token' }) as HTMLInputElement;
    expect(shown.type).toBe('text');
    expect(shown).toBe(tokenField());

    fireEvent.click(toggle);

    expect(screen.getByRole('button', { name: 'Show token', pressed: false })).toBe(toggle);
    expect(tokenField().type).toBe('password');
  });

  it('enables the API URL only for the Custom region', async () => {
    await renderSettings();
    chooseRegion('custom');
    expect(apiUrl().disabled).toBe(false);
    chooseRegion('au');
    expect(apiUrl().disabled).toBe(true);
  });

  it('starts from the saved settings', async () => {
    await renderSettings({ region: 'custom', apiUrl: 'https://intercom.proxy.example', hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null });
    expect(region().value).toBe('custom');
    expect(apiUrl().value).toBe('https://intercom.proxy.example');
    expect(apiUrl().disabled).toBe(false);
    // The saved token is never shown, only that there is one.
    expect(tokenField().value).toBe('');
    expect(tokenField().placeholder).toBe(getMessage('tokenSavedPlaceholder'));
    expect(screen.getByText(getMessage('tokenSavedHelp'))).toBeTruthy();
    expect(button('Forget token').disabled).toBe(false);
  });

  it('keeps a Region and API URL the user changed while the saved settings were still loading', async () => {
    let answer!: () => void;
    const saved: SettingsView = { region: 'eu', apiUrl: null, hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null };
    fake.answers['settings/get'] = () => new Promise((resolve) => (answer = () => resolve(saved)));
    render(<Settings />);
    await settle();
    chooseRegion('custom');
    fireEvent.input(apiUrl(), { target: { value: 'http://127.0.0.1:8787' } });

    answer();
    await waitFor(() => expect(tokenField().placeholder).toBe(getMessage('tokenSavedPlaceholder')));

    expect(region().value).toBe('custom');
    expect(apiUrl().value).toBe('http://127.0.0.1:8787');
    expect(apiUrl().disabled).toBe(false);
    fireEvent.click(button('Save'));
    await announced('status', 'Saved.');
    expect(sentOf('settings/save')).toEqual([{ region: 'custom', apiUrl: 'http://127.0.0.1:8787' }]);
  });

  it('explains settings that could not be read', async () => {
    fake.answers['settings/get'] = () => fail('storage_locked');
    render(<Settings />);
    await announced('alert', getMessage('err_storage_locked'));
  });
});

describe('announcements', () => {
  it('come from one status and one alert region, there from the start and not inside another live region', async () => {
    await renderSettings();
    const status = screen.getByRole('status');
    const alert = screen.getByRole('alert');
    expect([status.textContent, alert.textContent]).toEqual(['', '']);
    const live = '[aria-live], [role="status"], [role="alert"], [role="log"], [role="marquee"], [role="timer"]';
    for (const region of [status, alert]) {
      expect(region.parentElement?.closest(live)).toBeNull();
      expect(region.querySelector(live)).toBeNull();
    }
    expect(document.querySelectorAll(live)).toHaveLength(2);

    fireEvent.click(button('Save'));
    expect(await announced('status', 'Saved.')).toBe(status);

    fake.answers['settings/test'] = () => fail('unauthorized');
    fireEvent.click(button('Test connection'));
    expect(await announced('alert', getMessage('err_unauthorized'))).toBe(alert);
    expect(status.textContent).toBe('');
  });
});

describe('saving', () => {
  it('sends the region and the typed token, says "Saved." and clears the field', async () => {
    let finish!: () => void;
    const save = fake.answers['settings/save']!;
    fake.answers['settings/save'] = (input) => new Promise((resolve) => (finish = () => resolve(save(input))));
    await renderSettings();
    typeToken('  tok_abc123  ');
    chooseRegion('eu');

    fireEvent.click(button('Save'));

    await waitFor(() => expect(sentOf('settings/save')).toEqual([{ region: 'eu', apiUrl: null, token: 'tok_abc123' }]));
    // No permission is needed for Intercom's own regions.
    expect(chrome.permissions.request).not.toHaveBeenCalled();
    // While the worker saves, nothing else can be started.
    await waitFor(() => expect(button('Save').disabled).toBe(true));
    expect(button('Test connection').disabled).toBe(true);

    finish();

    await announced('status', 'Saved.');
    expect(tokenField().value).toBe('');
    expect(tokenField().placeholder).toBe(getMessage('tokenSavedPlaceholder'));
    expect(button('Save').disabled).toBe(false);
    expect(button('Forget token').disabled).toBe(false);
  });

  it('without a typed token, keeps the saved one (sends none)', async () => {
    await renderSettings({ ...initial, hasToken: true });
    chooseRegion('au');
    fireEvent.click(button('Save'));
    await screen.findByText('Saved.');
    expect(sentOf('settings/save')).toEqual([{ region: 'au', apiUrl: null }]);
  });

  it('asks for the custom API URL’s origin before saving it', async () => {
    await renderSettings();
    typeToken('tok_abc123');
    chooseRegion('custom');
    fireEvent.input(apiUrl(), { target: { value: 'http://127.0.0.1:8787' } });

    fireEvent.click(button('Save'));

    expect(chrome.permissions.request).toHaveBeenCalledTimes(1);
    expect(chrome.permissions.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1:8787/*'] });
    await screen.findByText('Saved.');
    expect(sentOf('settings/save')).toEqual([{ region: 'custom', apiUrl: 'http://127.0.0.1:8787', token: 'tok_abc123' }]);
    expect(vi.mocked(chrome.permissions.request).mock.invocationCallOrder[0]).toBeLessThan(orderOfMessage('settings/save'));
  });

  it('does not save a custom API URL whose origin was refused, and says why', async () => {
    fake.permissionsGranted = false;
    await renderSettings();
    typeToken('tok_abc123');
    chooseRegion('custom');
    fireEvent.input(apiUrl(), { target: { value: 'http://127.0.0.1:8787' } });

    fireEvent.click(button('Save'));

    await announced('alert', "Sidekick wasn't allowed to reach http://127.0.0.1:8787. Save again and choose Allow.");
    expect(chrome.permissions.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1:8787/*'] });
    expect(sentOf('settings/save')).toEqual([]);
    expect(screen.queryByText('Saved.')).toBeNull();
    // The typed token is kept so the user can save again.
    expect(tokenField().value).toBe('tok_abc123');
  });

  it('explains what the worker refused', async () => {
    fake.answers['settings/save'] = () => fail('invalid_url', { detail: 'ftp://nope' });
    await renderSettings();
    chooseRegion('custom');
    fireEvent.input(apiUrl(), { target: { value: 'ftp://nope' } });
    fireEvent.click(button('Save'));
    await announced('alert', getMessage('err_invalid_url', 'ftp://nope'));
  });
});

describe('testing the connection', () => {
  it('names the workspace and the admin', async () => {
    fake.answers['settings/test'] = () => ({
      workspace: 'Acme Support',
      appId: 'abc123',
      region: 'US',
      admin: { name: 'Ana Admin', email: 'ana@acme.test' },
    });
    await renderSettings();
    typeToken('tok_new');

    fireEvent.click(button('Test connection'));

    await announced('status', 'Connected to Acme Support as Ana Admin (ana@acme.test).');
    // The typed token is tested, not saved, and stays in the field.
    expect(sentOf('settings/test')).toEqual([{ region: 'us', apiUrl: null, token: 'tok_new' }]);
    expect(sentOf('settings/save')).toEqual([]);
    expect(tokenField().value).toBe('tok_new');
  });

  it('lists what the token could read, and what the card will leave out', async () => {
    fake.answers['settings/test'] = () => ({
      workspace: 'Acme Support',
      appId: 'abc123',
      region: 'US',
      admin: { name: 'Ana Admin', email: null },
      reads: [
        { part: 'contacts', ok: true },
        { part: 'conversations', ok: false },
        { part: 'tickets', ok: true },
      ],
    });
    await renderSettings({ ...initial, hasToken: true, tokenHost: 'api.intercom.io' });
    fireEvent.click(button('Test connection'));
    const list = await screen.findByRole('list');
    const section = screen.getByRole('region', { name: 'What this token can read' });
    expect(section.contains(list)).toBe(true);
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '✓ Contacts',
      '✗ Conversations: not allowed — the card leaves this out and says why',
      '✓ Tickets',
    ]);
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 150)));
  });

  it('gives each failure its own sentence', async () => {
    const failures: Array<[string, Record<string, unknown>, string]> = [
      ['unauthorized', {}, getMessage('err_unauthorized')],
      ['wrong_region', { region: 'EU' }, 'This workspace is hosted in the EU region. Choose EU as the Region in Settings.'],
      ['unreachable', { detail: 'api.intercom.io' }, "Couldn't reach api.intercom.io. Check your connection, and the Region or API URL in Settings."],
      ['invalid_url', { detail: 'http://intercom.example' }, getMessage('err_invalid_url', 'http://intercom.example')],
    ];
    await renderSettings();
    const shown: string[] = [];
    for (const [code, extra, sentence] of failures) {
      fake.answers['settings/test'] = () => fail(code, extra);
      fireEvent.click(button('Test connection'));
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(sentence));
      shown.push(screen.getByRole('alert').textContent!);
      expect(screen.getByRole('status').textContent).toBe('');
    }
    expect(new Set(shown).size).toBe(failures.length);
    expect(sentOf('settings/test')).toHaveLength(failures.length);
  });

  it('Copy details of a failed test: Intercom’s request id and the request, said copied in the page’s status region', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await renderSettings();
    fake.answers['settings/test'] = () => fail('unauthorized', { status: 401, requestId: 'req-401', request: 'GET /me', intercomCode: 'unauthorized' });
    fireEvent.click(button('Test connection'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(getMessage('err_unauthorized')));
    await act(async () => {
      fireEvent.click(button('Copy details'));
    });
    await waitFor(() => expect(writeText.mock.calls[0]?.[0]).toContain('Intercom request ID: req-401\nRequest: GET /me'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(getMessage('details_copied')));
  });
});

describe('forgetting the token', () => {
  it('asks the worker to forget it and confirms', async () => {
    fake.answers['settings/forget-token'] = () => ({ ...initial, hasToken: false });
    await renderSettings({ ...initial, hasToken: true });

    fireEvent.click(button('Forget token'));

    await announced('status', 'The token was removed from this browser.');
    expect(sentOf('settings/forget-token')).toEqual([{}]);
    expect(button('Forget token').disabled).toBe(true);
    expect(tokenField().placeholder).toBe(getMessage('tokenPlaceholder'));
    expect(screen.getByText(getMessage('tokenHelp'))).toBeTruthy();
  });
});

describe('a custom API URL and the saved token', () => {
  it('names a host outside Intercom before anything is sent, and not an Intercom host', async () => {
    await renderSettings({ ...initial, hasToken: true, tokenHost: 'api.intercom.io' });
    expect(tokenField().getAttribute('aria-describedby')).toBe('token-help');
    expect(screen.getByText(/A token is saved for api\.intercom\.io and is only ever sent there/)).toBeTruthy();
    chooseRegion('custom');
    fireEvent.input(apiUrl(), { target: { value: 'https://intercom-proxy.evil.example/api' } });
    const warning = screen.getByText(/intercom-proxy\.evil\.example is not one of Intercom's own API hosts/);
    expect(apiUrl().getAttribute('aria-describedby')).toContain(warning.id);
    expect(fake.sent.filter((m) => m.type !== 'settings/get' && m.type !== 'workspace/info')).toEqual([]);
    fireEvent.input(apiUrl(), { target: { value: 'https://api.eu.intercom.io' } });
    expect(screen.queryByText(/is not one of Intercom's own API hosts/)).toBeNull();
    // Preact runs effects after the next paint (a timer): let them run while this file's DOM still exists.
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 150)));
  });

  it('says whose token it is when the worker refuses to send it to another host', async () => {
    fake.answers['settings/save'] = () => fail('token_origin', { detail: 'api.intercom.io' });
    await renderSettings({ ...initial, hasToken: true, tokenHost: 'api.intercom.io' });
    chooseRegion('eu');
    fireEvent.click(button('Save'));
    await announced('alert', getMessage('err_token_origin', 'api.intercom.io'));
    expect(screen.getByRole('alert').textContent).toContain('Type the token again');
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 150)));
  });
});

describe('Settings → Language', () => {
  it('offers the browser’s language and the six languages by their own names, and saves a choice', async () => {
    fake.answers['settings/language'] = (input: { language: string | null }) => ({ ...initial, language: input.language });
    await renderSettings();
    const select = screen.getByRole('combobox', { name: 'Show Sidekick in' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(["The browser's language", 'English', 'Deutsch', 'Français', '日本語', 'ไทย', 'فارسی']);
    fireEvent.change(select, { target: { value: 'ja' } });
    await waitFor(() => expect(sentOf('settings/language')).toEqual([{ language: 'ja' }]));
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 150)));
  });
});
