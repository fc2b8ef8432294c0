/**
 * `<sidekick-contact>` in real Chromium with no extension: the demo back office (/demo/tool) embeds the built
 * element (dist-widget/sidekick.js) against the real endpoint (startEndpoint) in front of the sandbox.
 * Needs `npm run build:widget`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintSidekickToken } from '../../src/server/mint';
import { startEndpoint, type EndpointServer } from '../../src/server/node';
import { DEMO_SECRET, TOOL_EMAILS } from '../sandbox/routes/tool';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { expectNoViolations } from './axe';
import { ROOT } from './browser';
import { contactOf } from './helpers';
import { launchPlain } from './plain-browser';

let sandbox: Sandbox;
let endpoint: EndpointServer;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist-widget/sidekick.js'))) throw new Error('dist-widget/ is not built: run "npm run build:widget" first.');
  let endpointUrl: string | undefined;
  sandbox = await startSandbox({ embed: { endpoint: () => endpointUrl } });
  endpoint = await startEndpoint(
    { intercomToken: sandbox.token, apiBaseUrl: sandbox.url, secret: DEMO_SECRET, allowedOrigins: [sandbox.url] },
    { log: () => undefined },
  );
  endpointUrl = endpoint.url;
  browser = await launchPlain();
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.close();
  await sandbox?.close();
});

/** The demo page, with every response body it received (to search them for the Intercom token). */
async function openTool(): Promise<{ page: Page; bodies: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.setDefaultTimeout(20_000);
  const bodies: string[] = [];
  page.on('response', (r) => {
    const headers = JSON.stringify(r.headers());
    void r.text().then((t) => bodies.push(headers + t), () => bodies.push(headers));
  });
  await page.goto(`${sandbox.url}/demo/tool`);
  return { page, bodies };
}

const card = (page: Page, email: string) => page.locator(`sidekick-contact[email="${email}"]`);
/** The sandbox's writes since `from` (searches are reads). */
const writes = (from: number) => sandbox.requests.slice(from).filter((r) => r.method !== 'GET' && !r.path.endsWith('/search'));

