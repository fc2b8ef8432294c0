// @vitest-environment jsdom
/** Tag: the picker by keyboard, creating a tag inline, the card updating at once, Undo, untag and failures. */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../src/protocol/actions';
import { contact, entry, renderCard, setup, type Rig } from './actions-fixtures';
import { preloadForms } from '../../src/widget/actions/ContactActions';

// The quick-action forms load apart from the card: fetched first, they open at once as in the extension.
beforeAll(() => preloadForms());

let rig: Rig;
beforeEach(() => {
  rig = setup();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const cardTags = () => within(screen.getByRole('list', { name: 'Card tags' })).queryAllByRole('listitem').map((li) => li.textContent);

/** The worker answers a tag change with the contact as Intercom now has it. */
function tagging(action: Action) {
  if (action.kind === 'tag.create') return entry(action, 'done', { tag: { id: 't-new', name: action.name } });
  if (action.kind === 'contact.tag') {
    const name = action.tagId === 't-new' ? 'Brand new' : ({ 't-2': 'Beta tester', 't-4': 'Vintage' } as Record<string, string>)[action.tagId]!;
    return entry(action, 'done', { contact: contact({ tags: [{ id: 't-1', name: 'VIP' }, { id: action.tagId, name }] }) });
  }
  if (action.kind === 'contact.untag') return entry(action, 'done', { contact: contact({ tags: [] }) });
  return entry(action);
}

async function openTag() {
  renderCard(rig);
  fireEvent.click(screen.getByRole('button', { name: 'Tag' }));
  const box = screen.getByRole('combobox', { name: 'Find or create a tag' });
  await waitFor(() => expect(document.activeElement).toBe(box));
  return box;
}

describe('Tag', () => {
  it('filters the workspace tags, picks one with the arrow keys and Enter, and adds it', async () => {
    rig.respond = tagging;
    const box = await openTag();
    fireEvent.input(box, { target: { value: 't' } });
    // VIP is already on the contact: only the other matches are offered.
    const list = await screen.findByRole('listbox', { name: 'Tags' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['Beta tester', 'Vintage', 'Create tag “t”']);
    expect(box.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(within(list).getByRole('option', { name: 'Vintage' }).id);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect((box as HTMLInputElement).value).toBe('Vintage');
    expect(rig.submitted).toEqual([]); // Enter chose the option; it did not submit
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await screen.findByText('Tag added');
    expect(rig.submitted).toEqual([{ kind: 'contact.tag', contactId: 'c-ana', tagId: 't-4' }]);
    expect(cardTags()).toEqual(['VIP', 'Vintage']);
    // The form closed and focus went back to its button.
    expect(screen.queryByRole('form', { name: 'Tag the contact' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Tag' }));
  });

  it('shows the tag on the card before the worker answers, then the worker’s contact', async () => {
    let finish!: () => void;
    rig.respond = (a) => new Promise((resolve) => (finish = () => resolve(tagging(a))));
    const box = await openTag();
    fireEvent.input(box, { target: { value: 'beta' } });
    fireEvent.keyDown(box, { key: 'Enter' }); // chooses "Beta tester"
    fireEvent.keyDown(box, { key: 'Enter' }); // list closed: Enter submits the one-field form
    await waitFor(() => expect(cardTags()).toEqual(['VIP', 'Beta tester']));
    const add = screen.getByRole('button', { name: 'Add tag' });
    expect(add.getAttribute('aria-busy')).toBe('true');
    expect((add as HTMLButtonElement).disabled).toBe(true);
    finish();
    await screen.findByText('Tag added');
    expect(rig.shown.at(-1)).toEqual(contact({ tags: [{ id: 't-1', name: 'VIP' }, { id: 't-2', name: 'Beta tester' }] }));
  });

  it('creates a tag that does not exist yet, then tags the contact with it', async () => {
    rig.respond = tagging;
    const box = await openTag();
    fireEvent.input(box, { target: { value: 'Brand new' } });
    const create = await screen.findByRole('option', { name: 'Create tag “Brand new”' });
    fireEvent.click(create);
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await screen.findByText('Tag added');
    expect(rig.submitted).toEqual([
      { kind: 'tag.create', name: 'Brand new' },
      { kind: 'contact.tag', contactId: 'c-ana', tagId: 't-new' },
    ]);
    expect(cardTags()).toEqual(['VIP', 'Brand new']);
  });

  it('takes the tag back off when it failed, and says why', async () => {
    rig.respond = (a) => entry(a, 'failed', undefined, { code: 'forbidden' });
    const box = await openTag();
    fireEvent.input(box, { target: { value: 'Churn' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Open Settings');
    expect(rig.shown.map((c) => c.tags.map((x) => x.name))).toEqual([['VIP', 'Churn risk'], ['VIP']]);
    expect(cardTags()).toEqual(['VIP']);
    // The form stays open with what was typed.
    expect((screen.getByRole('combobox', { name: 'Find or create a tag' }) as HTMLInputElement).value).toBe('Churn risk');
  });

  it('says "may or may not" when the answer was lost, and leaves the form filled', async () => {
    rig.respond = (a) => entry(a, 'uncertain', undefined, { code: 'uncertain' });
    const box = await openTag();
    fireEvent.input(box, { target: { value: 'Vint' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('may or may not have been sent');
    expect((box as HTMLInputElement).value).toBe('Vintage');
  });

  it('removes a current tag from the form', async () => {
    rig.respond = tagging;
    await openTag();
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag VIP' }));
    await screen.findByText('Tag removed');
    expect(rig.submitted).toEqual([{ kind: 'contact.untag', contactId: 'c-ana', tagId: 't-1' }]);
    expect(cardTags()).toEqual([]);
  });

  it('refuses a tag the contact already has, without sending anything', async () => {
    const box = await openTag();
    fireEvent.input(box, { target: { value: 'v' } });
    await screen.findByRole('listbox', { name: 'Tags' });
    const windowKeys = vi.fn();
    addEventListener('keydown', windowKeys);
    fireEvent.keyDown(box, { key: 'Escape' }); // closes the list, not the form (nor the card)
    removeEventListener('keydown', windowKeys);
    expect(windowKeys).not.toHaveBeenCalled();
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('form', { name: 'Tag the contact' })).toBeTruthy();
    fireEvent.input(box, { target: { value: 'vip' } });
    fireEvent.keyDown(box, { key: 'Escape' }); // no list open: Esc closes the form, focus goes back to its button
    expect(screen.queryByRole('form', { name: 'Tag the contact' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Tag' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tag' }));
    await screen.findByRole('list', { name: 'Current tags' });
    await new Promise((r) => setTimeout(r, 0)); // the workspace's tags arrive
    fireEvent.input(screen.getByRole('combobox', { name: 'Find or create a tag' }), { target: { value: 'vip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The contact already has this tag.');
    expect(rig.submitted).toEqual([]);
  });

  describe('Undo', () => {
    async function tagWithFakeTimers() {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      rig.respond = tagging;
      renderCard(rig);
      fireEvent.click(screen.getByRole('button', { name: 'Tag' }));
      await act(async () => void (await vi.advanceTimersByTimeAsync(10))); // the workspace arrives
      const box = screen.getByRole('combobox', { name: 'Find or create a tag' });
      fireEvent.input(box, { target: { value: 'Vintage' } });
      fireEvent.keyDown(box, { key: 'Enter' });
      fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
      await act(async () => void (await vi.advanceTimersByTimeAsync(10)));
      expect(screen.getByRole('status').textContent).toContain('Tag added');
    }

    it('takes the tag off again when Undo is pressed within five seconds', async () => {
      await tagWithFakeTimers();
      await act(async () => void (await vi.advanceTimersByTimeAsync(4_900)));
      fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
      await act(async () => void (await vi.advanceTimersByTimeAsync(10)));
      expect(rig.submitted.at(-1)).toEqual({ kind: 'contact.untag', contactId: 'c-ana', tagId: 't-4' });
      expect(screen.getByRole('status').textContent).toContain('Tag removed');
      expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
      expect(cardTags()).toEqual([]);
    });

    it('offers Undo for five seconds only', async () => {
      await tagWithFakeTimers();
      expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
      await act(async () => void (await vi.advanceTimersByTimeAsync(5_000)));
      expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
      expect(rig.submitted).toHaveLength(1);
    });
  });
});
