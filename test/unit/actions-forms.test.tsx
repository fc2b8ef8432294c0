// @vitest-environment jsdom
/** The toolbar, and the Note, Convert, Edit, Company and Event forms: what each sends for the user's clicks and keys. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contact, entry, renderCard, setup, type Rig } from './actions-fixtures';
import { preloadForms } from '../../src/widget/actions/ContactActions';

// The quick-action forms load apart from the card: fetched first, they open at once as in the extension.
beforeAll(() => preloadForms());

let rig: Rig;
beforeEach(() => {
  rig = setup();
});
afterEach(cleanup);

const toolbar = () => screen.getByRole('group', { name: 'Quick actions' });

describe('toolbar', () => {
  it('names every action; Convert to user only for leads', () => {
    renderCard(rig);
    expect(within(toolbar()).getAllByRole('button').map((b) => b.textContent)).toEqual(['Tag', 'Message', 'Ticket', 'Note', 'Edit', 'Company', 'Event', 'Delete']);
    cleanup();
    renderCard(rig, contact({ role: 'lead' }));
    expect(within(toolbar()).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Tag', 'Message', 'Ticket', 'Note', 'Convert to user', 'Edit', 'Company', 'Event', 'Merge', 'Delete',
    ]);
  });

  it('opens one form at a time, and Esc closes it, returning focus to its button without leaving the card', async () => {
    const windowKeys = vi.fn();
    addEventListener('keydown', windowKeys);
    renderCard(rig);
    const note = screen.getByRole('button', { name: 'Note' });
    fireEvent.click(note);
    expect(note.getAttribute('aria-expanded')).toBe('true');
    const body = screen.getByRole('textbox', { name: 'Note' });
    await waitFor(() => expect(document.activeElement).toBe(body));
    fireEvent.click(screen.getByRole('button', { name: 'Event' }));
    expect(screen.queryByRole('form', { name: 'Add a note' })).toBeNull();
    expect(screen.getByRole('form', { name: 'Record an event' })).toBeTruthy();
    expect(note.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Event name' }), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'Record an event' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Event' }));
    expect(windowKeys).not.toHaveBeenCalled(); // the panel's Esc (back to the list) did not fire too
    removeEventListener('keydown', windowKeys);
  });
});

describe('Note', () => {
  it('adds the note on Ctrl+Enter (Enter alone is a new line) and says so', async () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Note' }));
    const body = screen.getByRole('textbox', { name: 'Note' });
    fireEvent.input(body, { target: { value: 'Called about renewal' } });
    fireEvent.keyDown(body, { key: 'Enter' });
    expect(rig.submitted).toEqual([]);
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    await screen.findByText('Note added');
    expect(rig.submitted).toEqual([{ kind: 'contact.note', contactId: 'c-ana', body: 'Called about renewal' }]);
    expect(screen.queryByRole('form', { name: 'Add a note' })).toBeNull();
  });

  it('requires some text', () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Note' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(screen.getByRole('alert').textContent).toBe('Fill in the required fields.');
    expect(rig.submitted).toEqual([]);
  });

  it('shows the error and keeps the text when it failed', async () => {
    rig.respond = (a) => entry(a, 'failed', undefined, { code: 'rate_limited', retryAfter: 30 });
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Note' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Note' }), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toContain('30');
    expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('Hello');
  });

  it('shows the error when the worker refused the request itself', async () => {
    rig.fake.answers['outbox/submit'] = () => {
      throw Object.assign(new Error('x'), { info: { code: 'invalid_message' } });
    };
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Note' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Note' }), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});

describe('Convert to user', () => {
  it('converts a lead and shows the user the worker answers with', async () => {
    rig.respond = (a) => entry(a, 'done', { contact: contact({ role: 'user' }) });
    renderCard(rig, contact({ role: 'lead' }));
    fireEvent.click(screen.getByRole('button', { name: 'Convert to user' }));
    expect(screen.getByText('Convert Ana Lima from a lead to a user?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Convert' }));
    await screen.findByText('Converted to a user');
    expect(rig.submitted).toEqual([{ kind: 'contact.convert', contactId: 'c-ana' }]);
    expect(screen.getByTestId('role').textContent).toBe('user');
    expect(screen.queryByRole('button', { name: 'Convert to user' })).toBeNull();
  });
});

describe('Edit', () => {
  it('has an input per attribute type and sends only what changed', async () => {
    rig.respond = (a) => entry(a, 'done', { contact: contact({ name: 'Ana L. Lima' }) });
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit the contact' });
    expect((within(form).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Ana Lima');
    expect((within(form).getByRole('textbox', { name: 'Phone' }) as HTMLInputElement).value).toBe('+351 21 000 0000');
    expect((within(form).getByRole('textbox', { name: 'plan' }) as HTMLInputElement).value).toBe('Enterprise');
    expect((within(form).getByRole('spinbutton', { name: 'seats' }) as HTMLInputElement).value).toBe('42');
    expect((within(form).getByRole('checkbox', { name: 'churn_risk' }) as HTMLInputElement).checked).toBe(false);
    expect((within(form).getByRole('textbox', { name: 'notes' }) as HTMLInputElement).value).toBe('');

    fireEvent.input(within(form).getByRole('textbox', { name: 'Name' }), { target: { value: 'Ana L. Lima' } });
    fireEvent.input(within(form).getByRole('spinbutton', { name: 'seats' }), { target: { value: '50' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'churn_risk' }));
    fireEvent.input(within(form).getByRole('textbox', { name: 'notes' }), { target: { value: 'Prefers email' } });
    // Enter in a field of this single-line form saves.
    fireEvent.keyDown(within(form).getByRole('textbox', { name: 'notes' }), { key: 'Enter' });
    await screen.findByText('Contact saved');
    expect(rig.submitted).toEqual([
      { kind: 'contact.update', contactId: 'c-ana', name: 'Ana L. Lima', customAttributes: { seats: 50, churn_risk: true, notes: 'Prefers email' } },
    ]);
    expect(rig.shown.at(-1)?.name).toBe('Ana L. Lima');
  });

  it('sends nothing when nothing changed', async () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(screen.getByText('Nothing changed.')).toBeTruthy();
    expect(rig.submitted).toEqual([]);
  });

  it('clears a value to null', async () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.input(await screen.findByRole('textbox', { name: 'plan' }), { target: { value: '' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Phone' }), { target: { value: '+1 555 0100' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Contact saved');
    expect(rig.submitted).toEqual([{ kind: 'contact.update', contactId: 'c-ana', phone: '+1 555 0100', customAttributes: { plan: null } }]);
  });
});

describe('Company', () => {
  beforeEach(() => {
    rig.fake.answers['companies/find'] = ({ name }: { name: string }) => ({
      companies: name === 'Globex' ? [{ id: 'co-9', name: 'Globex', companyId: 'gx' }, { id: 'co-1', name: 'Acme Corp', companyId: null }] : [],
    });
  });

  it('finds companies on Enter and attaches the contact to one', async () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Company' }));
    const name = screen.getByRole('textbox', { name: 'Company name' });
    fireEvent.input(name, { target: { value: 'Globex' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    const matches = await screen.findByRole('list', { name: 'Matching companies' });
    expect(rig.fake.sent.filter((m) => m.type === 'companies/find').map((m) => m.input)).toEqual([{ name: 'Globex' }]);
    // Acme Corp is already attached: not offered again. Globex exists: no "Create".
    expect(within(matches).getAllByRole('button').map((b) => b.textContent)).toEqual(['Attach to Globex']);
    expect(screen.queryByRole('button', { name: /Create company/ })).toBeNull();
    fireEvent.click(within(matches).getByRole('button', { name: 'Attach to Globex' }));
    await screen.findByText('Company attached');
    expect(rig.submitted).toEqual([{ kind: 'contact.attach-company', contactId: 'c-ana', companyId: 'co-9' }]);
  });

  it('creates a company that was not found', async () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Company' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Company name' }), { target: { value: 'Initech' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    await screen.findByText('No company called “Initech” yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Create company “Initech”' }));
    await screen.findByText('Company created and attached');
    expect(rig.submitted).toEqual([{ kind: 'contact.create-company', contactId: 'c-ana', name: 'Initech' }]);
  });

  it('detaches the contact from a company', async () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Company' }));
    fireEvent.click(screen.getByRole('button', { name: 'Detach Acme Corp' }));
    await screen.findByText('Company detached');
    expect(rig.submitted).toEqual([{ kind: 'contact.detach-company', contactId: 'c-ana', companyId: 'co-1' }]);
  });
});

describe('Event', () => {
  it('records an event with its metadata on Enter', async () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Event' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Event name' }), { target: { value: 'invoice-paid' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add field' }));
    const key = screen.getByRole('textbox', { name: 'Field 1 name' });
    await waitFor(() => expect(document.activeElement).toBe(key));
    fireEvent.input(key, { target: { value: 'amount' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Field 1 value' }), { target: { value: '120' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add field' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Field 2 name' }), { target: { value: 'plan' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Field 2 value' }), { target: { value: 'pro' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add field' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove field 3' }));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Event name' }), { key: 'Enter' });
    await screen.findByText('Event recorded');
    expect(rig.submitted).toEqual([{ kind: 'contact.event', contactId: 'c-ana', name: 'invoice-paid', metadata: { amount: '120', plan: 'pro' } }]);
  });

  it('takes at most ten metadata fields', () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Event' }));
    const add = screen.getByRole('button', { name: 'Add field' }) as HTMLButtonElement;
    for (let i = 0; i < 10; i++) fireEvent.click(add);
    expect(screen.getAllByRole('textbox', { name: /^Field \d+ name$/ })).toHaveLength(10);
    expect(add.disabled).toBe(true);
    expect(screen.getByText('An event takes up to 10 fields.')).toBeTruthy();
    fireEvent.click(add);
    expect(screen.getAllByRole('textbox', { name: /^Field \d+ name$/ })).toHaveLength(10);
  });

  it('requires a name', () => {
    renderCard(rig);
    fireEvent.click(screen.getByRole('button', { name: 'Event' }));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Event name' }), { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toBe('Fill in the required fields.');
    expect(rig.submitted).toEqual([]);
  });
});
