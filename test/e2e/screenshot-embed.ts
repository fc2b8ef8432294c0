/**
 * The README's picture of the embedded card: the demo back office (/demo/tool) with its `<sidekick-contact>`
 * cards, in plain Chromium (no extension), through the real endpoint in front of the sandbox.
 */
import path from 'node:path';
import { startEndpoint } from '../../src/server/node';
import { DEMO_SECRET, TOOL_EMAILS } from '../sandbox/routes/tool';
import { startSandbox } from '../sandbox/server';
import { ROOT } from './browser';
import { launchPlain } from './plain-browser';

export async function shootEmbed(): Promise<void> {
  let endpointUrl: string | undefined;
  const sandbox = await startSandbox({ embed: { endpoint: () => endpointUrl } });
  const endpoint = await startEndpoint(
    { intercomToken: sandbox.token, apiBaseUrl: sandbox.url, secret: DEMO_SECRET, allowedOrigins: [sandbox.url] },
    { log: () => undefined },
  );
  endpointUrl = endpoint.url;
  const browser = await launchPlain();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 980 } });
    await page.goto(`${sandbox.url}/demo/tool`);
    const card = (email: string) => page.locator(`sidekick-contact[email="${email}"]`);
    await card(TOOL_EMAILS.billing).getByRole('link', { name: 'Invoice shows the wrong VAT number' }).waitFor();
    await card(TOOL_EMAILS.unknown).getByRole('button', { name: 'Create lead' }).waitFor();
    await card(TOOL_EMAILS.readOnly).getByRole('heading', { name: 'Noah Williams' }).waitFor();
    // Let avatars and the last skeletons settle.
    await page.waitForTimeout(500);
    const out = path.join(ROOT, 'test/e2e/screenshots/embed.png');
    await page.screenshot({ path: out, fullPage: true });
    console.log(`wrote ${path.relative(ROOT, out)}`);
  } finally {
    await browser.close();
    await endpoint.close();
    await sandbox.close();
  }
}
