// @vitest-environment jsdom
/** Settings → where scanning runs (every site, or the sites listed with a Remove each) and the shortcuts table. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Settings } from '../../src/options/Settings';
import type { SettingsView } from '../../src/protocol/schemas';
import { installFakeChrome, type FakeChrome } from './fake-chrome';

const base: SettingsView = { region: 'us', apiUrl: null, hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null };
const ALL = ['https://*/*', 'http://*/*'];

let fake: FakeChrome;
let view: SettingsView;
const sentOf = (type: string) => fake.sent.filter((m) => m.type === type).map((m) => m.input);
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
const allSwitch = () => screen.getByRole('switch', { name: 'Scan every site automatically' }) as HTMLInputElement;
const sites = () => screen.queryByRole('list', { name: 'Sites scanned automatically' });

beforeEach(() => {
  fake = installFakeChrome();
  view = { ...base, autoScanOrigins: ['https://crm.example', 'http://127.0.0.1:8787'] };
  fake.answers['settings/get'] = () => view;
  fake.answers['site/auto-scan'] = ({ origin, enabled }: { origin: string; enabled: boolean }) => {
    view = { ...view, autoScanOrigins: enabled ? [...view.autoScanOrigins, origin] : view.autoScanOrigins.filter((o) => o !== origin) };
    return view;
  };
  fake.answers['site/auto-scan-all'] = ({ enabled }: { enabled: boolean }) => (view = { ...view, autoScanAll: enabled });
  (chrome as unknown as { commands: unknown }).commands = {
    getAll: vi.fn(async () => [
      { name: 'open-first-card', description: '', shortcut: '' },
      { name: '_execute_action', description: '', shortcut: 'Ctrl+Shift+Y' },
    ]),
  };
});
afterEach(() => cleanup());

describe('sites scanned automatically', () => {
  it('lists each site with a Remove button named after it; Remove turns the site off in the worker', async () => {
    render(<Settings />);
    await settle();
    const list = sites()!;
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['https://crm.exampleRemove', 'http://127.0.0.1:8787Remove']);

    const remove = within(list).getByRole('button', { name: 'Remove https://crm.example' });
    remove.focus();
    fireEvent.click(remove);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('https://crm.example is no longer scanned automatically.'));
    expect(sentOf('site/auto-scan')).toEqual([{ origin: 'https://crm.example', enabled: false }]);
    expect(within(sites()!).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['http://127.0.0.1:8787Remove']);
    // Focus moves to the Remove button now in that place, not to the top of the page.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove http://127.0.0.1:8787' })));

    fireEvent.click(screen.getByRole('button', { name: 'Remove http://127.0.0.1:8787' }));
    await waitFor(() => expect(sites()).toBeNull());
    expect(screen.getByText(/No sites yet/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Sites scanned automatically' })));
  });

  it('says what went wrong when the worker refuses', async () => {
    fake.answers['site/auto-scan'] = () => {
      throw Object.assign(new Error('x'), { info: { code: 'internal' } });
    };
    render(<Settings />);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove https://crm.example' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).not.toBe(''));
    expect(within(sites()!).getAllByRole('listitem')).toHaveLength(2);
  });
});

describe('scan every site automatically', () => {
  it('asks Chrome for every site in the click, before calling the worker, then turns it on', async () => {
    render(<Settings />);
    await settle();
    expect(allSwitch().checked).toBe(false);
    expect(document.getElementById(allSwitch().getAttribute('aria-describedby')!)?.textContent).toContain('access to every site');

    fireEvent.click(allSwitch());
    // Asked synchronously in the click (the user gesture), not after an await.
    expect(chrome.permissions.request).toHaveBeenCalledWith({ origins: ALL });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Every site is now scanned automatically.'));
    expect(sentOf('site/auto-scan-all')).toEqual([{ enabled: true }]);
    const order = vi.mocked(chrome.permissions.request).mock.invocationCallOrder[0]!;
    const message = vi.mocked(chrome.runtime.sendMessage).mock.invocationCallOrder.at(-1)!;
    expect(order).toBeLessThan(message);
    expect(allSwitch().checked).toBe(true);

    fireEvent.click(allSwitch());
    await waitFor(() => expect(allSwitch().checked).toBe(false));
    expect(sentOf('site/auto-scan-all')).toEqual([{ enabled: true }, { enabled: false }]);
    // Turning it off asks for nothing.
    expect(chrome.permissions.request).toHaveBeenCalledTimes(1);
  });

  it('stays off, and the worker is not asked, when the permission is refused', async () => {
    fake.permissionsGranted = false;
    render(<Settings />);
    await settle();
    fireEvent.click(allSwitch());
    await waitFor(() => expect(screen.getByRole('alert').textContent).not.toBe(''));
    expect(sentOf('site/auto-scan-all')).toEqual([]);
    expect(allSwitch().checked).toBe(false);
  });
});

describe('keyboard shortcuts', () => {
  it('lists every command with its key now, "Not set" when unbound', async () => {
    render(<Settings />);
    const table = await screen.findByRole('table', { name: 'Keyboard shortcuts' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['Open the Sidekick side panel and scan this page', 'Ctrl+Shift+Y'],
      ['Open the card of the first Intercom contact on this page', 'Not set'],
    ]);
    expect(screen.getByRole('link', { name: 'Change shortcuts in Chrome' }).getAttribute('href')).toBe('chrome://extensions/shortcuts');
  });
});

describe('the panel’s site switch while every site is scanned', () => {
  it('says every site is scanned instead of offering the one-site switch', async () => {
    const { SiteToggle } = await import('../../src/widget/SiteToggle');
    const { rerender } = render(<SiteToggle origin="https://crm.example" settings={{ ...base, autoScanAll: true }} onChange={() => undefined} onEnabled={() => undefined} />);
    expect(screen.getByText('Every site is scanned automatically (Settings).')).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
    rerender(<SiteToggle origin="https://crm.example" settings={base} onChange={() => undefined} onEnabled={() => undefined} />);
    expect(screen.getByRole('checkbox', { name: 'Scan this site automatically' })).toBeTruthy();
  });
});
