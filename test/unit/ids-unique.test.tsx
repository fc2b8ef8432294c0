// @vitest-environment jsdom
/**
 * Element ids in one document are unique, and every aria reference resolves, where the same contact shows in
 * several places of the side panel at once: the page's list, the search result and People at this site (with
 * their companies and two bulk bars), then that contact's card with Segments and History open, then the company
 * card; and two embedded cards of the same contact on one page (each in its own shadow root).
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ScanState } from '../../src/protocol/schemas';
import { Panel } from '../../src/widget/Panel';
import { contact, workspace } from './actions-fixtures';
import { addElement, ENDPOINT, inside, installEndpoint, jwt, ok } from './embed-rig';
import { installFakeChrome, type FakeChrome } from './fake-chrome';
import { acme, sitePerson, siteSettings } from './site-fixtures';

const settings = siteSettings;
const person = sitePerson;

let fake: FakeChrome;

beforeEach(() => {
  fake = installFakeChrome();
  fake.answers['settings/get'] = () => settings;
  fake.answers['tab/scan'] = (): ScanState => ({ status: 'ok', origin: 'https://app.acme.co.uk', emails: ['p1@acme.co.uk', 'p2@acme.co.uk', 'new@acme.co.uk'], total: 3 });
  fake.answers['contacts/lookup'] = ({ emails }: { emails: string[] }) => ({ contacts: Object.fromEntries(emails.map((e) => [e, /^p\d/.test(e) ? person(Number(e[1])) : null])) });
  fake.answers['site/people'] = () => ({ items: [person(1), person(2)], next: null });
  fake.answers['company/get'] = () => acme;
  fake.answers['company/contacts'] = () => ({ items: [person(1), person(2)], next: null });
  fake.answers['contact/activity'] = () => ({ conversations: [], tickets: [] });
  fake.answers['contact/segments'] = () => ({ segments: [] });
  fake.answers['workspace/info'] = () => ({ appId: 'abc', me: { id: 'a', name: 'A', email: null }, actingAdminId: 'a', admins: [], teams: [], tags: [], ticketTypes: [] });
});
afterEach(() => cleanup());

/** Ids that occur more than once in `root`, and aria/for references in it that name no element there. */
function idProblems(root: Document | ShadowRoot) {
  const ids = [...root.querySelectorAll('[id]')].map((e) => e.id);
  const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  const known = new Set(ids);
  const dangling: string[] = [];
  for (const el of root.querySelectorAll('[aria-labelledby],[aria-describedby],[aria-controls],[for]')) {
    for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls', 'for']) {
      for (const ref of (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)) if (!known.has(ref)) dangling.push(`${attr}=${ref}`);
    }
  }
  return { count: ids.length, repeated, dangling };
}

it('the side panel repeats no id, and every reference resolves, with one contact in three lists, its card and its company', async () => {
  render(<Panel fixedTabId={7} />);
  await screen.findByRole('list', { name: 'People on this page' });
  // The same person in the search result, on the page and among People at this site, with two bulk bars.
  fireEvent.input(screen.getByRole('textbox', { name: 'Search' }), { target: { value: 'p1@acme.co.uk' } });
  fireEvent.submit(screen.getByRole('search'));
  await screen.findByRole('list', { name: 'Search result' });
  fireEvent.click(screen.getByRole('button', { name: 'People at this site' }));
  await screen.findByRole('list', { name: 'People at acme.co.uk' });
  await screen.findByRole('list', { name: 'Their companies' });
  const rows = screen.getAllByRole('button', { name: /Person 1/ });
  expect(rows).toHaveLength(3);
  expect(idProblems(document)).toMatchObject({ repeated: [], dangling: [] });

  // Their card, with Segments and History open (the ids built from the contact's id are there now).
  fireEvent.click(rows[2]!);
  await screen.findByRole('heading', { level: 2, name: 'Person 1' });
  fireEvent.click(screen.getByRole('button', { name: 'Segments' }));
  fireEvent.click(screen.getByRole('button', { name: 'History' }));
  await screen.findByText('Not in any segment.');
  await screen.findByText('Show');
  expect(document.getElementById('segments-c-1-body')).toBeTruthy();
  expect(idProblems(document)).toMatchObject({ repeated: [], dangling: [] });

  // Their company's card.
  fireEvent.click(within(screen.getByRole('article')).getByRole('button', { name: /Acme Ltd/ }));
  await screen.findByRole('article', { name: 'Acme Ltd' });
  await screen.findByRole('list', { name: /People/ });
  expect(idProblems(document)).toMatchObject({ repeated: [], dangling: [] });
});

it('two embedded cards of the same person keep their ids apart: each card is in its own shadow root', async () => {
  const endpoint = installEndpoint();
  endpoint.routes['contacts/lookup'] = () => ok({ contacts: { 'ana@acme.test': contact() } });
  endpoint.routes['contact/activity'] = () => ok({ conversations: [], tickets: [] });
  endpoint.routes['workspace/info'] = () => ok(workspace);
  endpoint.routes['contact/segments'] = () => ok({ segments: [] });
  try {
    const cards = [0, 1].map(() => addElement({ email: 'ana@acme.test', endpoint: ENDPOINT, auth: jwt('read') }));
    for (const el of cards) {
      const card = inside(el);
      await card.findByRole('heading', { name: 'Ana Lima' });
      fireEvent.click(card.getByRole('button', { name: 'Segments' }));
      await card.findByText('Not in any segment.');
    }
    const roots = cards.map((el) => el.shadowRoot!);
    expect(roots[0]).not.toBe(roots[1]);
    for (const root of roots) {
      expect(root.getElementById(`segments-${contact().id}-body`)).toBeTruthy();
      expect(idProblems(root)).toMatchObject({ repeated: [], dangling: [] });
    }
    // The page's own document holds none of the cards' ids.
    expect(idProblems(document).count).toBe(0);
  } finally {
    document.body.replaceChildren();
  }
});
