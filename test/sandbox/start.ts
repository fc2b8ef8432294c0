/**
 * `npm start`: the product with no Intercom account. Starts the sandbox, launches Chromium with the sandbox
 * flavour of the extension (built by `npm run build:sandbox`), applies the demo settings through the real
 * Settings route, opens the demo page and the side panel beside it. Also starts the endpoint for the embedded
 * card in front of the sandbox and opens the demo back office (/demo/tool, built by `npm run build:widget`)
 * in a second tab: no extension involved there. Ctrl+C (or closing the browser) stops all.
 */
import { startEndpoint } from '../../src/server/node';
import { launchExtension } from '../e2e/browser';
import { DEMO_SECRET } from './routes/tool';
import { SANDBOX_TOKEN } from './seed';
import { startSandbox } from './server';
import { seedHistory } from './seed-picture';

const port = Number(process.env.SANDBOX_PORT ?? 8787);
const endpointPort = Number(process.env.ENDPOINT_PORT ?? 8788);
const headless = process.env.HEADLESS === '1' || (!process.env.DISPLAY && process.platform === 'linux');

// The endpoint needs the sandbox's URL (its Intercom, its allowed origin), so the tool page learns its URL after.
let endpointUrl: string | undefined;
const embed = { endpoint: () => endpointUrl };
const sandbox = await startSandbox({ port, embed }).catch(() => startSandbox({ port: 0, embed }));
// A longer history (notes, data events of the last days) on a few Northwind Analytics people, for the card's History.
seedHistory(sandbox.state, Math.floor(Date.now() / 1000));
console.log(`Intercom sandbox on ${sandbox.url} (token ${SANDBOX_TOKEN})`);
const endpointConfig = { intercomToken: SANDBOX_TOKEN, apiBaseUrl: sandbox.url, secret: DEMO_SECRET, allowedOrigins: [sandbox.url] };
const quiet = { log: () => undefined };
const endpoint = await startEndpoint(endpointConfig, { port: endpointPort, ...quiet }).catch(() => startEndpoint(endpointConfig, { port: 0, ...quiet }));
endpointUrl = endpoint.url;
console.log(`Sidekick endpoint on ${endpoint.url} (for <sidekick-contact>; allowed origin ${sandbox.url})`);
if (headless) console.log('No display found: Chromium runs headless. Run under a desktop, or `xvfb-run -a npm start`, to see it.');

// Northwind Analytics' own site, served by the sandbox under its real name (People at this site lists its people).
const NORTHWIND = 'www.northwind-analytics.com';
const browser = await launchExtension({ headless, extraArgs: [`--host-resolver-rules=MAP ${NORTHWIND} 127.0.0.1`] });
console.log(`Extension ${browser.id} loaded.`);

// The demo settings, saved the way the Settings page saves them.
const options = await browser.open(browser.pageUrl('src/options/index.html'));
const saved = await options.evaluate(
  ([url, token]) => chrome.runtime.sendMessage({ type: 'settings/save', input: { region: 'custom', apiUrl: url, token } }),
  [sandbox.url, SANDBOX_TOKEN] as const,
);
if (!saved?.ok) throw new Error(`Could not apply the demo settings: ${JSON.stringify(saved)}`);
await options.reload();

// The embedded card's demo in its own tab, behind the CRM page.
const tool = await browser.open(`${sandbox.url}/demo/tool`);
const portal = await browser.open(`http://${NORTHWIND}:${sandbox.port}/demo/portal`);
const demo = await browser.open(`${sandbox.url}/demo`);
await demo.bringToFront();
// Open the real side panel next to the demo page (an extension page's evaluate counts as a user gesture).
const tabId = await browser.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, demo.url());
const opened = await options.evaluate(async (id) => {
  if (id === undefined) return false;
  const tab = await chrome.tabs.get(id);
  await chrome.sidePanel.open({ windowId: tab.windowId });
  return true;
}, tabId);
await demo.bringToFront();
for (const page of browser.ctx.pages()) if (page.url() === 'about:blank') await page.close().catch(() => undefined);

console.log(`Demo page: ${sandbox.url}/demo${opened ? ' — the side panel is open beside it.' : ''}`);
console.log(`Settings:  ${browser.pageUrl('src/options/index.html')}`);
console.log(`Internal tool with <sidekick-contact> (second tab): ${tool.url()}`);
console.log(`A customer's own site (third tab): ${portal.url()} — click the toolbar button there, then People at this site.`);
console.log('Click the Sidekick toolbar button on any page to scan it. Press Ctrl+C to stop.');

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await browser.close().catch(() => undefined);
  await endpoint.close().catch(() => undefined);
  await sandbox.close().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
browser.ctx.on('close', () => void stop());
if (process.env.START_EXIT_AFTER_READY === '1') await stop();
