// @vitest-environment jsdom
/**
 * The side panel, driven through what a user (or a screen reader) finds on it: roles, accessible names and
 * text from messages.json. The worker is the fake chrome's `answers`.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactView, ScanState, SettingsView } from '../../src/protocol/schemas';
import { Panel } from '../../src/widget/Panel';
import { fail, getMessage, installFakeChrome, type FakeChrome } from './fake-chrome';
import { contactView } from './fixtures';
import { preloadForms } from '../../src/widget/actions/ContactActions';

// The quick-action forms load apart from the card: fetched first, they open at once as in the extension.
beforeAll(() => preloadForms());

const ORIGIN = 'https://crm.example';
const ANA = 'ana@acme.test';
const BEN = 'ben@leads.test';
const CY = 'cy@nowhere.test';

const contact = contactView;

const ana = contact({
  id: 'c-ana',
  email: ANA,
  name: 'Ana Lima',
  role: 'user',
  phone: '+351 21 000 0000',
  companies: [
    { id: 'co-1', name: 'Acme Corp' },
    { id: 'co-2', name: 'Beta Ltd' },
  ],
  tags: [
    { id: 't-1', name: 'VIP' },
    { id: 't-2', name: 'Beta tester' },
  ],
  location: { city: 'Lisbon', region: null, country: 'Portugal' },
  lastSeenAt: Math.floor(Date.now() / 1000) - 3 * 86_400,
  customAttributes: { plan: 'Enterprise', seats: 42, churn_risk: false },
});
const ben = contact({ id: 'c-ben', email: BEN, name: 'Ben Okafor', role: 'lead' });

const settings: SettingsView = { region: 'us', apiUrl: null, hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null };
const okScan = (emails: string[], total = emails.length, names: Record<string, string> = {}): ScanState => ({ status: 'ok', origin: ORIGIN, emails, total, names });

/** What the fake worker knows of each address. */
const directory: Record<string, ContactView | null> = { [ANA]: ana, [BEN]: ben, [CY]: null };

let fake: FakeChrome;

function lookups(): string[][] {
  return fake.sent.filter((m) => m.type === 'contacts/lookup').map((m) => (m.input as { emails: string[] }).emails);
}

function sentOf(type: string): unknown[] {
  return fake.sent.filter((m) => m.type === type).map((m) => m.input);
}

function answerLookups(known: Record<string, ContactView | null> = directory) {
  fake.answers['contacts/lookup'] = ({ emails }: { emails: string[] }) => ({
    contacts: Object.fromEntries(emails.map((e) => [e, known[e] ?? null])),
  });
}

/** The "People on this page" list, once every row has its answer. */
async function pageList(): Promise<HTMLElement> {
  const list = await screen.findByRole('list', { name: 'People on this page' });
  await waitFor(() => expect(within(list).queryByText('Looking up…')).toBeNull());
  return list;
}

/** The list item that shows an address. */
function itemFor(list: HTMLElement, email: string): HTMLElement {
  const item = within(list)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(email));
  if (!item) throw new Error(`no list item for ${email}`);
  return item;
}

/** A field of the contact card: the definition that follows its term. */
function field(label: string): string {
  const term = screen.getAllByRole('term').find((dt) => dt.textContent === label);
  if (!term) throw new Error(`no field ${label}`);
  const value = term.nextElementSibling as HTMLElement;
  expect(value).toHaveProperty('tagName', 'DD');
  return value.textContent ?? '';
}

