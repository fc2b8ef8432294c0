// @vitest-environment jsdom
/**
 * Several workspaces in the pages: Settings → Workspaces (switch, add, rename, remove after a confirmation that
 * names it), the panel's switcher (only with more than one), and an outbox entry queued in another workspace
 * named as that one's. The worker is the fake chrome's `answers`; the text is the real catalogue's.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Settings } from '../../src/options/Settings';
import type { OutboxEntry } from '../../src/protocol/actions';
import type { SettingsView } from '../../src/protocol/schemas';
import { OutboxPanel } from '../../src/widget/outbox/OutboxPanel';
import { WorkspaceSwitch } from '../../src/widget/WorkspaceSwitch';
import { installFakeChrome, type FakeChrome } from './fake-chrome';

const base: SettingsView = {
  region: 'us', apiUrl: null, hasToken: true, tokenHost: 'api.intercom.io', autoScanOrigins: [], autoScanAll: false,
  actingAdminId: null, highlightEmails: false, language: null,
};
const two: SettingsView = {
  ...base,
  activeWorkspace: 'ws1',
  workspaces: [
    { id: 'ws1', name: 'Acme US', host: 'api.intercom.io', hasToken: true },
    { id: 'ws-2', name: null, host: 'api.eu.intercom.io', hasToken: false },
  ],
};

let fake: FakeChrome;
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
const sentOf = (type: string) => fake.sent.filter((m) => m.type === type).map((m) => m.input);
const picker = () => screen.getByRole('combobox', { name: 'Workspace' }) as HTMLSelectElement;
const options = () => [...picker().options].map((o) => o.textContent);
const status = (text: string) => waitFor(() => expect(screen.getByRole('status').textContent).toBe(text));

beforeEach(() => {
  fake = installFakeChrome();
});
afterEach(async () => {
  await settle();
  cleanup();
});

async function renderSettings(view: SettingsView) {
  fake.answers['settings/get'] = () => view;
  render(<Settings />);
  await settle();
}

describe('Settings → Workspaces', () => {
  it('lists the workspaces by name, an unnamed one by its place, and one without a token as such', async () => {
    await renderSettings(two);
    expect(options()).toEqual(['Acme US', 'Workspace 2 (no token yet)']);
    expect(picker().value).toBe('ws1');
  });

  it('switches, and the form below then shows the chosen workspace with no token typed', async () => {
    fake.answers['workspaces/switch'] = () => ({ ...two, activeWorkspace: 'ws-2', region: 'eu', hasToken: false, tokenHost: null });
    await renderSettings(two);
    fireEvent.input(screen.getByLabelText('Access token'), { target: { value: 'typed-for-the-first' } });
    fireEvent.change(picker(), { target: { value: 'ws-2' } });
    await status('Now working in Workspace 2.');
    expect(sentOf('workspaces/switch')).toEqual([{ id: 'ws-2' }]);
    expect((screen.getByRole('combobox', { name: 'Region' }) as HTMLSelectElement).value).toBe('eu');
    expect((screen.getByLabelText('Access token') as HTMLInputElement).value).toBe('');
  });

  it('adds a workspace, named or not', async () => {
    fake.answers['workspaces/add'] = (input: { name?: string }) => ({
      ...two,
      activeWorkspace: 'ws-3',
      hasToken: false,
      workspaces: [...two.workspaces!, { id: 'ws-3', name: input.name ?? null, host: 'api.intercom.io', hasToken: false }],
    });
    await renderSettings(two);
    fireEvent.click(screen.getByRole('button', { name: 'Add workspace' }));
    const name = screen.getByRole('textbox', { name: 'Workspace name' });
    expect(name.getAttribute('aria-describedby')).toBe('workspace-name-help');
    fireEvent.input(name, { target: { value: 'Acme Europe' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await status('Workspace added. Paste its access token, choose its region and save.');
    expect(sentOf('workspaces/add')).toEqual([{ name: 'Acme Europe' }]);
    expect(options()).toEqual(['Acme US', 'Workspace 2 (no token yet)', 'Acme Europe (no token yet)']);
    expect(screen.queryByRole('textbox', { name: 'Workspace name' })).toBeNull();
    // Without a name: nothing is sent for it (Intercom's name comes once the token works).
    fireEvent.click(screen.getByRole('button', { name: 'Add workspace' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await settle();
    expect(sentOf('workspaces/add')[1]).toEqual({});
  });

  it('renames the workspace in use, and will not save an empty name', async () => {
    fake.answers['workspaces/rename'] = (input: { name: string }) => ({ ...two, workspaces: [{ ...two.workspaces![0]!, name: input.name.trim() }, two.workspaces![1]!] });
    await renderSettings(two);
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    const name = screen.getByRole('textbox', { name: 'Workspace name' }) as HTMLInputElement;
    expect(name.value).toBe('Acme US');
    fireEvent.input(name, { target: { value: '   ' } });
    const save = within(name.closest('form')!).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.input(name, { target: { value: 'Acme United States' } });
    fireEvent.click(save);
    await status('Workspace renamed to Acme United States.');
    expect(sentOf('workspaces/rename')).toEqual([{ id: 'ws1', name: 'Acme United States' }]);
    expect(options()[0]).toBe('Acme United States');
  });

  it('removes the workspace in use and its token only after a confirmation that names it', async () => {
    fake.answers['workspaces/remove'] = () => ({ ...two, activeWorkspace: 'ws-2', hasToken: false, workspaces: [two.workspaces![1]!] });
    await renderSettings(two);
    fireEvent.click(screen.getByRole('button', { name: 'Remove workspace' }));
    const question = screen.getByRole('group', { name: /^Remove “Acme US” and delete its access token from this browser\?/ });
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(sentOf('workspaces/remove')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove workspace' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove and delete token' }));
    await status('Acme US was removed and its token deleted.');
    expect(sentOf('workspaces/remove')).toEqual([{ id: 'ws1' }]);
    expect(options()).toEqual(['Workspace 1 (no token yet)']);
    // The only one left cannot be removed.
    expect((screen.getByRole('button', { name: 'Remove workspace' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('follows a switch made elsewhere (the panel)', async () => {
    await renderSettings(two);
    fake.answers['settings/get'] = () => ({ ...two, activeWorkspace: 'ws-2' });
    await act(async () => fake.emit({ event: 'event/workspace', workspaceId: 'ws-2' }));
    await waitFor(() => expect(picker().value).toBe('ws-2'));
  });
});

describe('the panel’s switcher', () => {
  it('is not there with one workspace', () => {
    render(<WorkspaceSwitch settings={{ ...base, activeWorkspace: 'ws1', workspaces: [two.workspaces![0]!] }} onChange={() => undefined} />);
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('shows the workspace in use and switches with one control', async () => {
    let shown: SettingsView | null = null;
    fake.answers['workspaces/switch'] = () => ({ ...two, activeWorkspace: 'ws-2' });
    render(<WorkspaceSwitch settings={two} onChange={(s) => (shown = s)} />);
    expect(picker().value).toBe('ws1');
    fireEvent.change(picker(), { target: { value: 'ws-2' } });
    await settle();
    expect(sentOf('workspaces/switch')).toEqual([{ id: 'ws-2' }]);
    expect(shown).toMatchObject({ activeWorkspace: 'ws-2' });
  });

  it('says so when the switch is refused, and keeps the workspace in use selected', async () => {
    render(<WorkspaceSwitch settings={two} onChange={() => undefined} />);
    fireEvent.change(picker(), { target: { value: 'ws-2' } });
    await settle();
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(picker().value).toBe('ws1');
  });
});

describe('an action queued in another workspace', () => {
  const entry = (id: string, workspaceId?: string): OutboxEntry => ({
    id, action: { kind: 'contact.note', contactId: 'c1', body: 'Hi' }, state: 'failed', createdAt: 1, updatedAt: 2, attempts: 1,
    error: { code: 'server' }, ...(workspaceId ? { workspaceId } : {}),
  });

  it('is named as that workspace’s; one queued before there were several belongs to the first', async () => {
    fake.answers['outbox/list'] = () => ({ entries: [entry('a', 'ws-2'), entry('b', 'ws1'), entry('c')] });
    render(<OutboxPanel settings={two} />);
    await settle();
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.badge-workspace')?.textContent ?? null)).toEqual(['In Workspace 2', null, null]);
    cleanup();
    render(<OutboxPanel settings={{ ...two, activeWorkspace: 'ws-2' }} />);
    await settle();
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.badge-workspace')?.textContent ?? null)).toEqual([null, 'In Acme US', 'In Acme US']);
  });
});
