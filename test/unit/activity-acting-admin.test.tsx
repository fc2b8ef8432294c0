// @vitest-environment jsdom
/** Settings' "Act as" (who the outbox writes as) and the "Keyboard shortcuts" link. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Settings } from '../../src/options/Settings';
import type { WorkspaceView } from '../../src/protocol/actions';
import type { SettingsView } from '../../src/protocol/schemas';
import { installFakeChrome, type FakeChrome } from './fake-chrome';

const view: SettingsView = { region: 'us', apiUrl: null, hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null };
const workspace: WorkspaceView = {
  appId: 'abc',
  me: { id: 'a-1', name: 'Sam Support', email: 'sam@x.test' },
  actingAdminId: 'a-1',
  admins: [
    { id: 'a-1', name: 'Sam Support', email: 'sam@x.test' },
    { id: 'a-2', name: 'Kim Kaur', email: 'kim@x.test' },
    { id: 'a-3', name: 'Lee Park', email: null },
  ],
  teams: [],
  tags: [],
  ticketTypes: [],
};

let fake: FakeChrome;
let create: ReturnType<typeof vi.fn>;
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

beforeEach(() => {
  fake = installFakeChrome();
  create = vi.fn(async () => ({ id: 9 }));
  (chrome.tabs as unknown as { create: typeof create }).create = create;
  fake.answers['settings/get'] = () => view;
  fake.answers['workspace/info'] = () => workspace;
  fake.answers['settings/acting-admin'] = ({ adminId }: { adminId: string | null }) => ({ ...view, actingAdminId: adminId });
});
afterEach(() => cleanup());

describe('Act as', () => {
  it('lists the workspace’s admins after the token’s own, and saves the choice', async () => {
    render(<Settings />);
    const select = (await screen.findByRole('combobox', { name: 'Act as' })) as HTMLSelectElement;
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      "The token's admin (Sam Support)",
      'Kim Kaur (kim@x.test)',
      'Lee Park',
    ]);
    expect(select.value).toBe('');

    fireEvent.change(select, { target: { value: 'a-2' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Actions will be sent as Kim Kaur.'));
    expect(fake.sent.filter((m) => m.type === 'settings/acting-admin').map((m) => m.input)).toEqual([{ adminId: 'a-2' }]);
    expect(select.value).toBe('a-2');

    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe("Actions will be sent as the token's admin."));
    expect(fake.sent.filter((m) => m.type === 'settings/acting-admin').at(-1)!.input).toEqual({ adminId: null });
  });

  it('shows the saved choice', async () => {
    fake.answers['settings/get'] = () => ({ ...view, actingAdminId: 'a-3' });
    render(<Settings />);
    const select = (await screen.findByRole('combobox', { name: 'Act as' })) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('a-3'));
  });

  it('explains that a token is needed when the workspace cannot be read', async () => {
    fake.answers['workspace/info'] = () => {
      throw Object.assign(new Error('x'), { info: { code: 'no_token' } });
    };
    render(<Settings />);
    await settle();
    expect(screen.queryByRole('combobox', { name: 'Act as' })).toBeNull();
    expect(screen.getByText(/choose which teammate actions are sent as/)).toBeTruthy();
    expect(screen.queryByRole('alert')?.textContent ?? '').toBe('');
  });

  it('shows an error when saving fails', async () => {
    fake.answers['settings/acting-admin'] = () => {
      throw Object.assign(new Error('x'), { info: { code: 'storage_locked' } });
    };
    render(<Settings />);
    fireEvent.change(await screen.findByRole('combobox', { name: 'Act as' }), { target: { value: 'a-2' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).not.toBe(''));
  });
});

describe('Keyboard shortcuts', () => {
  it('opens chrome://extensions/shortcuts in a tab', async () => {
    render(<Settings />);
    const link = await screen.findByRole('link', { name: 'Change shortcuts in Chrome' });
    expect(link.getAttribute('href')).toBe('chrome://extensions/shortcuts');
    fireEvent.click(link);
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
  });
});
