// @vitest-environment jsdom
/**
 * The in-page widget's parts that need no real browser: which text the marks cover (findMarks), where the card
 * goes (placeCard), the card's own states (InPageCard with the fake worker) and the Settings switch.
 * Layout, clicks on marks, the iframe and the page's hostility are tested in Chromium (test/e2e/in-page.test.ts).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { placeCard, CARD_HEIGHT, CARD_WIDTH } from '../../src/content/card-frame';
import { findMarks } from '../../src/content/highlight';
import { HighlightSetting } from '../../src/options/HighlightSetting';
import type { SettingsView } from '../../src/protocol/schemas';
import { CLOSE_CARD_MESSAGE } from '../../src/protocol/events';
import { InPageCard } from '../../src/widget/InPageCard';
import { fail, installFakeChrome, type FakeChrome } from './fake-chrome';
import { fixturePages } from '../fixtures/pages';
import { contactView } from './fixtures';

const body = (html: string) => {
  document.body.innerHTML = html;
  return document.body;
};
const covered = (root: Node, emails: string[]) => findMarks(root, new Set(emails)).map((m) => [m.email, m.range.toString()]);

describe('findMarks', () => {
  it('covers each occurrence of a reported address, in page order, without its punctuation', () => {
    const root = body('<p>Write to (Ana@Example.com). Or ana@example.com, or bob@example.org!</p><p>ana@example.com</p>');
    expect(covered(root, ['ana@example.com', 'bob@example.org'])).toEqual([
      ['ana@example.com', 'Ana@Example.com'],
      ['ana@example.com', 'ana@example.com'],
      ['bob@example.org', 'bob@example.org'],
      ['ana@example.com', 'ana@example.com'],
    ]);
  });

  it('marks only what was reported, and nothing in script, style, template, noscript or form fields', () => {
    const root = body(
      '<p>carol@example.com dan@example.com</p><script>x="carol@example.com"</script><style>/*carol@example.com*/</style>' +
        '<template>carol@example.com</template><noscript>carol@example.com</noscript><textarea>carol@example.com</textarea>',
    );
    expect(covered(root, ['carol@example.com'])).toEqual([['carol@example.com', 'carol@example.com']]);
  });

  it('marks a mailto link whose text is not the address, once', () => {
    const root = body('<a href="mailto:erin@example.com?subject=Hi">Write to Erin</a> <a href="mailto:fay@example.com">fay@example.com</a>');
    expect(covered(root, ['erin@example.com', 'fay@example.com'])).toEqual([
      ['fay@example.com', 'fay@example.com'],
      ['erin@example.com', 'Write to Erin'],
    ]);
  });

  it('reads text as the scanner does: an address split across inline elements is one mark; a block or a break splits', () => {
    const root = body('<p>Ask <span>ana</span>@<b>example.com</b> today</p><p>bob</p><p>@example.org</p><p>carol<br>@example.net</p>');
    expect(covered(root, ['ana@example.com', 'bob@example.org', 'carol@example.net'])).toEqual([['ana@example.com', 'ana@example.com']]);
    const [mark] = findMarks(root, new Set(['ana@example.com']));
    expect(mark!.range.startContainer.textContent).toBe('ana');
    expect(mark!.range.endContainer.textContent).toBe('example.com');
  });

  it('marks every address of the obfuscation and Cloudflare fixture page once, over what the page shows', () => {
    const page = fixturePages().find((p) => p.name === 'forms')!;
    const doc = new DOMParser().parseFromString(page.html, 'text/html');
    const expected = page.key.expected.map((e) => e.email);
    const marks = covered(doc.body, [...expected, ...page.key.mustNot]);
    expect(marks).toEqual([
      ['ana.costa@northwind.io', 'ana.costa@northwind.io'],
      ['help@northwind.io', 'help@north' + 'wind.io'],
      ['press@northwind.io', 'press [at] northwind [dot] io'],
      ['jobs@northwind.io', 'jobs(at)northwind.io'],
      ['legal@northwind.co.uk', 'legal {at} northwind {dot} co {dot} uk'],
      ['careers@northwind.io', 'careers at northwind dot io'],
      ['dev@northwind.io', '[email\u00a0protected]'],
      ['drew@northwind.io', 'a protected link'],
    ]);
  });

  it('stops at the cap', () => {
    const root = body(Array.from({ length: 30 }, (_, i) => `<p>p${i}@example.com</p>`).join(''));
    const all = Array.from({ length: 30 }, (_, i) => `p${i}@example.com`);
    expect(findMarks(root, new Set(all), 10)).toHaveLength(10);
    expect(findMarks(root, new Set(), 10)).toEqual([]);
  });
});

