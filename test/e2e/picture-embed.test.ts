/**
 * The fuller picture in the embedded `<sidekick-contact>` (issue 14), the same component tree through the team's
 * endpoint: the company card opens from the card (and offers Edit only with the write scope), Segments and
 * History open and read through the endpoint's routes. SIDEKICK_WIDGET_DIST names a widget build of one's own.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEndpoint, type EndpointServer } from '../../src/server/node';
import { DEMO_SECRET, TOOL_EMAILS } from '../sandbox/routes/tool';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { expectNoViolations } from './axe';
import { ROOT } from './browser';
import { launchPlain } from './plain-browser';

let sandbox: Sandbox;
let endpoint: EndpointServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  let endpointUrl: string | undefined;
  const widgetDir = path.join(ROOT, process.env.SIDEKICK_WIDGET_DIST ?? 'dist-widget');
  sandbox = await startSandbox({ embed: { endpoint: () => endpointUrl, widgetDir } });
  endpoint = await startEndpoint(
    { intercomToken: sandbox.token, apiBaseUrl: sandbox.url, secret: DEMO_SECRET, allowedOrigins: [sandbox.url] },
    { log: () => undefined },
  );
  endpointUrl = endpoint.url;
  browser = await launchPlain();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.setDefaultTimeout(20_000);
  await page.goto(`${sandbox.url}/demo/tool`);
});
afterAll(async () => {
  await browser?.close();
  await endpoint?.close();
  await sandbox?.close();
});

const card = (email: string) => page.locator(`sidekick-contact[email="${email}"]`);

it('opens the company from an embedded card, with Edit for a writer and none for a reader', async () => {
  const lena = card(TOOL_EMAILS.billing);
  await lena.getByRole('heading', { name: 'Lena Fischer' }).waitFor();
  await lena.getByRole('button', { name: 'Open company Brightline Logistics' }).click();
  const company = lena.getByRole('article', { name: 'Brightline Logistics' });
  await company.getByText('Logistics', { exact: true }).waitFor();
  await company.getByRole('button', { name: 'Edit company' }).waitFor();
  // Its people are listed as links to Intercom: the embed has no panel to open a card in.
  const people = company.getByRole('list', { name: 'People' });
  await expect.poll(() => people.getByRole('link').count()).toBeGreaterThan(0);
  expect(sandbox.requests.some((r) => r.method === 'GET' && /^\/companies\/[^/]+\/contacts$/.test(r.path))).toBe(true);
  await expectNoViolations(page, page, `sidekick-contact[email="${TOOL_EMAILS.billing}"]`);
  await company.getByRole('button', { name: 'Back' }).click();
  await lena.getByRole('heading', { name: 'Lena Fischer' }).waitFor();

  const reader = card(TOOL_EMAILS.readOnly);
  await reader.getByRole('heading', { name: 'Noah Williams' }).waitFor();
  await reader.getByRole('button', { name: /^Open company / }).click();
  await reader.getByRole('article').getByRole('heading', { level: 2 }).waitFor();
  await reader.getByText('Users', { exact: true }).waitFor();
  expect(await reader.getByRole('button', { name: 'Edit company' }).count()).toBe(0);
});

it('shows Segments and History in an embedded card through the endpoint', async () => {
  const lena = card(TOOL_EMAILS.billing);
  await lena.getByRole('button', { name: 'Segments' }).click();
  await lena.getByRole('list', { name: 'Segments' }).getByText('VIP customers').waitFor();
  await lena.getByRole('button', { name: 'History' }).click();
  await lena.getByRole('list', { name: 'All tickets' }).waitFor();
  await lena.getByRole('combobox', { name: 'Show' }).waitFor();
  await expectNoViolations(page, page, `sidekick-contact[email="${TOOL_EMAILS.billing}"]`);
});
