// @vitest-environment jsdom
/**
 * The panel's single keys: the pure mapping (what is a shortcut where), the help overlay as a dialog, and the
 * keys driving the real Panel against the fake worker.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactView, SettingsView } from '../../src/protocol/schemas';
import { HelpOverlay, PANEL_KEYS } from '../../src/widget/HelpOverlay';
import { keyAction } from '../../src/widget/keys';
import { Panel } from '../../src/widget/Panel';
import { getMessage, installFakeChrome, type FakeChrome } from './fake-chrome';
import { contactView } from './fixtures';
import { preloadForms } from '../../src/widget/actions/ContactActions';

// The quick-action forms load apart from the card: fetched first, they open at once as in the extension.
beforeAll(() => preloadForms());

function el(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host.querySelector('[data-t]') as HTMLElement;
}

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('keyAction', () => {
  const button = () => el('<button data-t>x</button>');

  it('maps the single keys on ordinary elements', () => {
    const target = button();
    const map = Object.fromEntries(['j', 'k', 't', 'm', 'i', 'n', '/', '?', 'Escape', 'x', 'Enter', 'T'].map((key) => [key, keyAction({ key, target })]));
    expect(map).toEqual({
      j: 'next',
      k: 'prev',
      t: 'tag',
      m: 'message',
      i: 'ticket',
      n: 'note',
      '/': 'search',
      '?': 'help',
      Escape: 'back',
      x: null,
      // Enter is the focused row button's own (it opens the card); Shift+t is not t.
      Enter: null,
      T: null,
    });
    expect(keyAction({ key: 'j', target: document.body })).toBe('next');
    expect(keyAction({ key: 'j', target: null })).toBe('next');
  });

  it('fires nothing while typing, except Escape', () => {
    for (const html of [
      '<input data-t type="text">',
      '<input data-t type="email">',
      '<input data-t>',
      '<input data-t type="search">',
      '<textarea data-t></textarea>',
      '<select data-t><option>a</option></select>',
      '<div contenteditable="true"><p data-t></p></div>',
      '<div data-t contenteditable=""></div>',
    ]) {
      const target = el(html);
      for (const key of ['j', 'k', 't', 'm', 'i', 'n', '/', '?', 'ArrowDown']) expect(keyAction({ key, target }), `${key} in ${html}`).toBeNull();
      // Empty fields: Escape goes back (with a draft it only leaves the field, below).
      expect(keyAction({ key: 'Escape', target }), html).toBe('back');
    }
    // A checkbox or a button is not a text field: the keys work there.
    expect(keyAction({ key: 't', target: el('<input data-t type="checkbox">') })).toBe('tag');
    expect(keyAction({ key: 't', target: el('<div contenteditable="false"><span data-t>x</span></div>') })).toBe('tag');
  });

  it('Escape in a field with text in it only leaves the field; in an empty one it goes back', () => {
    const area = el('<textarea data-t></textarea>') as HTMLTextAreaElement;
    expect(keyAction({ key: 'Escape', target: area })).toBe('back');
    area.value = 'A reply I am writing';
    expect(keyAction({ key: 'Escape', target: area })).toBe('leave');
    const input = el('<input data-t value="  ">') as HTMLInputElement;
    expect(keyAction({ key: 'Escape', target: input })).toBe('back');
    input.value = 'ana@';
    expect(keyAction({ key: 'Escape', target: input })).toBe('leave');
    expect(keyAction({ key: 'Escape', target: el('<div contenteditable="true"><p data-t>draft</p></div>') })).toBe('leave');
    expect(keyAction({ key: 'Escape', target: el('<select data-t><option>a</option></select>') })).toBe('back');
  });

  it('the arrows move through the list only from the list or with nothing focused', () => {
    const inList = el('<ul class="contacts"><li><button data-t>Ana</button></li></ul>');
    expect(keyAction({ key: 'ArrowDown', target: inList })).toBe('next');
    expect(keyAction({ key: 'ArrowUp', target: inList })).toBe('prev');
    expect(keyAction({ key: 'ArrowDown', target: document.body })).toBe('next');
    const elsewhere = el('<button data-t>Look up</button>');
    expect(keyAction({ key: 'ArrowDown', target: elsewhere })).toBeNull();
    expect(keyAction({ key: 'j', target: elsewhere })).toBe('next');
  });

  it('fires nothing with Ctrl, Alt or ⌘ held, while composing, or when the key was already handled', () => {
    const target = button();
    for (const mod of [{ ctrlKey: true }, { altKey: true }, { metaKey: true }, { isComposing: true }, { defaultPrevented: true }]) {
      expect(keyAction({ key: 'j', target, ...mod })).toBeNull();
      expect(keyAction({ key: 'Escape', target, ...mod })).toBeNull();
      expect(keyAction({ key: '?', target, ...mod })).toBeNull();
    }
  });

  it('leaves menus, pickers, listboxes and dialogs their own keys', () => {
    for (const role of ['listbox', 'menu', 'combobox', 'radiogroup', 'dialog']) {
      const target = el(`<div role="${role}"><button data-t>x</button></div>`);
      expect(keyAction({ key: 'ArrowDown', target }), role).toBeNull();
      expect(keyAction({ key: 'j', target }), role).toBeNull();
      expect(keyAction({ key: 'Escape', target }), role).toBeNull();
    }
  });
});

let fake: FakeChrome;
const commands: chrome.commands.Command[] = [
  { name: 'scan-page', description: 'Scan this page for Intercom contacts', shortcut: 'Alt+Shift+S' },
  { name: '_execute_action', description: '', shortcut: 'Ctrl+Shift+Y' },
  { name: 'open-first-card', description: 'x', shortcut: '' },
  { name: 'lookup-selection', description: 'x', shortcut: 'Alt+Shift+L' },
];

beforeEach(() => {
  fake = installFakeChrome();
  (chrome as unknown as { commands: unknown }).commands = { getAll: vi.fn(async () => commands) };
});

describe('the help overlay', () => {
  function Host() {
    const [open, setOpen] = useState(false);
    return (
      <div>
        <button type="button" onClick={() => setOpen(true)}>
          Open help
        </button>
        {open && <HelpOverlay onClose={() => setOpen(false)} />}
      </div>
    );
  }

  it('is a labelled modal dialog listing every key and the commands’ current keys', async () => {
    render(<Host />);
    fireEvent.click(screen.getByRole('button', { name: 'Open help' }));
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const panelKeys = within(dialog).getByRole('table', { name: 'In the panel' });
    const rows = within(panelKeys).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(PANEL_KEYS.map(([keys, label]) => keys.join(' or ') + getMessage(label)));

    const browserKeys = await within(dialog).findByRole('table', { name: 'Anywhere in Chrome' });
    expect(within(browserKeys).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['Open the Sidekick side panel and scan this page', 'Ctrl+Shift+Y'],
      ['Look up the selected text in Intercom', 'Alt+Shift+L'],
      ['Scan this page for Intercom contacts', 'Alt+Shift+S'],
      ['Open the card of the first Intercom contact on this page', 'Not set'],
    ]);
  });

  it('takes focus, keeps Tab inside, closes on Escape and gives focus back', async () => {
    render(<Host />);
    const opener = screen.getByRole('button', { name: 'Open help' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog');
    const close = within(dialog).getByRole('button', { name: 'Close' });
    await waitFor(() => expect(document.activeElement).toBe(close));

    // The only control: Tab and Shift+Tab stay on it (the browser's own move is prevented; e2e presses real Tabs).
    expect(fireEvent.keyDown(close, { key: 'Tab' })).toBe(false);
    expect(document.activeElement).toBe(close);
    expect(fireEvent.keyDown(close, { key: 'Tab', shiftKey: true })).toBe(false);
    expect(document.activeElement).toBe(close);
    // Focus that got out (a click behind the backdrop) is brought back by the next Tab.
    opener.focus();
    expect(fireEvent.keyDown(dialog, { key: 'Tab' })).toBe(false);
    expect(document.activeElement).toBe(close);

    fireEvent.keyDown(close, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('closes with its Close button', () => {
    render(<Host />);
    fireEvent.click(screen.getByRole('button', { name: 'Open help' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the keys in the panel', () => {
  const ORIGIN = 'https://crm.example';
  const ana = contactView({ id: 'c-ana', email: 'ana@acme.test', name: 'Ana Lima' });
  const ben = contactView({ id: 'c-ben', email: 'ben@leads.test', name: 'Ben Okafor', role: 'lead' });
  const directory: Record<string, ContactView | null> = { [ana.email!]: ana, 'cy@nowhere.test': null, [ben.email!]: ben };
  const settings: SettingsView = { region: 'us', apiUrl: null, hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null };
  const press = (key: string, init: Record<string, unknown> = {}) => fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init });
  const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

  beforeEach(() => {
    fake.answers['settings/get'] = () => settings;
    fake.answers['tab/scan'] = () => ({ status: 'ok', origin: ORIGIN, emails: Object.keys(directory), total: 3 });
    fake.answers['contacts/lookup'] = ({ emails }: { emails: string[] }) => ({ contacts: Object.fromEntries(emails.map((e) => [e, directory[e] ?? null])) });
    fake.answers['contact/activity'] = () => ({ conversations: [], tickets: [] });
  });

  async function list() {
    const l = await screen.findByRole('list', { name: 'People on this page' });
    await waitFor(() => expect(within(l).queryByText('Looking up…')).toBeNull());
    return l;
  }
  const rowOf = (l: HTMLElement, name: string) => within(l).getByRole('button', { name: new RegExp(name) });

  it('j/k and the arrows move through the people with a card (skipping unknown addresses)', async () => {
    render(<Panel fixedTabId={7} />);
    const l = await list();
    press('j');
    expect(document.activeElement).toBe(rowOf(l, 'Ana Lima'));
    press('j');
    expect(document.activeElement).toBe(rowOf(l, 'Ben Okafor'));
    press('j'); // the end: stays
    expect(document.activeElement).toBe(rowOf(l, 'Ben Okafor'));
    press('k');
    expect(document.activeElement).toBe(rowOf(l, 'Ana Lima'));
    press('ArrowDown');
    expect(document.activeElement).toBe(rowOf(l, 'Ben Okafor'));
    press('ArrowUp');
    expect(document.activeElement).toBe(rowOf(l, 'Ana Lima'));
  });

  it('typing j in the search box types it', async () => {
    render(<Panel fixedTabId={7} />);
    await list();
    press('/');
    const search = screen.getByRole('textbox', { name: 'Search' });
    expect(document.activeElement).toBe(search);
    const event = press('j');
    expect(event).toBe(true); // not prevented: the letter goes into the field
    expect(document.activeElement).toBe(search);
    // With text in it, Escape leaves the field (and keeps the text); then the keys work again.
    fireEvent.input(search, { target: { value: 'ana@' } });
    press('Escape');
    expect(document.activeElement).not.toBe(search);
    expect((search as HTMLInputElement).value).toBe('ana@');
    press('j');
    expect(document.activeElement?.getAttribute('data-email')).toBe('ana@acme.test');
  });

  it('t on the selected row opens its card on the Tag form; Esc closes the form, Esc again the card', async () => {
    fake.answers['workspace/info'] = () => ({ me: { id: 'a1', name: 'Me', email: null }, admins: [], teams: [], tags: [], ticketTypes: [] });
    render(<Panel fixedTabId={7} />);
    await list();
    press('j');
    press('j');
    press('t');
    const card = await screen.findByRole('article', { name: 'Ben Okafor' });
    const tag = within(card).getByRole('button', { name: 'Tag' });
    expect(tag.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() => expect(card.querySelector('#qa-pane')?.contains(document.activeElement)).toBe(true));

    press('Escape');
    await waitFor(() => expect(tag.getAttribute('aria-expanded')).toBe('false'));
    expect(screen.getByRole('article', { name: 'Ben Okafor' })).toBeTruthy();

    // m on the open card (focus on the Tag button, not typing) opens Message.
    press('m');
    await waitFor(() => expect(within(card).getByRole('button', { name: 'Message' }).getAttribute('aria-expanded')).toBe('true'));
    press('Escape');
    await waitFor(() => expect(within(card).getByRole('button', { name: 'Message' }).getAttribute('aria-expanded')).toBe('false'));
    press('Escape');
    expect(await screen.findByRole('list', { name: 'People on this page' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(rowOf(screen.getByRole('list', { name: 'People on this page' }), 'Ben Okafor')));
  });

  it('t with no one selected does nothing', async () => {
    render(<Panel fixedTabId={7} />);
    await list();
    press('t');
    await settle();
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('/ on a card goes back to the list and into the search box', async () => {
    render(<Panel fixedTabId={7} />);
    const l = await list();
    fireEvent.click(rowOf(l, 'Ana Lima'));
    await screen.findByRole('article', { name: 'Ana Lima' });
    press('/');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Search' })));
  });

  it('? opens the help; Esc closes it and focus returns to the row', async () => {
    render(<Panel fixedTabId={7} />);
    const l = await list();
    press('j');
    const row = rowOf(l, 'Ana Lima');
    press('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    // The panel behind is inert and its keys are off while the dialog is open.
    expect(document.querySelector('main')?.hasAttribute('inert')).toBe(true);
    press('j');
    expect(dialog.contains(document.activeElement)).toBe(true);
    press('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(row));
    expect(document.querySelector('main')?.hasAttribute('inert')).toBe(false);
  });

  it('has a button for the help too', async () => {
    render(<Panel fixedTabId={7} />);
    fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
  });
});
