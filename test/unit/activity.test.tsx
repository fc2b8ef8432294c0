// @vitest-environment jsdom
/**
 * A contact's conversations and tickets on the card: what each button and key submits to the outbox, what
 * the row shows after, the snooze presets' times, and the sanitising of Intercom's HTML.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionInput, ConversationDetail, ConversationSummary, OutboxEntry, WorkspaceView } from '../../src/protocol/actions';
import type { ContactView } from '../../src/protocol/schemas';
import { ContactActivity } from '../../src/widget/activity/ContactActivity';
import { localInputToSeconds, snoozePresets } from '../../src/widget/activity/snooze';
import { resetWorkspace } from '../../src/widget/useWorkspace';
import { getMessage, installFakeChrome, type FakeChrome } from './fake-chrome';
import { contactView } from './fixtures';
import { preloadConversationForms } from '../../src/widget/activity/ConversationRow';

// The conversation forms load apart from the card: fetched first, they open at once as in the extension.
beforeAll(() => preloadConversationForms());

const ana: ContactView = contactView({ id: 'c-ana', email: 'ana@acme.test', name: 'Ana Lima' });

function conv(over: Partial<ConversationSummary> & Pick<ConversationSummary, 'id'>): ConversationSummary {
  return {
    title: null,
    state: 'open',
    updatedAt: 1_700_000_000,
    snoozedUntil: null,
    assignee: null,
    lastPart: '',
    tags: [],
    url: `https://app.intercom.com/a/inbox/abc/inbox/conversation/${over.id}`,
    ...over,
  };
}

const older = conv({ id: 'cv-1', title: 'Billing question', updatedAt: 1_700_000_000, lastPart: 'Can I get an invoice?' });
const newer = conv({
  id: 'cv-2',
  title: null,
  updatedAt: 1_700_100_000,
  lastPart: '<b>not bold</b> please',
  assignee: { type: 'admin', id: 'a-1', name: 'Sam Support' },
});

const workspace: WorkspaceView = {
  appId: 'abc',
  me: { id: 'a-1', name: 'Sam Support', email: 'sam@x.test' },
  actingAdminId: 'a-1',
  admins: [
    { id: 'a-1', name: 'Sam Support', email: 'sam@x.test' },
    { id: 'a-2', name: 'Kim Kaur', email: 'kim@x.test' },
  ],
  teams: [{ id: 'tm-1', name: 'Tier 2' }],
  tags: [
    { id: 'tg-1', name: 'VIP' },
    { id: 'tg-2', name: 'Refund' },
  ],
  ticketTypes: [],
};

let fake: FakeChrome;
/** What outbox/submit answers with, given the action. Defaults to "done" with the conversation changed. */
let outcome: (action: ActionInput) => Partial<OutboxEntry>;

const submitted = () => fake.sent.filter((m) => m.type === 'outbox/submit').map((m) => (m.input as { action: ActionInput }).action);
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

function doneWith(conversation: ConversationSummary): Partial<OutboxEntry> {
  return { state: 'done', result: { conversation } };
}

