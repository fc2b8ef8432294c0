// @vitest-environment jsdom
/**
 * `<sidekick-contact>` with a fake endpoint behind `fetch`: the card it shows, what a read-only viewer gets,
 * another address, another JWT, removal, theme and language. Real Chromium with the real endpoint:
 * test/e2e/embed.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bestCatalogue, dirOf } from '../../src/embed/locale';
import { contact, workspace } from './actions-fixtures';
import { addElement, ENDPOINT, inside, installEndpoint, jwt, ok, type FakeEndpoint } from './embed-rig';

const ana = contact();
const bob = contact({ id: 'c-bob', email: 'bob@acme.test', name: 'Bob Stone', tags: [], customAttributes: {} });
let endpoint: FakeEndpoint;

beforeEach(() => {
  // No chrome.* at all, as on a team's page: any use of it would throw.
  (globalThis as { chrome?: unknown }).chrome = undefined;
  endpoint = installEndpoint();
  const people: Record<string, typeof ana> = { [ana.email!]: ana, [bob.email!]: bob };
  endpoint.routes['contacts/lookup'] = (input: { emails: string[] }) =>
    ok({ contacts: Object.fromEntries(input.emails.map((e) => [e, people[e] ?? null])) });
  endpoint.routes['contact/activity'] = () => ok({ conversations: [], tickets: [] });
  endpoint.routes['workspace/info'] = () => ok(workspace);
});

afterEach(() => {
  document.body.replaceChildren();
});

describe('<sidekick-contact>', () => {
  it("shows the person's card from the endpoint, with the page's JWT, and quick actions for a write scope", async () => {
    const token = jwt('read write');
    const el = addElement({ email: 'Ana@Acme.test', endpoint: ENDPOINT, auth: token });
    const card = inside(el);
    await card.findByRole('heading', { name: 'Ana Lima' });
    expect(card.getByText('VIP')).toBeTruthy();
    expect(card.getByText('Enterprise')).toBeTruthy();
    expect(card.getByRole('link', { name: 'Open in Intercom' }).getAttribute('href')).toBe(ana.url);
    expect(card.getByRole('group', { name: 'Quick actions' })).toBeTruthy();
    expect(endpoint.requests[0]).toMatchObject({ route: 'contacts/lookup', input: { emails: ['ana@acme.test'] }, auth: token });
    // Everything is in the shadow root: the page's own DOM gains nothing.
    expect(el.childNodes).toHaveLength(0);
    expect(document.body.textContent).toBe('');
  });

  it('gives a read-only viewer no write controls at all, and no Create lead for an unknown address', async () => {
    const el = addElement({ email: ana.email!, endpoint: ENDPOINT, auth: jwt('read') });
    const card = inside(el);
    await card.findByRole('heading', { name: 'Ana Lima' });
    expect(card.queryByRole('group', { name: 'Quick actions' })).toBeNull();
    expect(card.queryByRole('button', { name: /tag|note|message|ticket/i })).toBeNull();

    el.setAttribute('email', 'nobody@acme.test');
    await card.findByText('Not in Intercom');
    expect(card.queryByRole('button', { name: 'Create lead' })).toBeNull();
  });

  it('offers Create lead for an unknown address with a write scope, and shows the new lead', async () => {
    endpoint.routes['contacts/create-lead'] = (input: { email: string }) => ok(contact({ id: 'c-new', email: input.email, name: null, role: 'lead' }));
    const el = addElement({ email: 'new@acme.test', endpoint: ENDPOINT, auth: jwt('read write') });
    const card = inside(el);
    fireEvent.click(await card.findByRole('button', { name: 'Create lead' }));
    await card.findByRole('heading', { name: 'new@acme.test' });
    const create = endpoint.requests.find((r) => r.route === 'contacts/create-lead')!;
    expect(create.input).toEqual({ email: 'new@acme.test' });
    expect(create.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the other person when email changes, and unmounts when removed', async () => {
    const el = addElement({ email: ana.email!, endpoint: ENDPOINT, auth: jwt('read') });
    const card = inside(el);
    await card.findByRole('heading', { name: 'Ana Lima' });
    el.setAttribute('email', bob.email!);
    await card.findByRole('heading', { name: 'Bob Stone' });
    expect(card.queryByText('Ana Lima')).toBeNull();

    el.remove();
    expect(el.shadowRoot!.querySelector('.sidekick-root')!.childNodes).toHaveLength(0);
  });

  it('asks an auth function for a fresh JWT before every request, and its scope decides the write controls', async () => {
    let n = 0;
    const el = document.createElement('sidekick-contact');
    el.auth = async () => jwt('read write', `fresh-${++n}`);
    el.setAttribute('endpoint', ENDPOINT);
    el.setAttribute('email', ana.email!);
    document.body.append(el);
    const card = inside(el);
    await card.findByRole('group', { name: 'Quick actions' });
    const subs = endpoint.requests.map((r) => JSON.parse(atob(r.auth!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sub);
    expect(new Set(subs).size).toBe(endpoint.requests.length);

    // Another JWT (another colleague, another scope): the card starts again and follows it.
    const before = endpoint.requests.length;
    el.auth = () => jwt('read');
    await waitFor(() => expect(endpoint.requests.length).toBeGreaterThan(before));
    await card.findByRole('heading', { name: 'Ana Lima' });
    await waitFor(() => expect(card.queryByRole('group', { name: 'Quick actions' })).toBeNull());
  });

  it('takes an auth property set before the element was defined', async () => {
    const el = document.createElement('div');
    el.innerHTML = `<sidekick-contact email="${ana.email}" endpoint="${ENDPOINT}"></sidekick-contact>`;
    const token = jwt('read');
    // An element parsed into a detached tree before upgrade: the property lands on the instance.
    const upgraded = el.firstElementChild as HTMLElement & { auth?: unknown };
    upgraded.auth = token;
    document.body.append(el);
    await inside(upgraded as never).findByRole('heading', { name: 'Ana Lima' });
    expect(endpoint.requests.every((r) => r.auth === token)).toBe(true);
  });

  it('keeps the card when only the theme changes; the stylesheet has both themes for :host', async () => {
    const el = addElement({ email: ana.email!, endpoint: ENDPOINT, auth: jwt('read'), theme: 'dark' });
    const card = inside(el);
    await card.findByRole('heading', { name: 'Ana Lima' });
    await waitFor(() => expect(endpoint.requests.map((r) => r.route)).toContain('contact/activity'));
    const asked = endpoint.requests.length;
    el.setAttribute('theme', 'light');
    await new Promise((r) => setTimeout(r, 20));
    expect(endpoint.requests.length).toBe(asked);
    expect(card.getByRole('heading', { name: 'Ana Lima' })).toBeTruthy();
    const css = [...el.shadowRoot!.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n') +
      [...el.shadowRoot!.querySelectorAll('style')].map((s) => s.textContent).join('\n');
    expect(css).toMatch(/:host\(\[theme=['"]?dark['"]?\]\)/);
    expect(css).toMatch(/:host\(\[theme=['"]?light['"]?\]\)/);
  });

  it("sets the card's lang and dir from the language it is shown in", async () => {
    const wrapper = document.createElement('section');
    wrapper.lang = 'fa-IR';
    document.body.append(wrapper);
    const el = addElement({ email: ana.email!, endpoint: ENDPOINT, auth: jwt('read') }, wrapper);
    await inside(el).findByRole('heading', { name: 'Ana Lima' });
    // Persian (fa-IR → the fa catalogue): the card is in Persian and says so, right to left.
    const root = el.shadowRoot!.querySelector<HTMLElement>('.sidekick-root')!;
    await waitFor(() => expect([root.lang, root.dir]).toEqual(['fa', 'rtl']));
    const fa = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/fa/messages.json'), 'utf8')) as Record<string, { message: string }>;
    await inside(el).findByText(fa.fieldEmail!.message);
    expect(bestCatalogue('en-GB')).toBe('en');
    expect(bestCatalogue('pt_BR')).toBe('en');
    expect(bestCatalogue('de-CH')).toBe('de');
    expect(bestCatalogue('ja')).toBe('ja');
    expect(dirOf('fa-IR')).toBe('rtl');
    expect(dirOf('ar')).toBe('rtl');
    expect(dirOf('de-CH')).toBe('ltr');
  });
});
