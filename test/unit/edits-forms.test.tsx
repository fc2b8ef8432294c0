// @vitest-environment jsdom
/**
 * The card's editor, delete and merge confirmations, and Copy details (issue 14): the control each data attribute
 * type gets, what is sent for the user's clicks, what is never sent, and what the confirmations name.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttributeView } from '../../src/protocol/edits';
import type { ContactView, ErrorInfo } from '../../src/protocol/schemas';
import { ContactCard } from '../../src/widget/ContactCard';
import { CopyDetails } from '../../src/widget/CopyDetails';
import { controlFor, fromField, toField } from '../../src/widget/actions/attribute-values';
import { errorDetails } from '../../src/widget/error-details';
import { contact, entry, renderCard, setup, workspace, type Rig } from './actions-fixtures';

const attr = (over: Partial<AttributeView> & Pick<AttributeView, 'name' | 'type'>): AttributeView => ({
  label: over.name,
  description: null,
  options: [],
  writable: true,
  custom: true,
  ...over,
});
const ATTRIBUTES: AttributeView[] = [
  attr({ name: 'owner_id', type: 'integer', custom: false, label: 'Owner' }),
  attr({ name: 'unsubscribed_from_emails', type: 'boolean', custom: false }),
  attr({ name: 'plan', type: 'string', label: 'Plan', options: ['Starter', 'Growth', 'Enterprise'] }),
  attr({ name: 'seats', type: 'integer', label: 'Seats' }),
  attr({ name: 'churn_risk', type: 'boolean', label: 'Churn risk' }),
  attr({ name: 'notes', type: 'string', label: 'Notes' }),
  attr({ name: 'renews_at', type: 'date', label: 'Renews', description: 'The next renewal day' }),
  attr({ name: 'nps', type: 'float', label: 'NPS score' }),
  attr({ name: 'billing_id', type: 'string', label: 'Billing ID', writable: false }),
  attr({ name: 'archived_thing', type: 'string', label: 'Never shown', writable: false }),
];
const ADMINS = [
  { id: '11', name: 'Sam Admin', email: 'sam@acme.test' },
  { id: '12', name: 'Kim Kaur', email: 'kim@acme.test' },
];

let rig: Rig;
beforeEach(() => {
  rig = setup();
  rig.fake.answers['workspace/info'] = () => ({ ...workspace, admins: ADMINS });
  rig.fake.answers['contact/attributes'] = () => ({ attributes: ATTRIBUTES });
});
afterEach(cleanup);

const ana = (over: Partial<ContactView> = {}) =>
  contact({
    ownerId: '11',
    unsubscribedFromEmails: false,
    customAttributes: { plan: 'Enterprise', seats: 42, churn_risk: false, notes: null, renews_at: 1_767_225_600, billing_id: 'B-77' },
    ...over,
  });

describe('the control per type', () => {
  it.each([
    ['string', [], 'text'],
    ['string', ['a', 'b'], 'select'],
    ['integer', [], 'integer'],
    ['float', [], 'number'],
    ['boolean', [], 'checkbox'],
    ['date', [], 'date'],
  ] as const)('%s with options %j → %s', (type, options, control) => {
    expect(controlFor(type, options)).toBe(control);
  });

  it('dates are the UTC day and back; numbers and list values are checked', () => {
    expect(toField('date', 1_767_225_600)).toBe('2026-01-01');
    expect(fromField('date', '2026-01-01')).toEqual({ ok: true, value: 1_767_225_600 });
    expect(fromField('date', '2026-02-30')).toEqual({ ok: false });
    expect(fromField('integer', '12')).toEqual({ ok: true, value: 12 });
    expect(fromField('integer', '1.5')).toEqual({ ok: false });
    expect(fromField('float', '1.5')).toEqual({ ok: true, value: 1.5 });
    expect(fromField('float', 'abc')).toEqual({ ok: false });
    expect(fromField('string', 'Growth', ['Growth'])).toEqual({ ok: true, value: 'Growth' });
    expect(fromField('string', 'Gold', ['Growth'])).toEqual({ ok: false });
    expect(fromField('string', '  ')).toEqual({ ok: true, value: null });
    expect(fromField('boolean', true)).toEqual({ ok: true, value: true });
  });
});

describe('Edit with the workspace’s data attributes', () => {
  async function openEdit(c = ana()) {
    renderCard(rig, c);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    // Waiting bounds (the form's module and the attributes load first), not speed checks.
    const form = await screen.findByRole('form', { name: 'Edit the contact' }, { timeout: 10_000 });
    await within(form).findByRole('combobox', { name: 'Plan' }, { timeout: 10_000 });
    return form;
  }

  it('gives each attribute its control, shows read-only ones as text, and labels them as Intercom does', async () => {
    const form = await openEdit();
    expect((within(form).getByRole('combobox', { name: 'Plan' }) as HTMLSelectElement).value).toBe('Enterprise');
    expect((within(form).getByRole('spinbutton', { name: 'Seats' }) as HTMLInputElement).value).toBe('42');
    expect((within(form).getByRole('checkbox', { name: 'Churn risk' }) as HTMLInputElement).checked).toBe(false);
    expect((within(form).getByRole('textbox', { name: 'Notes' }) as HTMLInputElement).value).toBe('');
    const renews = within(form).getByLabelText('Renews') as HTMLInputElement;
    expect([renews.type, renews.value]).toEqual(['date', '2026-01-01']);
    expect(renews.getAttribute('aria-describedby') && document.getElementById(renews.getAttribute('aria-describedby')!)?.textContent).toBe('The next renewal day');
    // Read-only: its value is shown, with no control to change it.
    expect(within(form).queryByRole('textbox', { name: 'Billing ID' })).toBeNull();
    expect(within(form).getByText('B-77')).toBeTruthy();
    expect(within(form).getByText('Read-only')).toBeTruthy();
    // Owner: the workspace's admins; unsubscribe: a checkbox.
    const owner = within(form).getByRole('combobox', { name: 'Owner' }) as HTMLSelectElement;
    expect([...owner.options].map((o) => o.textContent)).toEqual(['No owner', 'Sam Admin', 'Kim Kaur']);
    expect(owner.value).toBe('11');
    expect(within(form).getByRole('checkbox', { name: 'Unsubscribed from email' })).toBeTruthy();
    // Add attribute offers only writable custom attributes the contact does not have.
    const add = within(form).getByRole('combobox', { name: 'Add attribute' }) as HTMLSelectElement;
    expect([...add.options].slice(1).map((o) => o.textContent)).toEqual(['NPS score']);
  });

  it('sends the changed fields only, typed: a list value, a new attribute, the owner, unsubscribe, a date', async () => {
    rig.respond = (a) => entry(a, 'done', { contact: ana() });
    const form = await openEdit();
    fireEvent.change(within(form).getByRole('combobox', { name: 'Plan' }), { target: { value: 'Growth' } });
    fireEvent.input(within(form).getByLabelText('Renews'), { target: { value: '2026-03-31' } });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Add attribute' }), { target: { value: 'nps' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    const nps = await within(form).findByRole('spinbutton', { name: 'NPS score' });
    await waitFor(() => expect(document.activeElement).toBe(nps));
    fireEvent.input(nps, { target: { value: '8.5' } });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Owner' }), { target: { value: '12' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Unsubscribed from email' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Contact saved');
    expect(rig.submitted).toEqual([
      {
        kind: 'contact.update',
        contactId: 'c-ana',
        ownerId: '12',
        unsubscribedFromEmails: true,
        customAttributes: { plan: 'Growth', renews_at: 1_774_915_200, nps: 8.5 },
      },
    ]);
  });

  it('a number that is not one says which attribute, sends nothing and keeps what was typed', async () => {
    const form = await openEdit();
    const seats = within(form).getByRole('spinbutton', { name: 'Seats' }) as HTMLInputElement;
    fireEvent.input(seats, { target: { value: '2.5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe("Seats: this value is not of the attribute's type. Nothing was sent.");
    expect(rig.submitted).toEqual([]);
    expect(seats.value).toBe('2.5');
    await waitFor(() => expect(document.activeElement).toBe(seats));
  });

  it('what was typed before the attributes arrived stays; the rest then shows as its type does', async () => {
    let answer!: (v: { attributes: AttributeView[] }) => void;
    rig.fake.answers['contact/attributes'] = () => new Promise((resolve) => (answer = resolve));
    renderCard(rig, ana());
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit the contact' }, { timeout: 10_000 });
    // Until then each attribute is edited by its value's type (the date is a number).
    const notes = within(form).getByRole('textbox', { name: 'notes' }) as HTMLInputElement;
    fireEvent.input(notes, { target: { value: 'Typed early' } });
    expect((within(form).getByRole('spinbutton', { name: 'renews_at' }) as HTMLInputElement).value).toBe('1767225600');
    await act(async () => answer({ attributes: ATTRIBUTES }));
    expect(((await within(form).findByRole('textbox', { name: 'Notes' })) as HTMLInputElement).value).toBe('Typed early');
    expect((within(form).getByLabelText('Renews') as HTMLInputElement).value).toBe('2026-01-01');
  });

  it('owner back to none is sent as null', async () => {
    const form = await openEdit();
    fireEvent.change(within(form).getByRole('combobox', { name: 'Owner' }), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Contact saved');
    expect(rig.submitted).toEqual([{ kind: 'contact.update', contactId: 'c-ana', ownerId: null }]);
  });
});

describe('Delete and Merge on the card', () => {
  function renderFull(c: ContactView, onGone = vi.fn()) {
    render(<ContactCard contact={c} onContact={() => undefined} onGone={onGone} />);
    return onGone;
  }

  it('Delete names who, starts on Cancel (which sends nothing), then deletes and says so', async () => {
    const onGone = renderFull(ana());
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Ana Lima');
    expect(dialog.textContent).toContain('ana@acme.test');
    expect(dialog.getAttribute('aria-labelledby') && document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Delete this contact from Intercom?');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(rig.submitted).toEqual([]);

    rig.respond = (a) => entry(a, 'done', { deleted: { id: 'c-ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete contact' }));
    expect((await screen.findByText('Ana Lima was deleted from Intercom.')).closest('[role="status"]')).toBeTruthy();
    expect(rig.submitted).toEqual([{ kind: 'contact.delete', contactId: 'c-ana' }]);
    expect(onGone).toHaveBeenCalledWith(expect.objectContaining({ id: 'c-ana' }), { kind: 'deleted' });
    // Nothing more to do to someone who is gone.
    expect(screen.queryByRole('group', { name: 'Quick actions' })).toBeNull();
  });

  it('a failed delete keeps the card and says why, with Copy details', async () => {
    rig.respond = (a) => entry(a, 'failed', undefined, { code: 'forbidden', status: 403, requestId: 'req-403', request: 'DELETE /contacts/c-ana' });
    renderFull(ana());
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete contact' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('button', { name: 'Copy details' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Quick actions' })).toBeTruthy();
  });

  it('Merge is offered for a lead only; it finds a user by email, refuses a lead, names both, and merges', async () => {
    renderFull(ana());
    expect(screen.queryByRole('button', { name: 'Merge' })).toBeNull();
    cleanup();
    const lead = ana({ id: 'c-lead', role: 'lead', name: 'Ana (lead)', email: 'ana.lead@acme.test' });
    const user = contact({ id: 'c-user', name: 'Ana Lima', email: 'ana@acme.test', role: 'user' });
    const other = contact({ id: 'c-other', name: 'Bo', email: 'bo@acme.test', role: 'lead' });
    rig.fake.answers['contacts/lookup'] = ({ emails }: { emails: string[] }) => ({
      contacts: { [emails[0]!]: emails[0] === 'ana@acme.test' ? user : emails[0] === 'bo@acme.test' ? other : null },
    });
    rig.respond = (a) => entry(a, 'done', { survivor: user });
    const onGone = renderFull(lead);
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    const email = await screen.findByRole('textbox', { name: "User's email address" });
    fireEvent.input(email, { target: { value: 'bo@acme.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    expect((await screen.findByRole('alert')).textContent).toBe('bo@acme.test is a lead, not a user: a lead can only be merged into a user.');
    fireEvent.input(email, { target: { value: 'nobody@acme.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No one in Intercom has the address nobody@acme.test.');
    fireEvent.input(email, { target: { value: 'ana@acme.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    const dialog = await screen.findByRole('alertdialog');
    const text = dialog.textContent!;
    expect(text).toContain('Merged away (lead)Ana (lead) ana.lead@acme.test');
    expect(text).toContain('Remains (user)Ana Lima ana@acme.test');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    expect(rig.submitted).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge into this user' }));
    await screen.findByText('Ana (lead) was merged into Ana Lima, who remains in Intercom.');
    expect(rig.submitted).toEqual([{ kind: 'contact.merge', contactId: 'c-lead', intoId: 'c-user' }]);
    expect(onGone).toHaveBeenCalledWith(expect.objectContaining({ id: 'c-lead' }), { kind: 'merged', into: user });
    expect(screen.getByRole('button', { name: 'Open Ana Lima' })).toBeTruthy();
  });
});

describe('Copy details', () => {
  const failure: ErrorInfo = {
    code: 'bad_request',
    status: 400,
    requestId: 'b6f2c1d0-req',
    request: 'PUT /contacts/c-ana',
    at: Date.UTC(2026, 11, 5, 9, 30),
    intercomCode: 'parameter_invalid',
    field: 'custom_attributes.plan',
    detail: "Custom attribute 'plan' must be one of: starter, growth",
  };

  it('says what Intercom’s support asks for', () => {
    expect(errorDetails(failure, 0).split('\n')).toEqual([
      'Intercom request ID: b6f2c1d0-req',
      'Request: PUT /contacts/c-ana',
      'Time (UTC): 2026-12-05T09:30:00.000Z',
      'HTTP status: 400',
      'Intercom error code: parameter_invalid (custom_attributes.plan)',
      "Intercom's message: Custom attribute 'plan' must be one of: starter, growth",
      'Sidekick error: bad_request',
    ]);
    const offline = errorDetails({ code: 'unreachable', detail: 'api.intercom.io' }, Date.UTC(2026, 0, 2));
    expect(offline).toContain('Intercom request ID: none');
    expect(offline).toContain('Time (UTC): 2026-01-02T00:00:00.000Z');
  });

  it('never carries a credential, even one that found its way into a message', () => {
    // Made up here (nothing token-shaped is written in the source): an opaque token, a JWT and a long key.
    const opaque = `made-up-${'x'.repeat(24)}`;
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
    const jwt = `${b64({ alg: 'HS256' })}.${b64({ sub: 'x' })}.${b64({ s: 1 })}`;
    const key = 'k'.repeat(48);
    const leaked = `Authorization: ${['Bear', 'er'].join('')} ${opaque} and ${jwt} and ${key}`;
    const text = errorDetails({ ...failure, detail: leaked }, 0);
    for (const secret of [opaque, jwt.split('.')[0]!, key]) expect(text).not.toContain(secret);
    expect(text).toContain('Bearer [removed]');
  });

  it('puts them on the clipboard, and says so', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<CopyDetails error={failure} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy details' }));
    });
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(errorDetails(failure, 0)));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Details copied'));
  });

  it('without a clipboard, shows the text selected to copy by hand', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) }, configurable: true });
    render(<CopyDetails error={failure} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy details' }));
    });
    expect(((await screen.findByRole('textbox', { name: 'Copy details' })) as HTMLTextAreaElement).value).toBe(errorDetails(failure, 0));
  });
});
