// @vitest-environment jsdom
/**
 * "Tag all" and "Create leads for all": what is submitted (one batch, two at a time), the progress bar and
 * counts, each item's outcome (a rate-limited one included), and "Cancel".
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionInput, OutboxEntry, WorkspaceView } from '../../src/protocol/actions';
import type { ContactView } from '../../src/protocol/schemas';
import { BulkBar, type BulkBarProps } from '../../src/widget/bulk/BulkBar';
import { resetWorkspace } from '../../src/widget/useWorkspace';
import { getMessage, installFakeChrome, type FakeChrome } from './fake-chrome';
import { contactView } from './fixtures';

const contact = (id: string, email: string, role: ContactView['role'] = 'user') => contactView({ id, email, role });

const workspace: WorkspaceView = {
  appId: 'abc',
  me: { id: 'a-1', name: 'Sam', email: null },
  actingAdminId: 'a-1',
  admins: [],
  teams: [],
  tags: [
    { id: 'tg-1', name: 'VIP' },
    { id: 'tg-2', name: 'Webinar' },
  ],
  ticketTypes: [],
};

let fake: FakeChrome;
type Submit = { id: string; action: ActionInput; batchId?: string };
let answer: (input: Submit) => Partial<OutboxEntry> | Promise<Partial<OutboxEntry>>;
let inFlight = 0;
let maxInFlight = 0;

const submits = () => fake.sent.filter((m) => m.type === 'outbox/submit').map((m) => m.input as Submit);
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

beforeEach(() => {
  fake = installFakeChrome();
  resetWorkspace();
  fake.answers['workspace/info'] = () => workspace;
  fake.answers['outbox/cancel'] = () => ({ cancelled: 0 });
  inFlight = 0;
  maxInFlight = 0;
  answer = () => ({ state: 'done', result: {} });
  fake.answers['outbox/submit'] = async (input: Submit) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const out = await answer(input);
      return { id: input.id, action: input.action, batchId: input.batchId, createdAt: 1, updatedAt: 2, attempts: 1, ...out };
    } finally {
      inFlight--;
    }
  };
});
afterEach(() => cleanup());

const people: BulkBarProps['rows'] = [
  { email: 'ana@acme.test', contact: contact('c-ana', 'ana@acme.test') },
  { email: 'ben@leads.test', contact: contact('c-ben', 'ben@leads.test', 'lead') },
  { email: 'cy@nowhere.test', contact: null },
  { email: 'dee@acme.test', contact: contact('c-dee', 'dee@acme.test') },
  { email: 'eve@nowhere.test', contact: null, name: 'Eve Adams' },
  { email: 'fay@pending.test', contact: undefined },
];

function results(): Array<[string, string]> {
  const list = screen.getByRole('list', { name: 'Results' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => [li.querySelector('.bulk-email')!.textContent!, li.querySelector('.bulk-outcome')!.textContent!]);
}

function progress() {
  const bar = screen.getByRole('progressbar');
  return { now: bar.getAttribute('aria-valuenow'), max: bar.getAttribute('aria-valuemax'), text: bar.getAttribute('aria-valuetext') };
}

describe('Create leads for all', () => {
  it('creates a lead for every unknown address in one batch and reports the new contacts', async () => {
    answer = ({ action }) => ({ state: 'done', result: { contact: contact(`new-${(action as { email: string }).email}`, (action as { email: string }).email, 'lead') } });
    const onContacts = vi.fn();
    render(<BulkBar rows={people} onContacts={onContacts} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create leads for all' }));
    await waitFor(() => expect(progress().now).toBe('2'));

    const sent = submits();
    expect(sent.map((s) => s.action)).toEqual([
      { kind: 'contact.create-lead', email: 'cy@nowhere.test' },
      // The name the page showed beside the address goes with it.
      { kind: 'contact.create-lead', email: 'eve@nowhere.test', name: 'Eve Adams' },
    ]);
    expect(sent[0]!.batchId).toMatch(/^[\w-]{8,64}$/);
    expect(sent[1]!.batchId).toBe(sent[0]!.batchId);
    expect(new Set(sent.map((s) => s.id)).size).toBe(2);
    expect(progress()).toEqual({ now: '2', max: '2', text: '2 of 2' });
    expect(screen.getByText(/2 of 2/).textContent).toContain('Creating leads');
    expect(screen.getByText('2 done, 0 failed.')).toBeTruthy();
    expect(results()).toEqual([
      ['cy@nowhere.test', 'Done'],
      ['eve@nowhere.test', 'Done'],
    ]);
    expect(onContacts.mock.calls.map(([u]) => Object.keys(u as object)[0])).toEqual(['cy@nowhere.test', 'eve@nowhere.test']);
    expect((onContacts.mock.calls[0]![0] as Record<string, ContactView>)['cy@nowhere.test']!.id).toBe('new-cy@nowhere.test');
  });

  it('is disabled when everyone is known', () => {
    render(<BulkBar rows={people.filter((r) => r.contact)} onContacts={() => undefined} />);
    expect((screen.getByRole('button', { name: 'Create leads for all' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Tag all', () => {
  it('tags every found contact with the chosen tag, two at a time, and shows a rate-limited item’s reason', async () => {
    answer = async ({ action }) => {
      await new Promise((r) => setTimeout(r, 5));
      return (action as { contactId: string }).contactId === 'c-ben'
        ? { state: 'failed', error: { code: 'rate_limited', retryAfter: 20 } }
        : { state: 'done', result: {} };
    };
    render(<BulkBar rows={people} onContacts={() => undefined} />);
    const select = await screen.findByRole('combobox', { name: 'Tag' });
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['VIP', 'Webinar', 'A new tag…']));
    fireEvent.change(select, { target: { value: 'tg-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tag all' }));
    await waitFor(() => expect(progress().now).toBe('3'));

    expect(submits().map((s) => s.action)).toEqual([
      { kind: 'contact.tag', contactId: 'c-ana', tagId: 'tg-2' },
      { kind: 'contact.tag', contactId: 'c-ben', tagId: 'tg-2' },
      { kind: 'contact.tag', contactId: 'c-dee', tagId: 'tg-2' },
    ]);
    expect(new Set(submits().map((s) => s.batchId)).size).toBe(1);
    expect(maxInFlight).toBe(2);
    expect(progress()).toEqual({ now: '3', max: '3', text: '3 of 3' });
    expect(screen.getByText('2 done, 1 failed.')).toBeTruthy();
    expect(results()).toEqual([
      ['ana@acme.test', 'Done'],
      ['ben@leads.test', getMessage('err_rate_limited_other', '20')],
      ['dee@acme.test', 'Done'],
    ]);
    // The run is over: the buttons are back, Cancel is gone.
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Tag all' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('creates a typed new tag first, then tags everyone with it', async () => {
    answer = ({ action }) =>
      action.kind === 'tag.create' ? { state: 'done', result: { tag: { id: 'tg-new', name: action.name } } } : { state: 'done', result: {} };
    render(<BulkBar rows={people} onContacts={() => undefined} />);
    const select = await screen.findByRole('combobox', { name: 'Tag' });
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(3));
    fireEvent.change(select, { target: { value: '__new__' } });
    const name = screen.getByRole('textbox', { name: 'New tag name' });
    expect((screen.getByRole('button', { name: 'Tag all' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(name, { target: { value: ' Spring promo ' } });
    // Enter in the form runs it.
    fireEvent.submit(name.closest('form')!);
    await waitFor(() => expect(progress().now).toBe('3'));
    const sent = submits();
    expect(sent.map((s) => s.action)).toEqual([
      { kind: 'tag.create', name: 'Spring promo' },
      { kind: 'contact.tag', contactId: 'c-ana', tagId: 'tg-new' },
      { kind: 'contact.tag', contactId: 'c-ben', tagId: 'tg-new' },
      { kind: 'contact.tag', contactId: 'c-dee', tagId: 'tg-new' },
    ]);
    expect(new Set(sent.map((s) => s.batchId)).size).toBe(1);
  });

  it('stops when the new tag cannot be created, and says why', async () => {
    answer = () => ({ state: 'failed', error: { code: 'unprocessable' } });
    render(<BulkBar rows={people} onContacts={() => undefined} />);
    const select = await screen.findByRole('combobox', { name: 'Tag' });
    fireEvent.change(select, { target: { value: '__new__' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'New tag name' }), { target: { value: 'X' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tag all' }));
    expect((await screen.findByRole('alert')).textContent).toContain(getMessage('err_unprocessable'));
    expect(submits()).toHaveLength(1);
  });
});

describe('Cancel', () => {
  it('submits nothing more, cancels the batch in the worker, and shows what was left as cancelled', async () => {
    const many: BulkBarProps['rows'] = Array.from({ length: 6 }, (_, i) => ({ email: `p${i}@x.test`, contact: null }));
    const pending: Array<(e: Partial<OutboxEntry>) => void> = [];
    answer = () => new Promise((resolve) => pending.push(resolve));
    render(<BulkBar rows={many} onContacts={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create leads for all' }));
    await settle();
    expect(submits()).toHaveLength(2);
    expect(progress()).toEqual({ now: '0', max: '6', text: '0 of 6' });

    await act(async () => pending.shift()!({ state: 'done', result: {} }));
    await settle();
    expect(submits()).toHaveLength(3);
    expect(progress().now).toBe('1');
    expect(screen.getByText(/1 of 6/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(fake.sent.filter((m) => m.type === 'outbox/cancel').map((m) => m.input)).toEqual([{ batchId: submits()[0]!.batchId }]);
    // What was in flight comes back: one was sent after all, one was cancelled by the worker.
    await act(async () => {
      pending.shift()!({ state: 'done', result: {} });
      pending.shift()!({ state: 'cancelled' });
    });
    await settle();
    expect(submits()).toHaveLength(3);
    expect(results()).toEqual([
      ['p0@x.test', 'Done'],
      ['p1@x.test', 'Done'],
      ['p2@x.test', 'Cancelled'],
      ['p3@x.test', 'Cancelled'],
      ['p4@x.test', 'Cancelled'],
      ['p5@x.test', 'Cancelled'],
    ]);
    expect(progress()).toEqual({ now: '6', max: '6', text: '6 of 6' });
    expect(screen.getByText(/2 done, 0 failed\./).textContent).toContain('4 cancelled.');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