describe('placeCard', () => {
  const viewport = { width: 1000, height: 800 };
  const rect = (left: number, top: number, width = 120, height = 18) => new DOMRect(left, top, width, height);

  it('puts the card below the address when it fits', () => {
    expect(placeCard(rect(100, 100), viewport)).toEqual({ left: 100, top: 124 });
  });
  it('above it when it does not fit below', () => {
    expect(placeCard(rect(100, 700), viewport)).toEqual({ left: 100, top: 700 - 6 - CARD_HEIGHT });
  });
  it('beside it (right, else left) when it fits neither below nor above', () => {
    const short = { width: 1000, height: 620 };
    const right = placeCard(rect(100, 300), short);
    expect(right.left).toBe(100 + 120 + 6);
    const left = placeCard(rect(800, 300), short);
    expect(left.left).toBe(800 - 6 - CARD_WIDTH);
    for (const p of [right, left]) {
      expect(p.top).toBeGreaterThanOrEqual(8);
      expect(p.top + CARD_HEIGHT).toBeLessThanOrEqual(620 - 8);
    }
  });

  it('never off-screen, on any screen', () => {
    for (const [x, y, vw, vh] of [[990, 400, 1000, 800], [10, 200, 300, 300], [0, 0, 200, 200], [500, 590, 1000, 600]] as const) {
      const p = placeCard(rect(x, y), { width: vw, height: vh });
      expect(p.left).toBeGreaterThanOrEqual(8);
      expect(p.top).toBeGreaterThanOrEqual(8);
      expect(p.left + Math.min(CARD_WIDTH, vw - 16)).toBeLessThanOrEqual(vw - 8);
      expect(p.top + Math.min(CARD_HEIGHT, vh - 16)).toBeLessThanOrEqual(vh - 8);
    }
  });
});

describe('InPageCard', () => {
  let fake: FakeChrome;
  beforeEach(() => {
    fake = installFakeChrome();
    fake.answers['contact/activity'] = () => ({ conversations: [], tickets: [] });
  });
  afterEach(cleanup);

  it('shows the contact with the quick actions, and asks the worker for that address only', async () => {
    const ana = contactView({ id: 'c1', email: 'ana@example.com', name: 'Ana <b>Lima</b>' });
    fake.answers['contacts/lookup'] = () => ({ contacts: { 'ana@example.com': ana } });
    render(<InPageCard email="ana@example.com" />);
    await screen.findByRole('heading', { name: 'Ana <b>Lima</b>' });
    expect(screen.getByRole('group', { name: 'Quick actions' })).toBeTruthy();
    expect(fake.sent.find((m) => m.type === 'contacts/lookup')?.input).toEqual({ emails: ['ana@example.com'] });
  });

  it('offers Create lead for an unknown address and shows the new lead', async () => {
    fake.answers['contacts/lookup'] = () => ({ contacts: { 'new@example.org': null } });
    fake.answers['contacts/create-lead'] = ({ email }: { email: string }) => contactView({ id: 'c2', email, name: null, role: 'lead' });
    render(<InPageCard email="new@example.org" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create lead' }));
    await screen.findByRole('heading', { name: 'new@example.org' });
    expect(fake.sent.filter((m) => m.type === 'contacts/create-lead').map((m) => m.input)).toEqual([{ email: 'new@example.org' }]);
  });

  it('explains a refused token and tries again', async () => {
    let calls = 0;
    fake.answers['contacts/lookup'] = () => (++calls === 1 ? fail('unauthorized') : { contacts: { 'a@example.com': null } });
    render(<InPageCard email="a@example.com" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/token/i);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Not in Intercom');
  });

  it('asks its host to close (with no data) on Close and on Esc', async () => {
    fake.answers['contacts/lookup'] = () => ({ contacts: { 'a@example.com': null } });
    const post = vi.spyOn(window.parent, 'postMessage').mockImplementation(() => undefined);
    render(<InPageCard email="a@example.com" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Close the card' }));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(post.mock.calls).toEqual([
      [CLOSE_CARD_MESSAGE, '*'],
      [CLOSE_CARD_MESSAGE, '*'],
    ]);
    post.mockRestore();
  });
});

describe('Settings → Highlight email addresses on pages', () => {
  afterEach(cleanup);
  const view: SettingsView = { region: 'us', apiUrl: null, hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null };

  it('is off by default and saves the switch through the worker', async () => {
    const fake = installFakeChrome();
    fake.answers['settings/highlight'] = ({ enabled }: { enabled: boolean }) => ({ ...view, highlightEmails: enabled });
    const onChange = vi.fn();
    render(<HighlightSetting view={view} onChange={onChange} />);
    const toggle = screen.getByRole('switch', { name: 'Highlight email addresses on pages' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    await waitFor(() => expect(onChange).toHaveBeenCalledWith({ ...view, highlightEmails: true }));
    expect(fake.sent.filter((m) => m.type === 'settings/highlight').map((m) => m.input)).toEqual([{ enabled: true }]);
  });

  it('says why when the worker refuses', async () => {
    const fake = installFakeChrome();
    fake.answers['settings/highlight'] = () => fail('internal');
    render(<HighlightSetting view={view} onChange={() => undefined} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('switch', { name: 'Highlight email addresses on pages' }));
    });
    await screen.findByRole('alert');
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(false);
  });
});
