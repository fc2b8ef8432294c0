/**
 * The embedded card's demo: a billing back office ("Northwind Billing") that embeds `<sidekick-contact>` the way
 * a team would, against the endpoint running on the sandbox. Served without auth:
 *   GET  /demo/tool           the page: an invoice, and cards for its billing contact (read write), an address
 *                             Intercom does not know (Create lead), and a colleague's read-only view
 *   GET  /demo/tool.js|.css   its script and styles (files, so the page's CSP can forbid inline code)
 *   POST /demo/tool/token     the page's own backend: a short-lived JWT minted with the demo secret
 *                             (`?scope=read` for a read-only one); the Intercom token is never sent
 *   GET  /widget/<file>       dist-widget/ (`npm run build:widget`): sidekick.js and its lazy chunks
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { mintSidekickToken } from '../../../src/server/mint';
import { send, sendJson } from '../http';

/** The demo's JWT secret. Only for the local sandbox: a real endpoint gets its own from SIDEKICK_SECRET. */
export const DEMO_SECRET = 'sidekick-sandbox-demo-secret-not-for-real-use';

export interface EmbedDemoOptions {
  /** The endpoint's URL; read per request, because the endpoint starts after the sandbox (it needs its URL). */
  endpoint: () => string | undefined;
  /** The secret the endpoint checks JWTs with. Default DEMO_SECRET. */
  secret?: string;
  /** Where the built element is. Default <repo>/dist-widget. */
  widgetDir?: string;
}

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Who the demo page's colleague is (not an Intercom admin: acts as the endpoint token's own admin). */
const DEMO_SUB = 'billing.desk@northwind-billing.example';
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export const TOOL_EMAILS = {
  billing: 'lena.fischer@brightline.io',
  unknown: 'accounts.payable@brightline-logistics.example',
  readOnly: 'noah.williams@tidewaterfoods.co',
} as const;

/** Answers the demo tool's requests; false when the path is not one of them. */
export async function handleTool(req: IncomingMessage, res: ServerResponse, url: URL, opts: EmbedDemoOptions | undefined): Promise<boolean> {
  const method = req.method ?? 'GET';
  const read = method === 'GET' || method === 'HEAD';
  if (url.pathname.startsWith('/widget/') && read) {
    serveWidget(res, opts?.widgetDir ?? path.join(ROOT, 'dist-widget'), url.pathname.slice('/widget/'.length));
    return true;
  }
  const endpoint = opts?.endpoint();
  if (url.pathname === '/demo/tool' && read) {
    send(res, 200, toolPage(endpoint), 'text/html; charset=utf-8', endpoint ? { 'Content-Security-Policy': csp(endpoint) } : {});
    return true;
  }
  if (url.pathname === '/demo/tool.js' && read) {
    send(res, 200, TOOL_SCRIPT, TYPES['.js']!);
    return true;
  }
  if (url.pathname === '/demo/tool.css' && read) {
    send(res, 200, TOOL_STYLE, TYPES['.css']!);
    return true;
  }
  if (url.pathname === '/demo/tool/token' && method === 'POST') {
    if (!endpoint) {
      sendJson(res, 503, { error: 'The Sidekick endpoint is not running.' });
      return true;
    }
    // A real backend knows its signed-in colleague (a session); this one at least serves only its own pages:
    // no CORS headers, and a cross-site POST (its Origin is another site's) gets nothing.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not for other sites.');
      return true;
    }
    const scope = url.searchParams.get('scope') === 'read' ? 'read' : 'read write';
    const token = await mintSidekickToken(opts?.secret ?? DEMO_SECRET, { sub: DEMO_SUB, scope, ttlSeconds: 300 });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify({ token }));
    return true;
  }
  return false;
}

function serveWidget(res: ServerResponse, dir: string, rel: string): void {
  const file = path.resolve(dir, decodeURIComponent(rel));
  const type = TYPES[path.extname(file)];
  if (!file.startsWith(dir + path.sep) || !type || !fs.existsSync(file)) {
    send(res, 404, 'Not built: run "npm run build:widget".', 'text/plain; charset=utf-8');
    return;
  }
  send(res, 200, fs.readFileSync(file, 'utf8'), type, { 'Cache-Control': 'no-cache' });
}