/** Lets pending worker answers and the renders they cause finish. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

beforeEach(() => {
  fake = installFakeChrome();
  fake.answers['settings/get'] = () => settings;
  fake.answers['tab/scan'] = () => okScan([ANA, BEN, CY]);
  answerLookups();
});

// Unmount after each test; the fake chrome stays installed (effect cleanups still call into it).
afterEach(() => cleanup());

describe('the people on the page', () => {
  it('lists every address in page order with who they are in Intercom', async () => {
    render(<Panel fixedTabId={null} />);
    const list = await pageList();

    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items.map((li) => [ANA, BEN, CY].find((e) => li.textContent?.includes(e)))).toEqual([ANA, BEN, CY]);

    const user = within(items[0]!);
    expect(user.getByText('Ana Lima')).toBeTruthy();
    expect(user.getByText('User')).toBeTruthy();
    expect(user.getByText('Acme Corp, Beta Ltd')).toBeTruthy();
    expect(user.queryByText('Lead')).toBeNull();

    const lead = within(items[1]!);
    expect(lead.getByText('Ben Okafor')).toBeTruthy();
    expect(lead.getByText('Lead')).toBeTruthy();
    expect(lead.queryByText('User')).toBeNull();

    const unknown = within(items[2]!);
    expect(unknown.getByText('Not in Intercom')).toBeTruthy();
    expect(unknown.getByRole('button', { name: 'Create lead' })).toBeTruthy();
    // Only the unknown address offers to create a lead.
    expect(within(list).getAllByRole('button', { name: 'Create lead' })).toHaveLength(1);

    expect(screen.getByText('3 email addresses on this page')).toBeTruthy();
  });

  it('says when only the first addresses of a long page are shown', async () => {
    fake.answers['tab/scan'] = () => okScan([ANA, BEN, CY], 1500);
    render(<Panel fixedTabId={7} />);
    await pageList();
    expect(screen.getByText('Showing the first 3 of 1,500 email addresses')).toBeTruthy();
    // Under the list, a plain line says how many were left out.
    const more = screen.getByText('and 1,497 more not listed');
    expect(more.tagName).toBe('P');
    expect((await pageList()).compareDocumentPosition(more) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows no "more" line when every address is listed', async () => {
    render(<Panel fixedTabId={7} />);
    await pageList();
    expect(screen.queryByText(/more not listed/)).toBeNull();
  });

  it('creates a lead with the name the page shows beside the address', async () => {
    fake.answers['tab/scan'] = () => okScan([ANA, BEN, CY], 3, { [CY]: 'Cy Reis', [ANA]: 'Ana' });
    fake.answers['contacts/create-lead'] = () => contact({ id: 'c-cy', email: CY, role: 'lead', name: 'Cy Reis' });
    render(<Panel fixedTabId={7} />);
    const list = await pageList();
    fireEvent.click(within(itemFor(list, CY)).getByRole('button', { name: 'Create lead' }));
    await waitFor(() => expect(sentOf('contacts/create-lead')).toEqual([{ email: CY, name: 'Cy Reis' }]));
  });

  it('creates a lead for an unknown address and shows it as a lead', async () => {
    const created = contact({ id: 'c-cy', email: CY, role: 'lead' });
    let finish!: () => void;
    fake.answers['contacts/create-lead'] = () => new Promise((resolve) => (finish = () => resolve(created)));
    render(<Panel fixedTabId={7} />);
    const list = await pageList();

    fireEvent.click(within(itemFor(list, CY)).getByRole('button', { name: 'Create lead' }));

    expect(sentOf('contacts/create-lead')).toEqual([{ email: CY }]);
    // While the worker works, the button can't be pressed twice.
    await waitFor(() => expect(within(itemFor(list, CY)).getByRole('button', { name: 'Create lead' })).toHaveProperty('disabled', true));
    finish();

    await waitFor(() => expect(within(itemFor(list, CY)).queryByText('Not in Intercom')).toBeNull());
    const item = within(itemFor(list, CY));
    expect(item.getByText('Lead')).toBeTruthy();
    expect(item.queryByRole('button', { name: 'Create lead' })).toBeNull();
    expect(item.getByRole('button', { name: new RegExp(CY) })).toBeTruthy();
    expect(sentOf('contacts/create-lead')).toHaveLength(1);
  });

  it('explains a lead that could not be created', async () => {
    fake.answers['contacts/create-lead'] = () => fail('conflict');
    render(<Panel fixedTabId={7} />);
    const list = await pageList();
    fireEvent.click(within(itemFor(list, CY)).getByRole('button', { name: 'Create lead' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(getMessage('err_conflict'));
    // The address is still offered, and can be tried again.
    expect(within(itemFor(list, CY)).getByRole('button', { name: 'Create lead' })).toHaveProperty('disabled', false);
  });

  it('looks each address up once, however often the panel renders', async () => {
    const { rerender } = render(<Panel fixedTabId={7} />);
    await pageList();
    expect(lookups()).toEqual([[ANA, BEN, CY]]);

    rerender(<Panel fixedTabId={7} />);
    // The worker reports the same addresses again (the page changed elsewhere).
    await act(() => fake.emit({ event: 'event/tab-state', tabId: 7, state: okScan([ANA, BEN, CY]) }));
    await settle();
    expect(lookups()).toEqual([[ANA, BEN, CY]]);

    // A new address on the page: only that one is asked for.
    const dee = 'dee@new.test';
    await act(() => fake.emit({ event: 'event/tab-state', tabId: 7, state: okScan([ANA, dee, BEN, CY]) }));
    const list = await pageList();
    expect(lookups()).toEqual([[ANA, BEN, CY], [dee]]);
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    expect(within(itemFor(list, ANA)).getByText('Ana Lima')).toBeTruthy();
  });

  it('shows the answers even when the worker reports the page again while they are on their way', async () => {
    // The worker broadcasts a tab's state and also answers tab/scan with it: the panel gets it twice.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.answers['contacts/lookup'] = async ({ emails }: { emails: string[] }) => {
      await held;
      return { contacts: Object.fromEntries(emails.map((e) => [e, directory[e] ?? null])) };
    };
    render(<Panel fixedTabId={7} />);
    const list = await screen.findByRole('list', { name: 'People on this page' });
    await waitFor(() => expect(lookups()).toHaveLength(1));

    await act(() => fake.emit({ event: 'event/tab-state', tabId: 7, state: okScan([ANA, BEN, CY]) }));
    release();

    await waitFor(() => expect(within(list).queryByText('Looking up…')).toBeNull());
    expect(within(itemFor(list, ANA)).getByText('Ana Lima')).toBeTruthy();
    expect(within(itemFor(list, CY)).getByText('Not in Intercom')).toBeTruthy();
    expect(lookups()).toHaveLength(1);
  });

  it('does not leave rows waiting when a lookup fails after the page was reported again', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    fake.answers['contacts/lookup'] = async ({ emails }: { emails: string[] }) => {
      if (++calls === 1) {
        await held;
        fail('timeout', { detail: 'api.intercom.io' });
      }
      return { contacts: Object.fromEntries(emails.map((e) => [e, directory[e] ?? null])) };
    };
    render(<Panel fixedTabId={7} />);
    const list = await screen.findByRole('list', { name: 'People on this page' });
    await waitFor(() => expect(lookups()).toHaveLength(1));

    await act(() => fake.emit({ event: 'event/tab-state', tabId: 7, state: okScan([ANA, BEN, CY]) }));
    release();

    await waitFor(() => expect(within(list).queryByText('Looking up…')).toBeNull());
    expect(within(itemFor(list, ANA)).getByText('Ana Lima')).toBeTruthy();
    expect(lookups()).toEqual([[ANA, BEN, CY], [ANA, BEN, CY]]);
  });
});

describe('pages without people', () => {
  it('says so when the page has no addresses, and looks nothing up', async () => {
    fake.answers['tab/scan'] = () => okScan([]);
    render(<Panel fixedTabId={7} />);
    const status = await screen.findByText('No email addresses on this page');
    expect(status.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('list', { name: 'People on this page' })).toBeNull();
    expect(lookups()).toEqual([]);
  });

  it('says when the page is one no extension may read', async () => {
    fake.answers['tab/scan'] = () => ({ status: 'unscannable' });
    render(<Panel fixedTabId={7} />);
    expect(await screen.findByText("Sidekick can't read this page")).toBeTruthy();
    expect(screen.getByText(getMessage('unscannableBody'))).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Scan this site automatically' })).toBeNull();
  });

  it('says how to give Sidekick the page when it has no access yet', async () => {
    fake.answers['tab/scan'] = () => ({ status: 'no_access' });
    render(<Panel fixedTabId={7} />);
    expect(await screen.findByText(getMessage('noAccessTitle'))).toBeTruthy();
    expect(screen.getByText(getMessage('noAccessBody'))).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'People on this page' })).toBeNull();
  });

  it('offers to try again when the scan itself failed', async () => {
    let calls = 0;
    fake.answers['tab/scan'] = () => (++calls === 1 ? fail('internal') : okScan([ANA]));
    render(<Panel fixedTabId={7} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(getMessage('err_internal'));
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    const list = await pageList();
    expect(within(list).getByText('Ana Lima')).toBeTruthy();
    expect(sentOf('tab/scan')).toEqual([{ tabId: 7 }, { tabId: 7 }]);
  });
});

describe('lookup errors', () => {
  it('without a token, says so and links to Settings', async () => {
    fake.answers['contacts/lookup'] = () => fail('no_token');
    render(<Panel fixedTabId={7} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Add your Intercom access token in Settings to look people up.');
    const link = within(alert).getByRole('link', { name: 'Open Settings' });
    expect(chrome.runtime.openOptionsPage).not.toHaveBeenCalled();
    fireEvent.click(link);
    expect(chrome.runtime.openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('keeps listing the addresses under the error, as not looked up rather than forever "Looking up…"', async () => {
    fake.answers['contacts/lookup'] = () => fail('unauthorized');
    render(<Panel fixedTabId={7} />);
    const alert = await screen.findByRole('alert');
    const list = screen.getByRole('list', { name: 'People on this page' });
    // The explanation comes first, then the addresses.
    expect(alert.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(alert).getByRole('link', { name: 'Open Settings' })).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();

    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    for (const [i, email] of [ANA, BEN, CY].entries()) {
      const item = within(items[i]!);
      expect(item.getByText(email)).toBeTruthy();
      expect(item.getByText('Not looked up')).toBeTruthy();
      expect(items[i]!.querySelector('[aria-busy="true"]')).toBeNull();
    }
    expect(within(list).queryByText('Looking up…')).toBeNull();
    expect(within(list).queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('3 email addresses on this page')).toBeTruthy();
  });

  it('when the token is refused, asks for a new one', async () => {
    fake.answers['contacts/lookup'] = () => fail('unauthorized');
    render(<Panel fixedTabId={7} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Intercom refused the access token. Paste a new one in Settings.');
    expect(within(alert).getByRole('link', { name: 'Open Settings' })).toBeTruthy();
  });

  it('when rate limited, says how long to wait and tries again on request', async () => {
    let calls = 0;
    fake.answers['contacts/lookup'] = ({ emails }: { emails: string[] }) =>
      ++calls === 1 ? fail('rate_limited', { retryAfter: 12 }) : { contacts: Object.fromEntries(emails.map((e) => [e, directory[e] ?? null])) };
    render(<Panel fixedTabId={7} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('12 seconds');
    expect(within(alert).queryByRole('link', { name: 'Open Settings' })).toBeNull();
    expect(lookups()).toEqual([[ANA, BEN, CY]]);

    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    const list = await pageList();
    expect(lookups()).toEqual([[ANA, BEN, CY], [ANA, BEN, CY]]);
    expect(within(list).getByText('Ana Lima')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows what Intercom said under the sentence', async () => {
    fake.answers['contacts/lookup'] = () => fail('server', { detail: 'Service Unavailable', intercomCode: 'service_unavailable' });
    render(<Panel fixedTabId={7} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(getMessage('err_server'));
    expect(alert.textContent).toContain('Intercom said: Service Unavailable');
  });

  it('never shows words of its own (or an endpoint’s) as if Intercom had said them', async () => {
    fake.answers['contacts/lookup'] = () => fail('uncertain', { detail: 'The extension stopped while this was being sent.' });
    render(<Panel fixedTabId={7} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(getMessage('err_uncertain'));
    expect(alert.textContent).not.toContain('Intercom said');
    expect(alert.textContent).not.toContain('The extension stopped');
  });
});

describe('untrusted text', () => {
  const evil = '<img src=x onerror=alert(1)> Mallory';

  it('renders a name with HTML in it as text, in the list and on the card', async () => {
    const mallory = contact({
      id: 'c-mal',
      email: ANA,
      name: evil,
      tags: [{ id: 't-x', name: '<b>bold</b>' }],
      customAttributes: { '<i>key</i>': '<script>alert(2)</script>' },
    });
    answerLookups({ [ANA]: mallory });
    fake.answers['tab/scan'] = () => okScan([ANA]);
    render(<Panel fixedTabId={7} />);
    const list = await pageList();

    expect(within(list).getByText(evil)).toBeTruthy();
    expect(document.querySelector('img[src="x"]')).toBeNull();

    fireEvent.click(within(list).getByRole('button', { name: /Mallory/ }));
    expect(await screen.findByRole('heading', { level: 2, name: evil })).toBeTruthy();
    expect(screen.getByText('<b>bold</b>')).toBeTruthy();
    expect(field('<i>key</i>')).toBe('<script>alert(2)</script>');
    expect(document.querySelector('img[src="x"], b, i, script')).toBeNull();
  });
});

describe('names', () => {
  it('names each list once: the list, not also the part of the panel around it', async () => {
    answerLookups({ ...directory, 'zoe@example.com': null });
    render(<Panel fixedTabId={7} />);
    const list = await pageList();
    expect(screen.getAllByLabelText('People on this page')).toEqual([list]);

    fireEvent.input(screen.getByRole('textbox', { name: 'Search' }), { target: { value: 'zoe@example.com' } });
    fireEvent.submit(screen.getByRole('search'));
    const result = await screen.findByRole('list', { name: 'Search result' });
    expect(screen.getAllByLabelText('Search result')).toEqual([result]);
    expect(screen.queryAllByRole('region')).toEqual([]);
  });

  it('names the tags list once on the card', async () => {
    render(<Panel fixedTabId={7} />);
    fireEvent.click(within(await pageList()).getByRole('button', { name: /Ana Lima/ }));
    const card = await screen.findByRole('article', { name: 'Ana Lima' });
    expect(screen.getAllByLabelText('Tags')).toEqual([within(card).getByRole('list', { name: 'Tags' })]);
  });

  it('describes a "Create lead" button by its address, and marks it busy while the lead is created', async () => {
    let finish!: () => void;
    fake.answers['contacts/create-lead'] = () => new Promise((_, reject) => (finish = () => reject(Object.assign(new Error(), { info: { code: 'conflict' } }))));
    const dee = 'dee@nowhere.test';
    fake.answers['tab/scan'] = () => okScan([CY, dee]);
    render(<Panel fixedTabId={7} />);
    const list = await pageList();
    const buttons = within(list).getAllByRole('button', { name: 'Create lead' });
    expect(buttons).toHaveLength(2);
    const described = buttons.map((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(described).toEqual([CY, dee]);
    expect(buttons.map((b) => b.getAttribute('aria-busy'))).toEqual([null, null]);

    fireEvent.click(buttons[0]!);

    await waitFor(() => expect(within(itemFor(list, CY)).getByRole('button', { name: 'Create lead' }).getAttribute('aria-busy')).toBe('true'));
    expect(within(itemFor(list, dee)).getByRole('button', { name: 'Create lead' }).getAttribute('aria-busy')).toBeNull();
    finish();
    await screen.findByRole('alert');
    await waitFor(() => expect(within(itemFor(list, CY)).getByRole('button', { name: 'Create lead' }).getAttribute('aria-busy')).toBeNull());
  });
});

describe('focus', () => {
  const search = () => screen.getByRole('textbox', { name: 'Search' });

  it('moves to the card’s name when a card opens, and back to its row on Escape', async () => {
    render(<Panel fixedTabId={7} />);
    const list = await pageList();
    const row = within(list).getByRole('button', { name: /Ben Okafor/ });
    row.focus();
    fireEvent.click(row);

    const heading = await screen.findByRole('heading', { level: 2, name: 'Ben Okafor' });
    expect(heading.getAttribute('tabindex')).toBe('-1');
    await waitFor(() => expect(document.activeElement).toBe(heading));

    fireEvent.keyDown(heading, { key: 'Escape' });

    const again = await screen.findByRole('list', { name: 'People on this page' });
    await waitFor(() => expect(document.activeElement).toBe(within(again).getByRole('button', { name: /Ben Okafor/ })));
  });

  it('goes back to the row with "Back to the list"', async () => {
    render(<Panel fixedTabId={7} />);
    fireEvent.click(within(await pageList()).getByRole('button', { name: /Ana Lima/ }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Ana Lima' })));

    fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));

    const again = await screen.findByRole('list', { name: 'People on this page' });
    await waitFor(() => expect(document.activeElement).toBe(within(again).getByRole('button', { name: /Ana Lima/ })));
  });

  it('goes back to the search result a card was opened from, not the same person further down', async () => {
    render(<Panel fixedTabId={7} />);
    await pageList();
    fireEvent.input(search(), { target: { value: ANA } });
    fireEvent.submit(screen.getByRole('search'));
    const result = await screen.findByRole('list', { name: 'Search result' });
    fireEvent.click(within(result).getByRole('button', { name: /Ana Lima/ }));
    await screen.findByRole('heading', { level: 2, name: 'Ana Lima' });

    fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));

    const again = await screen.findByRole('list', { name: 'Search result' });
    await waitFor(() => expect(document.activeElement).toBe(within(again).getByRole('button', { name: /Ana Lima/ })));
  });
});

describe('the contact card', () => {
  it('opens from the list with everything Intercom knows, and closes with Escape', async () => {
    render(<Panel fixedTabId={7} />);
    const list = await pageList();
    fireEvent.click(within(list).getByRole('button', { name: /Ana Lima/ }));

    const card = await screen.findByRole('article', { name: 'Ana Lima' });
    expect(within(card).getByRole('heading', { level: 2, name: 'Ana Lima' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'People on this page' })).toBeNull();

    expect(field('Email')).toBe(ANA);
    expect(field('Phone')).toBe('+351 21 000 0000');
    expect(field('Role')).toBe('User');
    expect(field('Companies')).toBe('Acme Corp, Beta Ltd');
    expect(field('Location')).toBe('Lisbon, Portugal');
    expect(field('Last seen')).toBe('3 days ago');

    const tags = within(card).getByRole('list', { name: 'Tags' });
    expect(within(tags).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['VIP', 'Beta tester']);

    expect(within(card).getByRole('heading', { name: 'Custom attributes' })).toBeTruthy();
    expect(field('plan')).toBe('Enterprise');
    expect(field('seats')).toBe('42');
    expect(field('churn_risk')).toBe('No');

    const link = within(card).getByRole('link', { name: 'Open in Intercom' });
    expect(link.getAttribute('href')).toBe(ana.url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');

    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });

    expect(await screen.findByRole('list', { name: 'People on this page' })).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('says what a contact lacks instead of leaving blanks', async () => {
    render(<Panel fixedTabId={7} />);
    const list = await pageList();
    fireEvent.click(within(list).getByRole('button', { name: /Ben Okafor/ }));
    await screen.findByRole('heading', { level: 2, name: 'Ben Okafor' });
    expect(field('Role')).toBe('Lead');
    expect(field('Phone')).toBe('—');
    expect(field('Companies')).toBe('—');
    expect(field('Last seen')).toBe('Never');
    expect(screen.getByText('No tags')).toBeTruthy();
    expect(screen.getByText('No custom attributes')).toBeTruthy();
  });

  it('returns to the list with the "Back to the list" button', async () => {
    render(<Panel fixedTabId={7} />);
    const list = await pageList();
    fireEvent.click(within(list).getByRole('button', { name: /Ben Okafor/ }));
    await screen.findByRole('heading', { level: 2, name: 'Ben Okafor' });

    fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));

    const again = await screen.findByRole('list', { name: 'People on this page' });
    expect(within(again).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();
    // Going back does not look anyone up again.
    expect(lookups()).toHaveLength(1);
  });
});

describe('search', () => {
  const search = () => screen.getByRole('textbox', { name: 'Search' });
  /** Types into the search box and presses Enter (submits its form). */
  function typeAndEnter(text: string) {
    const box = search();
    fireEvent.input(box, { target: { value: text } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.submit(box.closest('form')!);
  }

  it('asks for a full address when the text is not one, and sends nothing', async () => {
    render(<Panel fixedTabId={7} />);
    await pageList();
    typeAndEnter('not-an-email');

    const hint = await screen.findByText(getMessage('searchHint'));
    expect(hint.getAttribute('role')).toBe('alert');
    expect(search().getAttribute('aria-invalid')).toBe('true');
    expect(search().getAttribute('aria-describedby')).toBe(hint.id);
    expect(lookups()).toEqual([[ANA, BEN, CY]]);
    expect(screen.queryByRole('list', { name: 'Search result' })).toBeNull();
  });

  it('looks up a typed address and shows who it is', async () => {
    const zoe = contact({ id: 'c-zoe', email: 'zoe@example.com', name: 'Zoe Park', role: 'user', companies: [{ id: 'co-9', name: 'Zed Inc' }] });
    answerLookups({ ...directory, 'zoe@example.com': zoe });
    render(<Panel fixedTabId={7} />);
    await pageList();

    typeAndEnter('  Zoe@Example.com ');

    const result = await screen.findByRole('list', { name: 'Search result' });
    expect(lookups()).toEqual([[ANA, BEN, CY], ['zoe@example.com']]);
    const item = within(result).getByRole('listitem');
    expect(within(item).getByText('Zoe Park')).toBeTruthy();
    expect(within(item).getByText('User')).toBeTruthy();
    expect(within(item).getByText('Zed Inc')).toBeTruthy();
    expect(screen.queryByText(getMessage('searchHint'))).toBeNull();

    fireEvent.click(within(item).getByRole('button', { name: /Zoe Park/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Zoe Park' })).toBeTruthy();
  });

  it('offers to create a lead for a typed address Intercom does not know', async () => {
    fake.answers['contacts/create-lead'] = ({ email }: { email: string }) => contact({ id: 'c-new', email, role: 'lead' });
    render(<Panel fixedTabId={7} />);
    await pageList();
    typeAndEnter('new@example.org');

    const result = await screen.findByRole('list', { name: 'Search result' });
    expect(within(result).getByText('Not in Intercom')).toBeTruthy();
    fireEvent.click(within(result).getByRole('button', { name: 'Create lead' }));
    await waitFor(() => expect(within(result).getByText('Lead')).toBeTruthy());
    expect(sentOf('contacts/create-lead')).toEqual([{ email: 'new@example.org' }]);
  });

  it('explains a failed lookup in the hint', async () => {
    render(<Panel fixedTabId={7} />);
    await pageList();
    fake.answers['contacts/lookup'] = () => fail('unauthorized');
    typeAndEnter('zoe@example.com');
    const hint = await screen.findByText(getMessage('err_unauthorized'));
    expect(hint.getAttribute('role')).toBe('alert');
    expect(screen.queryByRole('list', { name: 'Search result' })).toBeNull();
  });
});

describe('updates from the worker', () => {
  const dee = 'dee@new.test';
  const eve = 'eve@new.test';

  it('follows the worker’s new state for the tab', async () => {
    render(<Panel fixedTabId={7} />);
    await pageList();

    await act(() => fake.emit({ event: 'event/tab-state', tabId: 7, state: okScan([dee, eve]) }));

    await waitFor(() => expect(screen.getByText('2 email addresses on this page')).toBeTruthy());
    const list = await pageList();
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.includes(dee) ? dee : li.textContent?.includes(eve) ? eve : null)).toEqual([dee, eve]);
    expect(within(list).queryByText('Ana Lima')).toBeNull();
    expect(lookups()).toEqual([[ANA, BEN, CY], [dee, eve]]);
  });

  it('ignores the same event from a content script, or for another tab', async () => {
    render(<Panel fixedTabId={7} />);
    await pageList();

    // A content script (a page can pose as one) sends the worker's event: it carries a tab.
    await act(() => fake.emit({ event: 'event/tab-state', tabId: 7, state: okScan([dee]) }, { tab: { id: 3 } as chrome.tabs.Tab }));
    await settle();
    // Another extension, or a page, has another origin.
    await act(() => fake.emit({ event: 'event/tab-state', tabId: 7, state: okScan([dee]) }, { origin: 'https://evil.example' }));
    await settle();
    // The worker, but about another tab.
    await act(() => fake.emit({ event: 'event/tab-state', tabId: 8, state: okScan([eve]) }));
    await settle();

    const list = screen.getByRole('list', { name: 'People on this page' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(list).getByText('Ana Lima')).toBeTruthy();
    expect(screen.queryByText(dee)).toBeNull();
    expect(screen.queryByText(eve)).toBeNull();
    expect(lookups()).toEqual([[ANA, BEN, CY]]);
  });
});

describe('which tab the panel speaks for', () => {
  it('bound to one tab: scans that tab and offers no pop-out', async () => {
    render(<Panel fixedTabId={7} />);
    await pageList();
    expect(sentOf('tab/scan')).toEqual([{ tabId: 7 }]);
    expect(chrome.tabs.query).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Pop out' })).toBeNull();
  });

  it('following the active tab: scans it and pops out a window bound to it', async () => {
    render(<Panel fixedTabId={null} />);
    await pageList();
    expect(sentOf('tab/scan')).toEqual([{ tabId: 7 }]);

    fireEvent.click(screen.getByRole('button', { name: 'Pop out' }));

    expect(chrome.windows.create).toHaveBeenCalledTimes(1);
    const options = vi.mocked(chrome.windows.create).mock.calls[0]![0] as chrome.windows.CreateData;
    expect(options.url).toMatch(/src\/sidepanel\/index\.html\?tab=7$/);
  });
});

describe('"Scan this site automatically"', () => {
  const checkbox = () => screen.findByRole('checkbox', { name: 'Scan this site automatically' });
  const checkboxNow = () => screen.getByRole('checkbox', { name: 'Scan this site automatically' });

  it('asks for the site, then tells the worker, and stays checked', async () => {
    fake.answers['site/auto-scan'] = ({ origin, enabled }: { origin: string; enabled: boolean }) => ({
      ...settings,
      autoScanOrigins: enabled ? [origin] : [],
    });
    render(<Panel fixedTabId={7} />);
    await pageList();
    const box = await checkbox();
    expect(box).toHaveProperty('checked', false);

    fireEvent.click(box);

    await waitFor(() => expect(sentOf('site/auto-scan')).toEqual([{ origin: ORIGIN, enabled: true }]));
    expect(chrome.permissions.request).toHaveBeenCalledWith({ origins: [`${ORIGIN}/*`] });
    const asked = vi.mocked(chrome.permissions.request).mock.invocationCallOrder[0]!;
    // fake.sent lists the sendMessage calls in order.
    const told = vi.mocked(chrome.runtime.sendMessage).mock.invocationCallOrder[fake.sent.findIndex((m) => m.type === 'site/auto-scan')]!;
    expect(asked).toBeLessThan(told);

    await waitFor(() => expect(checkboxNow()).toHaveProperty('checked', true));
    // Once enabled, the page is scanned again.
    await waitFor(() => expect(sentOf('tab/scan')).toHaveLength(2));
  });

  it('stays unchecked and tells the worker nothing when the permission is refused', async () => {
    fake.permissionsGranted = false;
    render(<Panel fixedTabId={7} />);
    await pageList();
    const box = await checkbox();

    fireEvent.click(box);

    await waitFor(() => expect(chrome.permissions.request).toHaveBeenCalledWith({ origins: [`${ORIGIN}/*`] }));
    await settle();
    expect(checkboxNow()).toHaveProperty('checked', false);
    expect(sentOf('site/auto-scan')).toEqual([]);
  });

  it('shows the site as already enabled, and turns it off without asking again', async () => {
    fake.answers['settings/get'] = () => ({ ...settings, autoScanOrigins: [ORIGIN] });
    fake.answers['site/auto-scan'] = () => ({ ...settings, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null });
    render(<Panel fixedTabId={7} />);
    await pageList();
    const box = await checkbox();
    expect(box).toHaveProperty('checked', true);

    fireEvent.click(box);

    await waitFor(() => expect(sentOf('site/auto-scan')).toEqual([{ origin: ORIGIN, enabled: false }]));
    expect(chrome.permissions.request).not.toHaveBeenCalled();
    await waitFor(() => expect(checkboxNow()).toHaveProperty('checked', false));
  });
});
