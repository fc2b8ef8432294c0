// @vitest-environment jsdom
/**
 * The outbox panel: what is waiting or failed, with its reason, "Retry" and "Dismiss"; it follows the
 * worker's broadcasts (and only the worker's) and is hidden when there is nothing to show.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/protocol/actions';
import type { SettingsView } from '../../src/protocol/schemas';
import { OUTBOX_EVENT } from '../../src/protocol/events';
import { OutboxPanel } from '../../src/widget/outbox/OutboxPanel';
import { getMessage, installFakeChrome, type FakeChrome } from './fake-chrome';

let fake: FakeChrome;
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

function entry(id: string, over: Partial<OutboxEntry>): OutboxEntry {
  return { id, action: { kind: 'conversation.close', conversationId: 'cv-1' }, state: 'pending', createdAt: 1, updatedAt: 1, attempts: 0, ...over };
}

const failed = entry('entry-failed-1', {
  createdAt: 2,
  action: { kind: 'contact.tag', contactId: 'c-1', tagId: 'tg-1' },
  state: 'failed',
  error: { code: 'rate_limited', retryAfter: 15 },
});
const uncertain = entry('entry-uncertain', { createdAt: 3, action: { kind: 'contact.create-lead', email: 'cy@x.test' }, state: 'uncertain', error: { code: 'uncertain' } });
const sending = entry('entry-sending-1', { createdAt: 1, state: 'sending' });
const done = entry('entry-done-0001', { state: 'done' });

beforeEach(() => {
  fake = installFakeChrome();
  fake.answers['outbox/list'] = () => ({ entries: [done, uncertain, failed, sending] });
});
afterEach(() => cleanup());

const list = () => screen.findByRole('list', { name: 'Pending and failed actions' });
const item = (l: HTMLElement, text: string) => within(l).getAllByRole('listitem').find((li) => li.textContent?.includes(text))!;

describe('the outbox panel', () => {
  it('lists pending, sending, failed and uncertain entries with a label and the reason', async () => {
    render(<OutboxPanel />);
    const l = await list();
    const items = within(l).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.outbox-label')!.textContent)).toEqual([
      'Close a conversation',
      'Tag a contact',
      'Create lead: cy@x.test',
    ]);
    expect(items[0]!.textContent).toContain('Sending');
    expect(within(items[0]!).queryByRole('button')).toBeNull();
    expect(items[1]!.textContent).toContain(getMessage('err_rate_limited_other', '15'));
    expect(items[2]!.textContent).toContain(getMessage('err_uncertain'));
    expect(within(items[1]!).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(within(items[2]!).getByRole('button', { name: 'Dismiss' })).toBeTruthy();
  });

  it('Retry asks the worker to send it again and shows the answer', async () => {
    fake.answers['outbox/retry'] = ({ id }: { id: string }) => ({ ...failed, id, state: 'done', error: undefined });
    render(<OutboxPanel />);
    const l = await list();
    fireEvent.click(within(item(l, 'Tag a contact')).getByRole('button', { name: 'Retry' }));
    await settle();
    expect(fake.sent.filter((m) => m.type === 'outbox/retry').map((m) => m.input)).toEqual([{ id: 'entry-failed-1' }]);
    expect((await list()).textContent).not.toContain('Tag a contact');
  });

  it('Dismiss removes it, and the panel hides when nothing is left', async () => {
    fake.answers['outbox/list'] = () => ({ entries: [failed] });
    fake.answers['outbox/dismiss'] = () => ({ entries: [done] });
    render(<OutboxPanel />);
    const l = await list();
    fireEvent.click(within(l).getByRole('button', { name: 'Dismiss' }));
    await settle();
    expect(fake.sent.filter((m) => m.type === 'outbox/dismiss').map((m) => m.input)).toEqual([{ id: 'entry-failed-1' }]);
    expect(screen.queryByRole('list', { name: 'Pending and failed actions' })).toBeNull();
    expect(screen.queryByRole('heading')).toBeNull();
  });

  it('shows why a retry could not be asked for', async () => {
    fake.answers['outbox/retry'] = () => {
      throw Object.assign(new Error('x'), { info: { code: 'not_found' } });
    };
    render(<OutboxPanel />);
    fireEvent.click(within(item(await list(), 'Tag a contact')).getByRole('button', { name: 'Retry' }));
    expect((await screen.findByRole('alert')).textContent).toContain(getMessage('err_not_found'));
  });

  it('is hidden when nothing is pending or failed, and follows the worker’s broadcasts only', async () => {
    fake.answers['outbox/list'] = () => ({ entries: [done] });
    const { container } = render(<OutboxPanel />);
    await settle();
    expect(container.innerHTML).toBe('');

    // A content script (it has a tab) or another extension cannot fill the panel.
    act(() => fake.emit({ event: OUTBOX_EVENT, entries: [failed] }, { tab: { id: 3 } as chrome.tabs.Tab }));
    act(() => fake.emit({ event: OUTBOX_EVENT, entries: [failed] }, { id: 'other-extension' }));
    expect(container.innerHTML).toBe('');

    act(() => fake.emit({ event: OUTBOX_EVENT, entries: [failed, done] }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy());
    act(() => fake.emit({ event: OUTBOX_EVENT, entries: [{ ...failed, state: 'done' }] }));
    await waitFor(() => expect(container.innerHTML).toBe(''));
  });

  it('says an entry left in a removed workspace was not sent and can be dismissed (no Settings link)', async () => {
    const orphan = entry('entry-orphan-01', { state: 'failed', workspaceId: 'ws-gone', action: { kind: 'contact.note', contactId: 'c-1', body: 'Hi' }, error: { code: 'workspace_removed' } });
    fake.answers['outbox/list'] = () => ({ entries: [orphan] });
    const settings = {
      region: 'us', apiUrl: null, hasToken: true, tokenHost: 'api.intercom.io', autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null,
      activeWorkspace: 'ws1',
      workspaces: [{ id: 'ws1', name: 'Acme US', host: 'api.intercom.io', hasToken: true }, { id: 'ws-2', name: 'Acme EU', host: 'api.eu.intercom.io', hasToken: true }],
    } satisfies SettingsView;
    render(<OutboxPanel settings={settings} />);
    const li = within(await list()).getByRole('listitem');
    expect(li.querySelector('.outbox-reason')!.textContent).toBe(getMessage('err_workspace_removed'));
    expect(li.textContent).toMatch(/removed in Settings, so nothing was sent/);
    expect(within(li).getByRole('button', { name: 'Dismiss' })).toBeTruthy();
    expect(within(li).queryByRole('link')).toBeNull();
  });

  it('stays hidden when the list cannot be read', async () => {
    fake.answers['outbox/list'] = () => {
      throw Object.assign(new Error('x'), { info: { code: 'internal' } });
    };
    const { container } = render(<OutboxPanel />);
    await settle();
    expect(container.innerHTML).toBe('');
  });
});