beforeEach(() => {
  fake = installFakeChrome();
  resetWorkspace();
  fake.answers['contact/activity'] = () => ({
    conversations: [older, newer],
    tickets: [{ id: 'tk-1', ticketId: '42', typeName: 'Bug report', state: 'In progress', title: 'Export fails', url: 'https://app.intercom.com/t/42' }],
  });
  fake.answers['workspace/info'] = () => workspace;
  outcome = () => ({ state: 'done', result: {} });
  fake.answers['outbox/submit'] = (input: { id: string; action: ActionInput }) => ({
    id: input.id,
    action: input.action,
    createdAt: 1,
    updatedAt: 2,
    attempts: 1,
    ...outcome(input.action),
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function rows(): Promise<HTMLElement[]> {
  const list = await screen.findByRole('list', { name: 'Open conversations' });
  return within(list).getAllByRole('listitem').filter((li) => li.parentElement === list);
}

async function row(title: string): Promise<HTMLElement> {
  const found = (await rows()).find((li) => within(li).queryByRole('link', { name: title }));
  if (!found) throw new Error(`no conversation ${title}`);
  return found;
}

describe('conversations and tickets', () => {
  it('asks for the contact’s activity and lists open conversations newest first, as text', async () => {
    render(<ContactActivity contact={ana} />);
    const items = await rows();
    expect(fake.sent.filter((m) => m.type === 'contact/activity').map((m) => m.input)).toEqual([{ contactId: 'c-ana' }]);
    expect(items.map((li) => within(li).getAllByRole('link')[0]!.textContent)).toEqual(['Conversation', 'Billing question']);
    const first = items[0]!;
    expect(first.textContent).toContain('Open');
    expect(first.textContent).toContain('Assigned to Sam Support');
    // The last part is plain text: markup in it is shown, never rendered.
    expect(first.textContent).toContain('<b>not bold</b> please');
    expect(first.querySelector('b')).toBeNull();
    expect(items[1]!.textContent).toContain('Unassigned');

    const tickets = screen.getByRole('list', { name: 'Tickets' });
    const ticket = within(tickets).getByRole('listitem');
    expect(ticket.textContent).toContain('Bug report');
    expect(ticket.textContent).toContain('In progress');
    const link = within(ticket).getByRole('link', { name: 'Export fails' });
    expect(link.getAttribute('href')).toBe('https://app.intercom.com/t/42');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('shows an error with a way to try again when the activity cannot be loaded', async () => {
    let calls = 0;
    fake.answers['contact/activity'] = () => {
      if (calls++ === 0) throw Object.assign(new Error('x'), { info: { code: 'server' } });
      return { conversations: [], tickets: [] };
    };
    render(<ContactActivity contact={ana} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(getMessage('err_server'));
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No open conversations.')).toBeTruthy();
  });

  it('a section the token may not read says so on its own; the other is still shown, with no error', async () => {
    fake.answers['contact/activity'] = () => ({
      conversations: [],
      tickets: [{ id: 'tk-1', ticketId: '42', typeName: 'Bug report', state: 'In progress', title: 'Export fails', url: 'https://app.intercom.com/t/42' }],
      unavailable: ['conversations'],
    });
    render(<ContactActivity contact={ana} />);
    expect(await screen.findByText(getMessage('cannotReadConversations'))).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export fails' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('No open conversations.')).toBeNull();
  });
});

describe('conversation actions', () => {
  it('Reply: Ctrl+Enter in the textarea sends a comment, and the row shows the worker’s answer', async () => {
    outcome = (a) => doneWith({ ...older, lastPart: (a as { body: string }).body });
    render(<ContactActivity contact={ana} />);
    const r = await row('Billing question');
    const toggle = within(r).getByRole('button', { name: 'Reply' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const box = within(r).getByRole('textbox', { name: 'Your reply' });
    expect(document.activeElement).toBe(box);
    fireEvent.input(box, { target: { value: '  Invoice sent!  ' } });
    // Enter alone is a new line, not a send.
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(submitted()).toEqual([]);
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await settle();
    expect(submitted()).toEqual([{ kind: 'conversation.reply', conversationId: 'cv-1', messageType: 'comment', body: 'Invoice sent!' }]);
    const after = await row('Billing question');
    expect(after.textContent).toContain('Invoice sent!');
    expect(within(after).queryByRole('textbox')).toBeNull();
  });

  it('Note: the "Add note" button sends a note', async () => {
    render(<ContactActivity contact={ana} />);
    const r = await row('Billing question');
    fireEvent.click(within(r).getByRole('button', { name: 'Note' }));
    const box = within(r).getByRole('textbox', { name: /Your note/ });
    fireEvent.input(box, { target: { value: 'Called them back' } });
    fireEvent.click(within(r).getByRole('button', { name: 'Add note' }));
    await settle();
    expect(submitted()).toEqual([{ kind: 'conversation.reply', conversationId: 'cv-1', messageType: 'note', body: 'Called them back' }]);
  });

  it('Close, then Open on the closed conversation', async () => {
    outcome = (a) => doneWith({ ...older, state: a.kind === 'conversation.close' ? 'closed' : 'open' });
    render(<ContactActivity contact={ana} />);
    fireEvent.click(within(await row('Billing question')).getByRole('button', { name: 'Close' }));
    await settle();
    expect(submitted()).toEqual([{ kind: 'conversation.close', conversationId: 'cv-1' }]);
    const closed = await row('Billing question');
    expect(closed.textContent).toContain('Closed');
    expect(within(closed).queryByRole('button', { name: 'Close' })).toBeNull();
    fireEvent.click(within(closed).getByRole('button', { name: 'Open' }));
    await settle();
    expect(submitted()[1]).toEqual({ kind: 'conversation.open', conversationId: 'cv-1' });
    expect(within(await row('Billing question')).getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('Snooze presets send the right times (local): one hour, tomorrow 9:00, next Monday 9:00, a custom time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = new Date(2026, 0, 14, 15, 30, 12); // a Wednesday afternoon
    vi.setSystemTime(now);
    outcome = (a) => doneWith({ ...older, state: 'snoozed', snoozedUntil: (a as { until: number }).until });
    render(<ContactActivity contact={ana} />);
    const s = (d: Date) => Math.floor(d.getTime() / 1000);
    const press = async (name: string) => {
      const r = await row('Billing question');
      fireEvent.click(within(r).getByRole('button', { name: 'Snooze' }));
      fireEvent.click(within(r).getByRole('button', { name }));
      await settle();
    };
    await press('One hour');
    await press('Tomorrow');
    await press('Next week');
    const r = await row('Billing question');
    fireEvent.click(within(r).getByRole('button', { name: 'Snooze' }));
    fireEvent.input(within(r).getByLabelText('Until'), { target: { value: '2026-02-03T08:15' } });
    fireEvent.click(within(r).getByRole('button', { name: 'Snooze until then' }));
    await settle();
    expect(submitted()).toEqual([
      { kind: 'conversation.snooze', conversationId: 'cv-1', until: s(now) + 3600 },
      { kind: 'conversation.snooze', conversationId: 'cv-1', until: s(new Date(2026, 0, 15, 9, 0)) },
      { kind: 'conversation.snooze', conversationId: 'cv-1', until: s(new Date(2026, 0, 19, 9, 0)) },
      { kind: 'conversation.snooze', conversationId: 'cv-1', until: s(new Date(2026, 1, 3, 8, 15)) },
    ]);
    const snoozed = await row('Billing question');
    expect(snoozed.textContent).toContain('Snoozed until');
    // A snoozed conversation can be opened again.
    expect(within(snoozed).getByRole('button', { name: 'Open' })).toBeTruthy();
  });

  it('Assign: to a teammate, to a team, and "Unassigned" (assigneeId "0")', async () => {
    outcome = (a) => doneWith({ ...newer, assignee: (a as { assigneeId: string }).assigneeId === '0' ? null : { type: 'team', id: 'tm-1', name: 'Tier 2' } });
    render(<ContactActivity contact={ana} />);
    const assign = async (label: string) => {
      const r = await row('Conversation');
      fireEvent.click(within(r).getByRole('button', { name: 'Assign' }));
      const select = (await within(r).findByRole('combobox', { name: 'Assign to' })) as HTMLSelectElement;
      const option = within(select).getByRole('option', { name: label }) as HTMLOptionElement;
      fireEvent.change(select, { target: { value: option.value } });
      fireEvent.click(within(r).getByRole('button', { name: 'Save assignment' }));
      await settle();
    };
    await assign('Kim Kaur');
    await assign('Tier 2');
    expect((await row('Conversation')).textContent).toContain('Assigned to Tier 2');
    await assign('Unassigned');
    expect(submitted()).toEqual([
      { kind: 'conversation.assign', conversationId: 'cv-2', assigneeType: 'admin', assigneeId: 'a-2' },
      { kind: 'conversation.assign', conversationId: 'cv-2', assigneeType: 'team', assigneeId: 'tm-1' },
      { kind: 'conversation.assign', conversationId: 'cv-2', assigneeType: 'admin', assigneeId: '0' },
    ]);
    expect((await row('Conversation')).textContent).toContain('Unassigned');
  });

  it('Tag: adds a workspace tag to the conversation and shows it', async () => {
    outcome = () => doneWith({ ...older, tags: [{ id: 'tg-2', name: 'Refund' }] });
    render(<ContactActivity contact={ana} />);
    const r = await row('Billing question');
    fireEvent.click(within(r).getByRole('button', { name: 'Tag' }));
    const select = await within(r).findByRole('combobox', { name: 'Tag to add' });
    fireEvent.change(select, { target: { value: 'tg-2' } });
    fireEvent.click(within(r).getByRole('button', { name: 'Add tag' }));
    await settle();
    expect(submitted()).toEqual([{ kind: 'conversation.tag', conversationId: 'cv-1', tagId: 'tg-2' }]);
    const tags = within(await row('Billing question')).getByRole('list', { name: 'Conversation tags' });
    expect(within(tags).getAllByRole('listitem').map((li) => li.querySelector('bdi')?.textContent)).toEqual(['Refund']);
  });

  it('Untag: each tag has its own remove button; the row shows the conversation without it', async () => {
    const refund = { id: 'tg-2', name: 'Refund' };
    const vip = { id: 'tg-9', name: 'VIP' };
    fake.answers['contact/activity'] = () => ({ conversations: [{ ...older, tags: [refund, vip] }, newer], tickets: [] });
    outcome = () => doneWith({ ...older, tags: [vip] });
    render(<ContactActivity contact={ana} />);
    const list = within(await row('Billing question')).getByRole('list', { name: 'Conversation tags' });
    expect(within(list).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Remove tag Refund from the conversation',
      'Remove tag VIP from the conversation',
    ]);
    fireEvent.click(within(list).getByRole('button', { name: 'Remove tag Refund from the conversation' }));
    await settle();
    expect(submitted()).toEqual([{ kind: 'conversation.untag', conversationId: 'cv-1', tagId: 'tg-2' }]);
    const after = within(await row('Billing question')).getByRole('list', { name: 'Conversation tags' });
    expect(within(after).getAllByRole('listitem').map((li) => li.querySelector('bdi')?.textContent)).toEqual(['VIP']);
  });

  it('shows why an action failed, and keeps the row as it was', async () => {
    outcome = () => ({ state: 'failed', error: { code: 'rate_limited', retryAfter: 30 } });
    render(<ContactActivity contact={ana} />);
    fireEvent.click(within(await row('Billing question')).getByRole('button', { name: 'Close' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(getMessage('err_rate_limited_other', '30'));
    expect((await row('Billing question')).textContent).toContain('Open');
  });

  it('says a timed-out action may have been sent', async () => {
    outcome = () => ({ state: 'uncertain' });
    render(<ContactActivity contact={ana} />);
    fireEvent.click(within(await row('Billing question')).getByRole('button', { name: 'Close' }));
    expect((await screen.findByRole('alert')).textContent).toContain(getMessage('err_uncertain'));
  });
});

describe('viewing a conversation', () => {
  it('asks for it and shows its parts, with Intercom’s HTML sanitised', async () => {
    const detail: ConversationDetail = {
      ...older,
      parts: [
        {
          id: 'p1',
          partType: 'comment',
          author: '<img src=x onerror=alert(1)>Ana',
          body:
            '<p>Hello <b>there</b></p><script>window.pwned = 1</script>' +
            '<img src="https://cdn.test/a.png" onerror="window.pwned = 2">' +
            '<img src="https://downloads.intercomcdn.com/i/o/1/b.png" onerror="window.pwned = 3">' +
            '<a href="javascript:alert(1)">click</a> <a href="https://help.test/x" onclick="window.pwned = 3">help</a>' +
            '<iframe src="https://evil.test"></iframe><form action="https://evil.test"><input name="q"></form>',
          createdAt: 1_700_000_000,
        },
        { id: 'p2', partType: 'note', author: 'Sam', body: '<p>Internal only</p>', createdAt: 1_700_000_100 },
      ],
    };
    fake.answers['conversation/get'] = () => detail;
    render(<ContactActivity contact={ana} />);
    const r = await row('Billing question');
    const view = within(r).getByRole('button', { name: 'View' });
    fireEvent.click(view);
    expect(view.getAttribute('aria-expanded')).toBe('true');
    const parts = await within(r).findByRole('list', { name: 'Messages' });
    expect(fake.sent.filter((m) => m.type === 'conversation/get').map((m) => m.input)).toEqual([{ id: 'cv-1' }]);

    const items = within(parts).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const body = items[0]!.querySelector('.part-body')!;
    expect(body.querySelector('b')?.textContent).toBe('there');
    expect(body.querySelector('script')).toBeNull();
    expect(body.querySelector('iframe, form, input')).toBeNull();
    expect(body.innerHTML).not.toMatch(/onerror|onclick|javascript:|pwned/i);
    // Only Intercom's own images load; another host's image is a link (no read receipt).
    const imgs = [...body.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual(['https://downloads.intercomcdn.com/i/o/1/b.png']);
    expect(imgs[0]!.hasAttribute('onerror')).toBe(false);
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://cdn.test/a.png', null, 'https://help.test/x']);
    const help = within(items[0]!).getByRole('link', { name: 'help' });
    expect(help.getAttribute('target')).toBe('_blank');
    expect(help.getAttribute('rel')).toContain('noopener');
    expect(help.hasAttribute('onclick')).toBe(false);
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    // The author is text.
    expect(items[0]!.querySelector('.part-meta img')).toBeNull();
    expect(items[0]!.querySelector('.part-meta')!.textContent).toContain('<img src=x onerror=alert(1)>Ana');
    expect(items[1]!.textContent).toContain('Internal only');

    fireEvent.click(view);
    expect(within(r).queryByRole('list', { name: 'Messages' })).toBeNull();
  });
});

describe('snooze presets', () => {
  const at = (...a: [number, number, number, number?, number?]) => new Date(a[0], a[1], a[2], a[3] ?? 0, a[4] ?? 0);
  const s = (d: Date) => Math.floor(d.getTime() / 1000);
  const untils = (now: Date) => Object.fromEntries(snoozePresets(now).map((p) => [p.key, p.until]));

  it('"Next week" is the next Monday at 9:00, a full week on when today is a Monday', () => {
    expect(untils(at(2026, 0, 18, 23, 0)).snoozeNextWeek).toBe(s(at(2026, 0, 19, 9))); // Sunday → tomorrow
    expect(untils(at(2026, 0, 19, 7, 0)).snoozeNextWeek).toBe(s(at(2026, 0, 26, 9))); // Monday → next Monday
    expect(untils(at(2026, 0, 24, 12, 0)).snoozeNextWeek).toBe(s(at(2026, 0, 26, 9))); // Saturday
  });

  it('"Tomorrow" is 9:00 the next day, across a month end', () => {
    expect(untils(at(2026, 0, 31, 22, 0)).snoozeTomorrow).toBe(s(at(2026, 1, 1, 9)));
  });

  it('reads a datetime-local value as local time', () => {
    expect(localInputToSeconds('2026-03-01T10:05')).toBe(s(at(2026, 2, 1, 10, 5)));
    expect(localInputToSeconds('')).toBeNull();
    expect(localInputToSeconds('soon')).toBeNull();
  });
});

describe('keyboard', () => {
  it('every control has an accessible name', async () => {
    render(<ContactActivity contact={ana} />);
    const r = await row('Billing question');
    fireEvent.click(within(r).getByRole('button', { name: 'Snooze' }));
    await waitFor(() => expect(within(r).getByLabelText('Until')).toBeTruthy());
    for (const el of r.querySelectorAll('button, input, select, textarea, a')) {
      const name = el.getAttribute('aria-label') || el.textContent?.trim() || (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent);
      expect(name, el.outerHTML).toBeTruthy();
    }
  });
});
