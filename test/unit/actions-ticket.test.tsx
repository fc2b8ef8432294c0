// @vitest-environment jsdom
/** Ticket: a form built from the ticket type's attributes, required ones enforced, conversations linked. */
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../src/protocol/actions';
import { entry, renderCard, setup, type Rig } from './actions-fixtures';
import { preloadForms } from '../../src/widget/actions/ContactActions';

// The quick-action forms load apart from the card: fetched first, they open at once as in the extension.
beforeAll(() => preloadForms());

let rig: Rig;
beforeEach(() => {
  rig = setup();
});
afterEach(cleanup);

function conversation(id: string, title: string, state = 'open'): ConversationSummary {
  return { id, title, state, updatedAt: 1, snoozedUntil: null, assignee: null, lastPart: '', tags: [], url: `https://app.intercom.com/c/${id}` };
}

async function openTicket(type: string) {
  renderCard(rig);
  fireEvent.click(screen.getByRole('button', { name: 'Ticket' }));
  const form = screen.getByRole('form', { name: 'Create a ticket' });
  const select = within(form).getByRole('combobox', { name: 'Ticket type' });
  await within(select).findByRole('option', { name: type });
  fireEvent.change(select, { target: { value: type === 'Bug report' ? 'tt-bug' : 'tt-cust' } });
  return form;
}

describe('Ticket', () => {
  it('builds the form from the type’s attributes and sends them typed', async () => {
    rig.fake.answers['contact/activity'] = () => ({ conversations: [conversation('conv-1', 'Invoice question'), conversation('conv-2', 'Old', 'closed')], tickets: [] });
    rig.respond = (a) => entry(a, 'done', { ticket: { id: '9001', ticketId: '42', typeName: 'Bug report', state: 'submitted', title: 'Crash', url: 'https://app.intercom.com/a/apps/abc/tickets/9001' } });
    const form = await openTicket('Bug report');
    const box = (name: string) => within(form).getByRole('textbox', { name });
    expect((within(form).getByRole('combobox', { name: 'Severity' }) as HTMLSelectElement).required).toBe(true);
    expect(box('Steps').tagName).toBe('TEXTAREA'); // multiline
    expect((box('Browser') as HTMLInputElement).required).toBe(true);
    expect((within(form).getByRole('spinbutton', { name: 'Affected users' }) as HTMLInputElement).type).toBe('number');
    expect(form.querySelector<HTMLInputElement>('#' + within(form).getByText('Due').getAttribute('for'))!.type).toBe('datetime-local');
    expect(within(form).queryByText('Files')).toBeNull(); // files can't be given here
    expect(within(form).getByText('How bad')).toBeTruthy(); // the attribute's description

    fireEvent.input(box('Title'), { target: { value: 'Crash on export' } });
    fireEvent.input(box('Description'), { target: { value: 'Export to CSV crashes' } });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Severity' }), { target: { value: 'opt-hi' } });
    fireEvent.input(box('Steps'), { target: { value: '1. Export' } });
    fireEvent.input(box('Browser'), { target: { value: 'Chrome' } });
    fireEvent.input(within(form).getByRole('spinbutton', { name: 'Affected users' }), { target: { value: '12' } });
    fireEvent.input(within(form).getByRole('spinbutton', { name: 'Cost' }), { target: { value: '9.5' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Blocking' }));
    const due = form.querySelector<HTMLInputElement>('input[type="datetime-local"]')!;
    fireEvent.input(due, { target: { value: '2026-03-01T10:30' } });
    // Only the open conversation is offered.
    const link = await within(form).findByRole('combobox', { name: 'Link a conversation' });
    expect(within(link).getAllByRole('option').map((o) => o.textContent)).toEqual(['None', 'Invoice question']);
    fireEvent.change(link, { target: { value: 'conv-1' } });
    fireEvent.keyDown(box('Description'), { key: 'Enter', ctrlKey: true });

    const status = await screen.findByText(/Ticket 42 created/);
    expect(rig.submitted).toEqual([
      {
        kind: 'contact.ticket',
        contactId: 'c-ana',
        ticketTypeId: 'tt-bug',
        title: 'Crash on export',
        description: 'Export to CSV crashes',
        attributes: { severity: 'opt-hi', steps: '1. Export', browser: 'Chrome', count: 12, cost: 9.5, blocking: true, due: Math.floor(new Date('2026-03-01T10:30').getTime() / 1000) },
        conversationId: 'conv-1',
      },
    ]);
    const open = within(status.closest('[role="status"]') as HTMLElement).getByRole('link', { name: 'Open ticket in Intercom' });
    expect(open.getAttribute('href')).toBe('https://app.intercom.com/a/apps/abc/tickets/9001');
    expect(rig.fake.sent.find((m) => m.type === 'contact/activity')?.input).toEqual({ contactId: 'c-ana' });
  });

  it('refuses to send without the required attributes', async () => {
    const form = await openTicket('Bug report');
    fireEvent.input(within(form).getByRole('textbox', { name: 'Title' }), { target: { value: 'Crash' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create ticket' }));
    expect(within(form).getByRole('alert').textContent).toBe('Fill in the required fields.');
    expect(document.activeElement).toBe(within(form).getByRole('combobox', { name: 'Severity' }));
    expect(rig.submitted).toEqual([]);
  });

  it('requires a title', async () => {
    const form = await openTicket('Customer request');
    fireEvent.click(within(form).getByRole('button', { name: 'Create ticket' }));
    expect(document.activeElement).toBe(within(form).getByRole('textbox', { name: 'Title' }));
    expect(rig.submitted).toEqual([]);
  });

  it('does not offer linking a conversation for Customer tickets', async () => {
    rig.fake.answers['contact/activity'] = () => ({ conversations: [conversation('conv-1', 'Invoice question')], tickets: [] });
    const form = await openTicket('Customer request');
    fireEvent.input(within(form).getByRole('textbox', { name: 'Title' }), { target: { value: 'Refund' } });
    await new Promise((r) => setTimeout(r, 10));
    expect(within(form).queryByRole('combobox', { name: 'Link a conversation' })).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Create ticket' }));
    await screen.findByText('Ticket created');
    expect(rig.submitted).toEqual([{ kind: 'contact.ticket', contactId: 'c-ana', ticketTypeId: 'tt-cust', title: 'Refund', attributes: {} }]);
  });

  it('shows the error when the ticket could not be created, keeping the form', async () => {
    rig.respond = (a) => entry(a, 'failed', undefined, { code: 'bad_request', detail: 'Ticket type is archived', intercomCode: 'parameter_invalid' });
    const form = await openTicket('Customer request');
    fireEvent.input(within(form).getByRole('textbox', { name: 'Title' }), { target: { value: 'Refund' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create ticket' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Ticket type is archived');
    expect((within(form).getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Refund');
  });
});
