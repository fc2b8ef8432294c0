// @vitest-environment jsdom
/**
 * People at this site inside the side panel: nothing is asked until the section is opened; a person's card and a
 * company's card open from it, and Back finds the section as it was (open, the same rows, nothing read again);
 * closing the section forgets what it read.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ScanState } from '../../src/protocol/schemas';
import { Panel } from '../../src/widget/Panel';
import { installFakeChrome, type FakeChrome } from './fake-chrome';
import { acme, sitePerson, siteSettings } from './site-fixtures';

const settings = siteSettings;
const person = sitePerson;

let fake: FakeChrome;
const sent = (type: string) => fake.sent.filter((m) => m.type === type).map((m) => m.input);

beforeEach(() => {
  fake = installFakeChrome();
  fake.answers['settings/get'] = () => settings;
  fake.answers['tab/scan'] = (): ScanState => ({ status: 'ok', origin: 'https://app.acme.co.uk', emails: ['p1@acme.co.uk'], total: 1 });
  fake.answers['contacts/lookup'] = ({ emails }: { emails: string[] }) => ({ contacts: Object.fromEntries(emails.map((e) => [e, e === 'p1@acme.co.uk' ? person(1) : null])) });
  fake.answers['site/people'] = (input: { cursor?: string }) => (input.cursor ? { items: [person(3)], next: null } : { items: [person(1), person(2)], next: 'c2' });
  fake.answers['company/get'] = () => acme;
  fake.answers['company/contacts'] = () => ({ items: [person(1), person(2)], next: null });
  fake.answers['contact/activity'] = () => ({ conversations: [], tickets: [] });
  fake.answers['workspace/info'] = () => ({ appId: 'abc', me: { id: 'a', name: 'A', email: null }, actingAdminId: 'a', admins: [], teams: [], tags: [], ticketTypes: [] });
});
afterEach(() => cleanup());

it('keeps People at this site as it was while a card opened from it is shown', async () => {
  render(<Panel fixedTabId={7} />);
  const toggle = await screen.findByRole('button', { name: 'People at this site' });
  await screen.findByRole('list', { name: 'People on this page' });
  expect(sent('site/people')).toEqual([]);
  fireEvent.click(toggle);
  const list = await screen.findByRole('list', { name: 'People at acme.co.uk' });
  expect(sent('site/people')).toEqual([{ domain: 'acme.co.uk' }]);
  fireEvent.click(screen.getByRole('button', { name: 'Show more: People at acme.co.uk' }));
  await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));

  // A person's card, and back.
  fireEvent.click(within(list).getByRole('button', { name: /Person 2/ }));
  await screen.findByRole('heading', { level: 2, name: 'Person 2' });
  fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
  const again = await screen.findByRole('list', { name: 'People at acme.co.uk' });
  expect(within(again).getAllByRole('listitem')).toHaveLength(3);
  expect(screen.getByRole('button', { name: 'People at this site' }).getAttribute('aria-expanded')).toBe('true');
  expect(sent('site/people')).toHaveLength(2);

  // Their company's card, and back.
  fireEvent.click(within(screen.getByRole('list', { name: 'Their companies' })).getByRole('button', { name: 'Acme Ltd' }));
  await screen.findByRole('article', { name: 'Acme Ltd' });
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  await screen.findByRole('list', { name: 'People at acme.co.uk' });
  expect(sent('site/people')).toHaveLength(2);

  // Closing the section forgets what it read: opening it again asks afresh.
  fireEvent.click(screen.getByRole('button', { name: 'People at this site' }));
  fireEvent.click(screen.getByRole('button', { name: 'People at this site' }));
  await screen.findByRole('list', { name: 'People at acme.co.uk' });
  expect(sent('site/people')).toHaveLength(3);
});

it('Back from a company or a person opened from People at this site puts focus on the button that opened it', async () => {
  render(<Panel fixedTabId={7} />);
  fireEvent.click(await screen.findByRole('button', { name: 'People at this site' }));
  await screen.findByRole('list', { name: 'People at acme.co.uk' });

  // From the keyboard: focus on the company's button, Enter (a click), then Back.
  const company = within(screen.getByRole('list', { name: 'Their companies' })).getByRole('button', { name: 'Acme Ltd' });
  company.focus();
  fireEvent.click(company);
  await screen.findByRole('article', { name: 'Acme Ltd' });
  const back = screen.getByRole('button', { name: 'Back' });
  back.focus();
  fireEvent.click(back);
  // The section is loaded again with import() after Back: focus waits for the button, then lands on it.
  await waitFor(() => expect(document.activeElement).toBe(within(screen.getByRole('list', { name: 'Their companies' })).getByRole('button', { name: 'Acme Ltd' })));

  const row = within(screen.getByRole('list', { name: 'People at acme.co.uk' })).getByRole('button', { name: /Person 2/ });
  row.focus();
  fireEvent.click(row);
  await screen.findByRole('heading', { level: 2, name: 'Person 2' });
  screen.getByRole('button', { name: 'Back to the list' }).focus();
  fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
  await waitFor(() => expect(document.activeElement).toBe(within(screen.getByRole('list', { name: 'People at acme.co.uk' })).getByRole('button', { name: /Person 2/ })));
});
