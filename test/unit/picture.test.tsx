// @vitest-environment jsdom
/**
 * The card's fuller picture as a person meets it (issue 14): People at this site (skipped domains say why, Show
 * more asks with the cursor it was given, one row per address, companies open), the company card (its fields,
 * an edit sends only what changed, a bad number is refused with nothing sent and nothing lost), and the contact
 * card's Segments and History (nothing read until opened; notes, conversations by state, a ticket's detail).
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionInput, OutboxEntry, WorkspaceView } from '../../src/protocol/actions';
import type { CompanyView, NoteView, SitePeople as Site, TicketDetail } from '../../src/protocol/picture';
import type { ContactView } from '../../src/protocol/schemas';
import { ContactCard } from '../../src/widget/ContactCard';
import { ContactList } from '../../src/widget/ContactList';
import { renamedCompanies } from '../../src/widget/format';
import { CompanyCard } from '../../src/widget/picture/CompanyCard';
import { History } from '../../src/widget/picture/History';
import { CardPicture } from '../../src/widget/picture/Picture';
import { SitePeople } from '../../src/widget/picture/SitePeople';
import { resetWorkspace } from '../../src/widget/useWorkspace';
import { installFakeChrome, type FakeChrome } from './fake-chrome';
import { contactView } from './fixtures';

let fake: FakeChrome;
const sent = (type: string) => fake.sent.filter((m) => m.type === type).map((m) => m.input as Record<string, unknown>);
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

const person = (n: number, over: Partial<ContactView> = {}) =>
  contactView({ id: `c-${n}`, email: `p${n}@acme.co.uk`, name: `Person ${n}`, companies: [{ id: 'co-1', name: 'Acme Ltd' }], ...over });

const workspace: WorkspaceView = {
  appId: 'abc',
  me: { id: 'a-1', name: 'Sam', email: 'sam@x.test' },
  actingAdminId: 'a-1',
  admins: [],
  teams: [],
  tags: [],
  ticketTypes: [],
};

beforeEach(() => {
  fake = installFakeChrome();
  resetWorkspace();
  fake.answers['workspace/info'] = () => workspace;
});
afterEach(() => {
  cleanup();
  renamedCompanies.clear();
  vi.unstubAllGlobals();
});

describe('people at this site', () => {
  const props = () => ({ host: 'www.acme.co.uk', onOpen: vi.fn(), onContacts: vi.fn(), onOpenCompany: vi.fn() });

  it('says why a free-mail domain is skipped, and asks Intercom nothing', async () => {
    render(<SitePeople {...props()} host="mail.gmail.com" />);
    await screen.findByText(/gmail\.com is a free email provider/);
    expect(screen.queryByRole('list')).toBeNull();
    expect(sent('site/people')).toEqual([]);
  });

  it('says so for a host without a domain', async () => {
    render(<SitePeople {...props()} host="127.0.0.1" />);
    await screen.findByText(/has no domain/);
    expect(sent('site/people')).toEqual([]);
  });

  it('lists the people a page at a time, one row per address, and opens their company', async () => {
    fake.answers['site/people'] = (input: { cursor?: string }): Site =>
      input.cursor === 'next-1'
        ? { items: [person(3), person(4, { role: 'lead', email: 'p3@acme.co.uk', id: 'c-lead' })], next: null }
        : { items: [person(1), person(2)], next: 'next-1' };
    const p = props();
    render(<SitePeople {...p} />);
    const list = await screen.findByRole('list', { name: 'People at acme.co.uk' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(sent('site/people')).toEqual([{ domain: 'acme.co.uk' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Show more: People at acme.co.uk' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(sent('site/people')[1]).toEqual({ domain: 'acme.co.uk', cursor: 'next-1' });
    // The user is kept over the lead who shares the address; no more pages, no more button.
    expect(within(list).queryByText('Person 4')).toBeNull();
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
    fireEvent.click(within(list).getByRole('button', { name: /Person 1/ }));
    expect(p.onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'c-1' }), 'p1@acme.co.uk');
    fireEvent.click(within(screen.getByRole('list', { name: 'Their companies' })).getByRole('button', { name: 'Acme Ltd' }));
    expect(p.onOpenCompany).toHaveBeenCalledWith({ id: 'co-1', name: 'Acme Ltd' });
    // The same bulk actions as the page's people.
    expect(screen.getByRole('button', { name: /Tag all/ })).toBeTruthy();
  });

  it('keeps what it listed when a further page fails, with Retry', async () => {
    let fail = false;
    fake.answers['site/people'] = (input: { cursor?: string }) => {
      if (input.cursor && fail) throw { info: { code: 'server', status: 503 } };
      return { items: [person(1)], next: 'n' };
    };
    render(<SitePeople host="acme.co.uk" onOpen={vi.fn()} onContacts={vi.fn()} onOpenCompany={vi.fn()} />);
    await screen.findByRole('list', { name: 'People at acme.co.uk' });
    fail = true;
    fireEvent.click(screen.getByRole('button', { name: /Show more/ }));
    await screen.findByRole('alert');
    expect(screen.getByText('Person 1')).toBeTruthy();
    expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('company card', () => {
  const acme: CompanyView = {
    id: 'co-1',
    companyId: 'acct-1',
    name: 'Acme Ltd',
    plan: 'Growth',
    size: 40,
    industry: 'Publishing',
    monthlySpend: 900,
    userCount: 12,
    website: 'https://acme.co.uk',
    customAttributes: { health_score: 80, churn_risk: false, region: 'EMEA' },
    tags: [{ id: 't-1', name: 'VIP' }],
    url: 'https://app.intercom.com/a/apps/abc/companies/co-1',
  };
  let entry: (a: ActionInput) => Partial<OutboxEntry>;

  beforeEach(() => {
    fake.answers['company/get'] = () => acme;
    fake.answers['company/contacts'] = () => ({ items: [person(1)], next: null });
    entry = (a) => ({ state: 'done', result: { companyView: { ...acme, plan: (a as { plan?: string }).plan ?? acme.plan } } });
    fake.answers['outbox/submit'] = (input: { id: string; action: ActionInput }) => ({ id: input.id, action: input.action, createdAt: 1, updatedAt: 2, attempts: 1, ...entry(input.action) });
  });

  it('shows plan, size, industry, spend, users, website, custom attributes, tags and its people', async () => {
    const onOpenContact = vi.fn();
    render(<CompanyCard company={{ id: 'co-1', name: 'Acme Ltd' }} onBack={vi.fn()} onOpenContact={onOpenContact} />);
    const card = await screen.findByRole('article', { name: 'Acme Ltd' });
    await within(card).findByText('Publishing');
    for (const text of ['Growth', '40', '900', '12', 'EMEA', 'VIP', '80']) expect(within(card).getAllByText(text).length).toBeGreaterThan(0);
    expect(within(card).getByRole('link', { name: 'https://acme.co.uk' }).getAttribute('rel')).toContain('noopener');
    const people = await within(card).findByRole('list', { name: 'People' });
    fireEvent.click(within(people).getByRole('button', { name: /Person 1/ }));
    expect(onOpenContact).toHaveBeenCalledWith(expect.objectContaining({ id: 'c-1' }));
  });

  it('sends only what changed, typed as the attribute was, and shows the company after', async () => {
    render(<CompanyCard company={{ id: 'co-1', name: 'Acme Ltd' }} onBack={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit company' }));
    const form = screen.getByRole('form', { name: 'Edit company' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Plan' }), { target: { value: 'Enterprise' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'health_score' }), { target: { value: '75' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save company' }));
    await screen.findByText('Company saved.');
    const actions = sent('outbox/submit').map((m) => m.action);
    expect(actions).toEqual([{ kind: 'company.update', companyId: 'co-1', plan: 'Enterprise', customAttributes: { health_score: 75 } }]);
    expect(screen.getByText('Enterprise')).toBeTruthy();
  });

  it('renamed from a contact’s card: Back on that card names the company anew, and so does the list', async () => {
    entry = (a) => ({ state: 'done', result: { companyView: { ...acme, name: (a as { name?: string }).name ?? acme.name } } });
    // jsdom has no CSS.escape (Chromium does): the card uses it to focus the company's button after Back.
    vi.stubGlobal('CSS', { escape: (id: string) => id });
    const olivia = person(1);
    render(<ContactCard contact={olivia} onContact={vi.fn()} onBack={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open company Acme Ltd' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit company' }));
    const form = screen.getByRole('form', { name: 'Edit company' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Company name' }), { target: { value: 'Acme Group' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save company' }));
    await screen.findByText('Company saved.');
    expect(sent('outbox/submit').map((m) => m.action)).toEqual([{ kind: 'company.update', companyId: 'co-1', name: 'Acme Group' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    await screen.findByRole('button', { name: 'Open company Acme Group' });
    expect(screen.queryByRole('button', { name: 'Open company Acme Ltd' })).toBeNull();
    // Nothing was looked up again: the views held are the same, shown with the new name (a list row too).
    expect(sent('contacts/lookup')).toHaveLength(0);
    const { container } = render(<ContactList label="People" rows={[{ email: olivia.email!, contact: olivia }]} onOpen={vi.fn()} onCreateLead={vi.fn()} />);
    expect(container.querySelector('.contact-company')?.textContent).toBe('Acme Group');
  });

  it('refuses a bad number in the form: nothing sent, nothing typed lost', async () => {
    render(<CompanyCard company={{ id: 'co-1', name: 'Acme Ltd' }} onBack={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit company' }));
    const form = screen.getByRole('form', { name: 'Edit company' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Industry' }), { target: { value: 'Books' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Size' }), { target: { value: 'forty' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save company' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Size must be a whole number.');
    expect(sent('outbox/submit')).toEqual([]);
    expect((within(form).getByRole('textbox', { name: 'Industry' }) as HTMLInputElement).value).toBe('Books');
  });

  it('goes back one step on Escape: out of the form, then off the company', async () => {
    const onBack = vi.fn();
    render(<CompanyCard company={{ id: 'co-1', name: 'Acme Ltd' }} onBack={onBack} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit company' }));
    const plan = within(screen.getByRole('form', { name: 'Edit company' })).getByRole('textbox', { name: 'Plan' });
    fireEvent.keyDown(plan, { key: 'Escape' });
    // A field with text in it is left first (the text stays); then the form closes.
    expect(screen.queryByRole('form', { name: 'Edit company' })).not.toBeNull();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Save company' }), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'Edit company' })).toBeNull();
    expect(onBack).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('heading', { name: 'Acme Ltd' }), { key: 'Escape' });
    expect(onBack).toHaveBeenCalledTimes(1);
    expect(sent('outbox/submit')).toEqual([]);
  });

  it('says what Intercom refused, keeping the form', async () => {
    entry = () => ({ state: 'failed', error: { code: 'bad_request', detail: 'bad website parameter', intercomCode: 'parameter_invalid' } });
    render(<CompanyCard company={{ id: 'co-1', name: 'Acme Ltd' }} onBack={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit company' }));
    const form = screen.getByRole('form', { name: 'Edit company' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Website' }), { target: { value: 'acme' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save company' }));
    await within(form).findByText(/bad website parameter/);
    expect((within(form).getByRole('textbox', { name: 'Website' }) as HTMLInputElement).value).toBe('acme');
  });
});

describe('segments and history on the contact card', () => {
  const ana = contactView({ id: 'c-ana', email: 'ana@acme.test', name: 'Ana Lima' });

  it('reads nothing until Segments is opened, then names them', async () => {
    fake.answers['contact/segments'] = () => ({ segments: [{ id: 's-1', name: 'VIP customers' }] });
    render(<CardPicture contact={ana} />);
    await settle();
    expect(sent('contact/segments')).toEqual([]);
    const toggle = screen.getByRole('button', { name: 'Segments' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await screen.findByText('VIP customers');
    expect(sent('contact/segments')).toEqual([{ contactId: 'c-ana' }]);
    expect(sent('contact/notes')).toEqual([]);
  });

  it('says when the token may not read segments', async () => {
    fake.answers['contact/segments'] = () => ({ segments: [], unavailable: true });
    render(<CardPicture contact={ana} />);
    fireEvent.click(screen.getByRole('button', { name: 'Segments' }));
    await screen.findByText('This access token may not read segments.');
  });

  it('pages notes, filters conversations by state, reads a ticket’s detail, and says what it may not read', async () => {
    const note = (n: number): NoteView => ({ id: `n-${n}`, body: `<p>Note ${n}<img src="https://evil.test/x.png"></p>`, author: 'Sam', createdAt: 1_700_000_000 - n });
    fake.answers['contact/notes'] = (input: { cursor?: string }) => (input.cursor === 'p:2' ? { items: [note(3)], next: null } : { items: [note(1), note(2)], next: 'p:2' });
    fake.answers['contact/conversations'] = (input: { filter: string }) => ({
      items: input.filter === 'closed' ? [{ id: 'cv-9', title: 'Old refund', state: 'closed', updatedAt: 1, snoozedUntil: null, assignee: null, lastPart: '', tags: [], url: 'https://x.test/9' }] : [],
      next: null,
    });
    fake.answers['contact/events'] = () => ({ items: [], next: null, unavailable: true });
    fake.answers['contact/tickets'] = () => ({ items: [{ id: 'tk-1', ticketId: '42', typeName: 'Bug', state: 'In progress', title: 'Export fails', url: 'https://x.test/t' }], next: null });
    const detail: TicketDetail = {
      id: 'tk-1', ticketId: '42', typeName: 'Bug', state: 'In progress', title: 'Export fails', url: 'https://x.test/t',
      category: 'in_progress', open: true, createdAt: 1_700_000_000, updatedAt: 1_700_000_100, description: 'CSV export is empty', attributes: [{ name: 'Severity', value: 'High' }],
    };
    fake.answers['ticket/get'] = () => detail;
    render(<History contact={ana} />);

    const notes = await screen.findByRole('list', { name: 'Notes' });
    await within(notes).findByText('Note 1');
    // Intercom's HTML is cleaned: an image from elsewhere does not load.
    expect(notes.querySelector('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show more: Notes' }));
    await within(notes).findByText('Note 3');
    expect(sent('contact/notes')).toEqual([{ contactId: 'c-ana' }, { contactId: 'c-ana', cursor: 'p:2' }]);

    await screen.findByText('No conversations to show.');
    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'closed' } });
    await screen.findByRole('link', { name: 'Old refund' });
    expect(sent('contact/conversations').map((i) => i.filter)).toEqual(['all', 'closed']);

    await screen.findByText('This access token may not read events.');

    const tickets = await screen.findByRole('list', { name: 'All tickets' });
    const details = within(tickets).getByRole('button', { name: 'Details' });
    fireEvent.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    await within(tickets).findByText('CSV export is empty');
    expect(within(tickets).getByText('In progress', { selector: 'dd' })).toBeTruthy();
    expect(within(tickets).getByText('High')).toBeTruthy();
    expect(sent('ticket/get')).toEqual([{ id: 'tk-1' }]);
  });
});
