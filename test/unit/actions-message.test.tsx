// @vitest-environment jsdom
/** Message: the recipient, the confirm step, what is sent, and emails refused before anything is sent. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContactView } from '../../src/protocol/schemas';
import { contact, entry, renderCard, setup, type Rig } from './actions-fixtures';
import { preloadForms } from '../../src/widget/actions/ContactActions';

// The quick-action forms load apart from the card: fetched first, they open at once as in the extension.
beforeAll(() => preloadForms());

let rig: Rig;
beforeEach(() => {
  rig = setup();
});
afterEach(cleanup);

function openMessage(c: ContactView = contact()) {
  renderCard(rig, c);
  fireEvent.click(screen.getByRole('button', { name: 'Message' }));
  return screen.getByRole('form', { name: 'Send a message' });
}

describe('Message', () => {
  it('shows the recipient, asks for confirmation, and sends an in-app message', async () => {
    const form = openMessage();
    expect(within(form).getByText('To: Ana Lima <ana@acme.test>')).toBeTruthy();
    expect((within(form).getByRole('radio', { name: 'In-app' }) as HTMLInputElement).checked).toBe(true);
    expect(within(form).queryByRole('textbox', { name: 'Subject' })).toBeNull();
    fireEvent.input(within(form).getByRole('textbox', { name: 'Message' }), { target: { value: 'Hi Ana, your invoice is ready.' } });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Template' }), { target: { value: 'personal' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    // Nothing is sent before the confirmation.
    const confirm = within(form).getByRole('button', { name: 'Confirm send' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(within(form).getByRole('group', { name: 'Confirm sending' }).textContent).toContain('Send this in-app message to Ana Lima <ana@acme.test>?');
    expect(rig.submitted).toEqual([]);
    fireEvent.click(confirm);
    await screen.findByText('Message sent');
    expect(rig.submitted).toEqual([
      { kind: 'contact.message', contactId: 'c-ana', channel: 'inapp', body: 'Hi Ana, your invoice is ready.', template: 'personal' },
    ]);
    expect(screen.queryByRole('form', { name: 'Send a message' })).toBeNull();
  });

  it('sends an email with its subject; Ctrl+Enter in the body goes to the confirmation', async () => {
    const form = openMessage();
    fireEvent.click(within(form).getByRole('radio', { name: 'Email' }));
    const subject = within(form).getByRole('textbox', { name: 'Subject' });
    expect((subject as HTMLInputElement).required).toBe(true);
    fireEvent.input(subject, { target: { value: 'Your invoice' } });
    const body = within(form).getByRole('textbox', { name: 'Message' });
    fireEvent.input(body, { target: { value: 'It is attached.' } });
    fireEvent.keyDown(body, { key: 'Enter' }); // a new line, not a submit
    expect(within(form).queryByRole('button', { name: 'Confirm send' })).toBeNull();
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    fireEvent.click(await within(form).findByRole('button', { name: 'Confirm send' }));
    await screen.findByText('Email sent');
    expect(rig.submitted).toEqual([
      { kind: 'contact.message', contactId: 'c-ana', channel: 'email', subject: 'Your invoice', body: 'It is attached.', template: 'plain' },
    ]);
  });

  it('Cancel leaves the confirmation without sending', async () => {
    const form = openMessage();
    fireEvent.input(within(form).getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(within(form).getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(rig.submitted).toEqual([]);
  });

  it('requires the subject of an email', async () => {
    const form = openMessage();
    fireEvent.click(within(form).getByRole('radio', { name: 'Email' }));
    fireEvent.input(within(form).getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    expect(within(form).getByRole('alert').textContent).toBe('Fill in the required fields.');
    expect(document.activeElement).toBe(within(form).getByRole('textbox', { name: 'Subject' }));
    expect(within(form).queryByRole('button', { name: 'Confirm send' })).toBeNull();
  });

  it.each([
    ['has unsubscribed', contact({ unsubscribed: true }), 'unsubscribed'],
    ['has no email address', contact({ email: null }), 'no email address'],
  ])('refuses an email to a contact who %s, before anything is sent', (_, c, reason) => {
    const form = openMessage(c);
    fireEvent.click(within(form).getByRole('radio', { name: 'Email' }));
    expect(within(form).getByRole('alert').textContent).toContain(reason);
    fireEvent.input(within(form).getByRole('textbox', { name: 'Subject' }), { target: { value: 'Hi' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    expect(within(form).queryByRole('button', { name: 'Confirm send' })).toBeNull();
    expect(rig.submitted).toEqual([]);
    // In-app still works for them.
    fireEvent.click(within(form).getByRole('radio', { name: 'In-app' }));
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('says "may or may not have been sent" when the answer was lost, and keeps what was written', async () => {
    rig.respond = (a) => entry(a, 'uncertain', undefined, { code: 'uncertain' });
    const form = openMessage();
    fireEvent.input(within(form).getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Confirm send' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('may or may not have been sent');
    expect((within(form).getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('Hello');
    expect(within(form).getByRole('button', { name: 'Send' })).toBeTruthy();
  });

  it('shows why a failed message failed', async () => {
    rig.respond = (a) => entry(a, 'failed', undefined, { code: 'unprocessable', detail: 'Message body is too long', intercomCode: 'parameter_invalid' });
    const form = openMessage();
    fireEvent.input(within(form).getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Confirm send' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Message body is too long');
  });
});