/** What a careful team would set: no inline script or style, calls only to itself and its endpoint. */
function csp(endpoint: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${new URL(endpoint).origin}`,
    "img-src 'self' data: https:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function toolPage(endpoint: string | undefined): string {
  const card = (email: string, extra = '') =>
    endpoint ? `<sidekick-contact email="${email}" endpoint="${escape(endpoint)}"${extra}></sidekick-contact>` : '';
  const notice = endpoint
    ? ''
    : `<p class="warning" role="alert">The Sidekick endpoint is not running, so the cards cannot load. Start the demo with <code>npm start</code>.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Billing — Invoice INV-2026-0412</title>
<link rel="stylesheet" href="/demo/tool.css">
<script type="module" src="/widget/sidekick.js"></script>
<script type="module" src="/demo/tool.js"></script>
</head>
<body>
<header class="bar"><span class="brand">Northwind Billing</span><nav aria-label="Back office"><a href="#">Invoices</a> <a href="#">Customers</a> <a href="#">Payouts</a></nav></header>
<main>
<h1>Invoice INV-2026-0412 <span class="status">Overdue 12 days</span></h1>
${notice}
<div class="layout">
<section class="invoice" aria-labelledby="invoice-title">
  <h2 id="invoice-title">Brightline Logistics GmbH</h2>
  <p class="meta">Billing contact: ${TOOL_EMAILS.billing} · Net 30 · VAT ID on file: DE 811 000 111 (outdated)</p>
  <table>
    <thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col">Amount</th></tr></thead>
    <tbody>
      <tr><td>Growth plan, May 2026</td><td>40 seats</td><td>€3,200.00</td></tr>
      <tr><td>Extra workspace</td><td>1</td><td>€150.00</td></tr>
      <tr><td>VAT 19%</td><td></td><td>€636.50</td></tr>
    </tbody>
    <tfoot><tr><th scope="row" colspan="2">Total due</th><td>€3,986.50</td></tr></tfoot>
  </table>
  <h2>Dunning</h2>
  <ul class="log">
    <li>Reminder 1 sent to ${TOOL_EMAILS.billing}</li>
    <li>Bounce from ${TOOL_EMAILS.unknown} — new accounts-payable address?</li>
  </ul>
  <h2>Also on this account</h2>
  <p class="meta">Your colleague's view has a read-only sign-in: the same card with no write controls.</p>
  ${card(TOOL_EMAILS.readOnly, ' data-scope="read" theme="dark"')}
</section>
<aside class="side" aria-label="Intercom">
  <h2>In Intercom</h2>
  ${card(TOOL_EMAILS.billing)}
  <h2>Accounts payable</h2>
  ${card(TOOL_EMAILS.unknown)}
</aside>
</div>
</main>
</body>
</html>
`;
}

/**
 * The page's own script: it asks its backend for a JWT whenever the card needs one (the property form of
 * `auth`), so a card left open for hours keeps working.
 */
const TOOL_SCRIPT = `// Northwind Billing: hands each <sidekick-contact> a fresh JWT from our own backend.
const tokens = new Map();
async function freshToken(scope) {
  const held = tokens.get(scope);
  if (held && held.until > Date.now()) return held.token;
  const res = await fetch('/demo/tool/token?scope=' + encodeURIComponent(scope), { method: 'POST' });
  if (!res.ok) return null;
  const { token } = await res.json();
  tokens.set(scope, { token, until: Date.now() + 60_000 });
  return token;
}
for (const el of document.querySelectorAll('sidekick-contact')) {
  const scope = el.dataset.scope === 'read' ? 'read' : 'write';
  el.auth = () => freshToken(scope);
}
`;

/** A back office's look — including rules that would wreck a card if they reached into it. */
const TOOL_STYLE = `
body { margin: 0; font: 15px/1.6 Georgia, 'Times New Roman', serif; color: #2d2a32; background: #f3efe6; letter-spacing: 0.02em; }
.bar { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #1f4e3d; color: #f3efe6; }
.bar a { color: #cfe8d8; margin-inline-end: 12px; }
.brand { font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; }
main { padding: 16px 24px; max-width: 1180px; margin: 0 auto; }
h1 { font-size: 22px; margin: 8px 0 16px; }
h2 { font-size: 15px; text-transform: uppercase; color: #1f4e3d; margin: 20px 0 8px; }
.status { font-size: 13px; background: #b3261e; color: #fff; padding: 2px 8px; border-radius: 4px; vertical-align: middle; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 380px; gap: 24px; align-items: start; }
.invoice { background: #fffdf8; border: 1px solid #d9d2c3; padding: 16px 20px; }
.side sidekick-contact { margin-block-end: 16px; }
.meta { color: #5c5566; font-size: 13px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: start; padding: 6px 8px; border-block-end: 1px solid #e6dfd0; }
.log { padding-inline-start: 20px; }
.warning { background: #fdecea; border: 1px solid #b3261e; padding: 8px 12px; }
/* A page's broad rules: none of these may reach inside a card. */
button { background: #ff00aa; color: #ffff00; border-radius: 0; font-size: 20px; }
h3 { font-size: 28px; color: #ff00aa; text-transform: lowercase; }
dl, dd, dt { margin: 40px; }
input, textarea { border: 3px dashed #ff00aa; }
a { color: #d35400; }
`;
