// @vitest-environment jsdom
/**
 * Every way an embedded card can fail is a sentence in the card with Try again, worded for a page whose
 * endpoint (not the reader) holds the Intercom token — and a rate limit that is waited out says so meanwhile.
 */
import { fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contact, workspace } from './actions-fixtures';
import { addElement, ENDPOINT, fail, inside, installEndpoint, jwt, ok, type FakeEndpoint, type Reply } from './embed-rig';

const ana = contact();
let endpoint: FakeEndpoint;

beforeEach(() => {
  (globalThis as { chrome?: unknown }).chrome = undefined;
  endpoint = installEndpoint();
  endpoint.routes['contact/activity'] = () => ok({ conversations: [], tickets: [] });
  endpoint.routes['workspace/info'] = () => ok(workspace);
});

afterEach(() => {
  document.body.replaceChildren();
});

const found = ok({ contacts: { [ana.email!]: ana } });

const CASES: Array<[string, Reply, RegExp]> = [
  ['endpoint unreachable', 'network-error', /^Couldn't reach the Sidekick endpoint at tools\.acme\.test\. /],
  ['no endpoint route (404 page)', { status: 404, body: '<html>' }, /^Couldn't reach the Sidekick endpoint at tools\.acme\.test\./],
  ['JWT expired', fail(401, { code: 'auth_expired' }), /^Your sign-in to the card has expired\. Reload the page/],
  ['JWT refused', fail(401, { code: 'auth_refused', detail: 'signature verification failed' }), /^The Sidekick endpoint didn't accept this page's sign-in token/],
  ['scope missing', fail(403, { code: 'scope_missing' }), /^You can look people up here, but not change anything/],
  ['body too large', fail(413, { code: 'too_large' }), /^That was too much to send at once/],
  ['Intercom rate limit, too long to wait', fail(429, { code: 'rate_limited', retryAfter: 60 }, { 'Retry-After': '60' }), /^Intercom asked Sidekick to slow down\. Try again in 60 seconds/],
  ['Intercom down', fail(503, { code: 'server' }), /^Intercom had a problem answering/],
  ['Intercom down, no JSON', { status: 502, body: 'Bad gateway' }, /^Intercom had a problem answering/],
  ["the endpoint's Intercom token refused", fail(401, { code: 'unauthorized' }), /^The endpoint's Intercom token was refused\. Ask whoever runs the endpoint/],
  ["the endpoint's Intercom token lacks a scope", fail(403, { code: 'forbidden' }), /^The endpoint's Intercom token isn't allowed to do this/],
  ['the endpoint cannot reach Intercom', fail(502, { code: 'unreachable', detail: 'api.intercom.io' }), /^The Sidekick endpoint couldn't reach Intercom/],
];

describe('an embedded card that fails', () => {
  it.each(CASES)('%s: says so in a sentence, with Try again that asks again', async (_name, reply, sentence) => {
    let answer = reply;
    endpoint.routes['contacts/lookup'] = () => answer;
    const el = addElement({ email: ana.email!, endpoint: ENDPOINT, auth: jwt('read write') });
    const card = inside(el);
    const alert = await card.findByRole('alert');
    expect(alert.querySelector('.notice-title')!.textContent).toMatch(sentence);
    // No raw detail from the endpoint, no Settings link (there are none here), no card data.
    expect(alert.textContent).not.toMatch(/signature|Intercom said|Settings/);
    expect(card.queryByRole('link')).toBeNull();
    expect(card.queryByRole('heading')).toBeNull();

    answer = found;
    fireEvent.click(card.getByRole('button', { name: 'Try again' }));
    await card.findByRole('heading', { name: 'Ana Lima' });
  });

  it('without any JWT says the page gave none, and sends nothing', async () => {
    endpoint.routes['contacts/lookup'] = () => found;
    const el = addElement({ email: ana.email!, endpoint: ENDPOINT });
    const alert = await inside(el).findByRole('alert');
    expect(alert.textContent).toMatch(/^This page didn't give the card a sign-in token\./);
    expect(endpoint.requests).toEqual([]);
  });

  it('with a missing or unusable endpoint or email says what the page got wrong', async () => {
    const noEndpoint = addElement({ email: ana.email!, auth: jwt('read') });
    expect((await inside(noEndpoint).findByRole('alert')).textContent).toMatch(/no endpoint address/);
    const badEndpoint = addElement({ email: ana.email!, endpoint: 'javascript:alert(1)', auth: jwt('read') });
    expect((await inside(badEndpoint).findByRole('alert')).textContent).toMatch(/no endpoint address/);
    const noEmail = addElement({ email: 'not an address', endpoint: ENDPOINT, auth: jwt('read') });
    expect((await inside(noEmail).findByRole('alert')).textContent).toMatch(/no email address to look up/);
    expect(endpoint.requests).toEqual([]);
  });

  it('a write refused for scope says so under the form, in the same words', async () => {
    endpoint.routes['contacts/lookup'] = () => found;
    endpoint.routes['outbox/submit'] = () => fail(403, { code: 'scope_missing' });
    // The JWT says write (display only); the endpoint, which decides, says no.
    const el = addElement({ email: ana.email!, endpoint: ENDPOINT, auth: jwt('read write') });
    const card = inside(el);
    fireEvent.click(await card.findByRole('button', { name: /^Note/ }));
    fireEvent.input(await card.findByRole('textbox', { name: 'Note' }), { target: { value: 'Called about renewal' } });
    fireEvent.click(card.getByRole('button', { name: 'Add note' }));
    const alert = await card.findByRole('alert');
    expect(alert.textContent).toMatch(/^You can look people up here, but not change anything/);
  });
});

describe('an Intercom rate limit on a read', () => {
  it('is waited out once, saying "Intercom is busy — trying again in N seconds" meanwhile', async () => {
    let first = true;
    endpoint.routes['contacts/lookup'] = () => {
      if (!first) return found;
      first = false;
      return fail(429, { code: 'rate_limited', retryAfter: 2 }, { 'Retry-After': '2' });
    };
    const el = addElement({ email: ana.email!, endpoint: ENDPOINT, auth: jwt('read') });
    const card = inside(el);
    const line = await waitFor(() => {
      const found = el.shadowRoot!.querySelector('.embed-waiting');
      if (!found) throw new Error('the card is not drawn yet');
      return found;
    });
    expect(line.getAttribute('role')).toBe('status');
    await waitFor(() => expect(line.textContent).toBe('Intercom is busy — trying again in 2 seconds.'), { timeout: 1500 });
    expect(card.queryByRole('heading')).toBeNull();
    await card.findByRole('heading', { name: 'Ana Lima' }, { timeout: 4000 });
    expect(line.textContent).toBe('');
    expect(endpoint.requests.filter((r) => r.route === 'contacts/lookup')).toHaveLength(2);
  });
});