describe('<sidekick-contact> on a team page, through the endpoint', () => {
  it("shows the billing contact's card from the sandbox: role, company, tags, attributes, open conversation, Open in Intercom", async () => {
    const { page } = await openTool();
    const lena = contactOf(sandbox, TOOL_EMAILS.billing);
    const el = card(page, TOOL_EMAILS.billing);
    await el.getByRole('heading', { name: 'Lena Fischer' }).waitFor();
    await el.getByRole('link', { name: 'Invoice shows the wrong VAT number' }).waitFor();
    const text = await el.locator('article').textContent();
    for (const expected of ['User', 'Brightline Logistics', 'VIP', 'Partner', 'Invoice shows the wrong VAT number']) expect(text).toContain(expected);
    expect(await el.getByRole('link', { name: 'Open in Intercom' }).getAttribute('href')).toContain(lena.id);
    expect(await el.getByRole('group', { name: 'Quick actions' }).count()).toBe(1);

    // Unknown address: "Not in Intercom" with Create lead (write scope). Read-only sign-in: no write controls.
    await card(page, TOOL_EMAILS.unknown).getByText('Not in Intercom').waitFor();
    expect(await card(page, TOOL_EMAILS.unknown).getByRole('button', { name: 'Create lead' }).count()).toBe(1);
    const readOnly = card(page, TOOL_EMAILS.readOnly);
    await readOnly.getByRole('heading', { name: 'Noah Williams' }).waitFor();
    expect(await readOnly.getByRole('group', { name: 'Quick actions' }).count()).toBe(0);
    expect(await readOnly.getByRole('button', { name: /^(Tag|Note|Assign|Close|Snooze)/ }).count()).toBe(0);

    // The page's CSS stays out (its pink buttons, letter spacing, serif font), and the card's stays in.
    const looks = await el.evaluate((host) => {
      const button = host.shadowRoot!.querySelector<HTMLElement>('.btn')!;
      const s = getComputedStyle(button);
      const name = getComputedStyle(host.shadowRoot!.querySelector('h2')!);
      return { bg: s.backgroundColor, letterSpacing: name.letterSpacing, font: name.fontFamily, pageH2: getComputedStyle(document.querySelector('h2')!).textTransform };
    });
    expect(looks.bg).not.toBe('rgb(255, 0, 170)');
    expect(looks.letterSpacing).toBe('normal');
    expect(looks.font).not.toContain('Georgia');
    expect(looks.pageH2).toBe('uppercase');
    await page.close();
  });

  it('a tag and a note from the element land in the sandbox once each', async () => {
    const { page } = await openTool();
    const lena = contactOf(sandbox, TOOL_EMAILS.billing);
    const el = card(page, TOOL_EMAILS.billing);
    const quick = (name: string) => el.getByRole('group', { name: 'Quick actions' }).getByRole('button', { name, exact: true });
    const status = el.locator('.qa-status[role="status"]');
    await quick('Tag').waitFor();
    const from = sandbox.requests.length;

    const billing = sandbox.state.tags.find((t) => t.name === 'Billing issue')!;
    await quick('Tag').click();
    const box = el.getByRole('combobox', { name: 'Find or create a tag' });
    await box.fill('billing');
    await el.getByRole('option', { name: 'Billing issue' }).click();
    await el.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => status.textContent()).toContain('Tag added');

    await quick('Note').click();
    await el.getByRole('textbox', { name: 'Note' }).fill('Asked for the new VAT ID by phone');
    await el.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => status.textContent()).toContain('Note added');

    const sent = writes(from).map((r) => [r.method, r.path]);
    expect(sent).toEqual([
      ['POST', `/contacts/${lena.id}/tags`],
      ['POST', `/contacts/${lena.id}/notes`],
    ]);
    expect(writes(from)[0]!.body).toEqual({ id: billing.id });
    expect((writes(from)[1]!.body as { body: string }).body).toBe('Asked for the new VAT ID by phone');
    expect(await el.getByRole('list', { name: 'Tags' }).first().textContent()).toContain('Billing issue');
    await page.close();
  });

  it('an expired JWT shows the sentence and nothing else', async () => {
    const { page } = await openTool();
    const now = Math.floor(Date.now() / 1000);
    const expired = await mintSidekickToken(DEMO_SECRET, { sub: 'someone', scope: 'read write', ttlSeconds: 60, now: now - 3600 });
    const text = await page.evaluate(
      async ([email, endpointUrl, jwt]) => {
        const el = document.createElement('sidekick-contact');
        el.setAttribute('email', email);
        el.setAttribute('endpoint', endpointUrl);
        el.setAttribute('auth', jwt);
        document.querySelector('main')!.prepend(el);
        for (let i = 0; i < 200 && !el.shadowRoot?.querySelector('[role="alert"]'); i++) await new Promise((r) => setTimeout(r, 50));
        return el.shadowRoot!.querySelector('.sidekick-root')!.textContent;
      },
      [TOOL_EMAILS.billing, endpoint.url, expired] as const,
    );
    // The sentence, Try again, and Copy details (every error has it; what it copies is checked in edits.test.ts).
    expect(text).toBe('Your sign-in to the card has expired. Reload the page to sign in again.Try againCopy details');
    await page.close();
  });

  it("the page's own script cannot get the Intercom token, nor data without a valid JWT of its own", async () => {
    const { page, bodies } = await openTool();
    const el = card(page, TOOL_EMAILS.billing);
    await el.getByRole('heading', { name: 'Lena Fischer' }).waitFor();
    // Open the conversation too: its answer and the lazily loaded sanitizer are among what the page receives.
    await el.getByRole('group', { name: 'Conversation actions' }).getByRole('button', { name: 'View' }).click();
    await el.locator('.part-body').first().waitFor();

    // Everything a page script can read: its DOM and every shadow root, its globals, every answer it received.
    const seen = await page.evaluate(() => {
      const parts: string[] = [document.documentElement.outerHTML];
      for (const host of document.querySelectorAll('*')) if (host.shadowRoot) parts.push(host.shadowRoot.innerHTML);
      for (const key of Object.getOwnPropertyNames(window)) {
        try {
          parts.push(key, JSON.stringify((window as unknown as Record<string, unknown>)[key]) ?? '');
        } catch {
          // Cyclic or host objects: nothing a token could hide in as JSON.
        }
      }
      parts.push(document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }));
      return parts.join('\n');
    });
    expect(bodies.length).toBeGreaterThan(5);
    expect(seen).not.toContain(sandbox.token);
    for (const body of bodies) expect(body).not.toContain(sandbox.token);

    // Straight to the endpoint: no JWT, another secret's, `alg: none`, an extension-only route, another site.
    const other = await mintSidekickToken('another-secret-that-is-32-bytes-long!', { sub: 'x', scope: 'read write' });
    const [header, payload] = other.split('.');
    const none = `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '')}.${payload}.`;
    const good = await mintSidekickToken(DEMO_SECRET, { sub: 'x', scope: 'read write' });
    const ask = (p: Page, route: string, jwt: string | null, input: unknown) =>
      p.evaluate(
        async ([base, r, token, body]) => {
          try {
            const res = await fetch(`${base}/rpc/${r}`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
              body: JSON.stringify({ input: body }),
            });
            return { status: res.status, text: await res.text() };
          } catch (e) {
            return { status: 0, text: String(e) };
          }
        },
        [endpoint.url, route, jwt, input] as const,
      );
    const lookup = { emails: [TOOL_EMAILS.billing] };
    for (const jwt of [null, other, none, `${header}.${payload}`]) {
      const answer = await ask(page, 'contacts/lookup', jwt, lookup);
      expect(answer.status).toBe(401);
      expect(answer.text).not.toContain('Lena');
    }
    for (const route of ['settings/get', 'outbox/list']) {
      const answer = await ask(page, route, good, {});
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.text).not.toContain(sandbox.token);
    }
    // A page of another origin (localhost is not 127.0.0.1) cannot read the endpoint's answers, even with a JWT.
    const foreign = await browser.newPage();
    await foreign.goto(`http://localhost:${sandbox.port}/demo/empty`);
    expect((await ask(foreign, 'contacts/lookup', good, lookup)).status).toBe(0);
    await foreign.close();
    await page.close();
  });

  it('axe finds no violations in the elements, light and dark, and theme="light" holds in a dark page', async () => {
    const { page } = await openTool();
    await card(page, TOOL_EMAILS.billing).getByRole('heading', { name: 'Lena Fischer' }).waitFor();
    await card(page, TOOL_EMAILS.readOnly).getByRole('heading', { name: 'Noah Williams' }).waitFor();
    await card(page, TOOL_EMAILS.unknown).getByText('Not in Intercom').waitFor();
    await card(page, TOOL_EMAILS.billing).getByRole('link', { name: 'Invoice shows the wrong VAT number' }).waitFor();
    await expectNoViolations(page, page, 'sidekick-contact');

    const background = (email: string) => card(page, email).evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('.sidekick-root')!).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(TOOL_EMAILS.billing)).toBe('rgb(22, 25, 29)');
    await card(page, TOOL_EMAILS.billing).evaluate((host) => host.setAttribute('theme', 'light'));
    expect(await background(TOOL_EMAILS.billing)).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'light' });
    // The read-only card is pinned to dark by its attribute.
    expect(await background(TOOL_EMAILS.readOnly)).toBe('rgb(22, 25, 29)');
    await page.close();
  });
});
