/**
 * Demo pages for trying the extension by hand and in e2e tests (served without auth):
 *   GET /demo        "Acme CRM" deal page: 12 seeded contacts' emails (plain text, one in mixed case,
 *                    some only in mailto: links), 2 unknown addresses, and one address inside a
 *                    <script> that a scanner must ignore. See DEMO_EMAILS in seed.ts.
 *   GET /demo/empty  a CRM page with no email address at all (but a few '@' traps).
 *   GET /demo/portal a customer's own site (Northwind Analytics' portal): `npm start` and the e2e serve it as
 *                    www.northwind-analytics.com, whose People at this site are seeded.
 *   GET /demo/many, /demo/large   long pages for benches (see below).
 */
import { DEMO_EMAILS } from '../seed';

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; }
  header { background: #243b53; color: #fff; padding: 12px 24px; font-weight: 600; }
  main { max-width: 880px; margin: 24px auto; background: #fff; padding: 24px 32px; border-radius: 8px; }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e4e7eb; }
  .meta { color: #52606d; }`;

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
${head}
</head>
<body>
<header>Acme CRM</header>
<main>
${body}
</main>
</body>
</html>
`;
}

export function demoPage(): string {
  const head = `<script>
  // CRM bootstrap data: not page content. A scanner must not report this address.
  window.__ACME_CRM__ = { escalation: "${DEMO_EMAILS.inScript}", build: "2026.05.1" };
</script>`;
  const body = `<h1>Deal: Northwind Analytics — Enterprise renewal FY27</h1>
<p class="meta">Stage: Negotiation · Amount: $50,400 · Close date: 30 Jun 2026 · Owner: Priya Raman</p>

<h2>Stakeholders</h2>
<table>
  <tr><th>Name</th><th>Role</th><th>Email</th></tr>
  <tr><td>Olivia Bennett</td><td>VP Operations</td><td>olivia.bennett@northwind-analytics.com</td></tr>
  <tr><td>Marcus Reid</td><td>Finance</td><td><a href="mailto:marcus.reid@northwind-analytics.com">Email Marcus</a></td></tr>
  <tr><td>Hannah Okafor</td><td>Data lead</td><td>${DEMO_EMAILS.mixedCase}</td></tr>
  <tr><td>Priya Natarajan</td><td>Analyst (trial)</td><td><a href="mailto:priya.natarajan@northwind-analytics.com">priya.natarajan@northwind-analytics.com</a></td></tr>
</table>

<h2>Related contacts</h2>
<ul>
  <li>Lena Fischer (Brightline Logistics, partner) — <a href="mailto:lena.fischer@brightline.io?subject=Northwind%20intro">lena.fischer@brightline.io</a></li>
  <li>Mallory (Brightline Logistics) — mallory@brightline.io</li>
  <li>Grace Thompson, reference customer: grace.thompson@canopyhealth.org</li>
  <li>Jordan Ellis — <a href="mailto:jordan.ellis@canopyhealth.org">Jordan Ellis</a></li>
  <li>Aoife Byrne: aoife@larkspurlabs.dev</li>
  <li>Liam O&#39;Connor <a href="mailto:liam.oconnor@tidewaterfoods.co" title="Send email">✉</a></li>
</ul>

<h2>Activity</h2>
<p>Carlos Mendes (carlos.mendes@example.com) asked for the Portuguese docs; forwarded by misaki.tanaka@quillfeather.co.uk.</p>
<p>New stakeholder to add: newperson@example.org (cc <a href="mailto:newperson@example.org">newperson</a>).
  sam.rivera@example.net joined the last call.</p>`;
  return layout('Acme CRM — Deal: Northwind Analytics renewal', body, head);
}

/** Northwind Analytics' own customer portal: one address on it, and the rest of its people are in Intercom. */
export function portalDemoPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Northwind Analytics — Customer portal</title><style>${STYLE}</style></head>
<body>
<header>Northwind Analytics</header>
<main>
<h1>Customer portal</h1>
<p class="meta">Dashboards, usage reports and billing for the Northwind Analytics team.</p>
<p>Questions about your plan? Write to Marcus Reid, finance: marcus.reid@northwind-analytics.com.</p>
</main>
</body>
</html>
`;
}

export function emptyDemoPage(): string {
  const body = `<h1>Pipeline — Q3</h1>
<p class="meta">No people on this page. Mentions like @priya, a price of 3 @ $40 and the domain @example.com are not email addresses.</p>
<table>
  <tr><th>Deal</th><th>Stage</th><th>Amount</th></tr>
  <tr><td>Northwind Analytics renewal</td><td>Negotiation</td><td>$50,400</td></tr>
  <tr><td>Tidewater Foods expansion</td><td>Discovery</td><td>$12,000</td></tr>
  <tr><td>Quillfeather Books upgrade</td><td>Proposal</td><td>$3,480</td></tr>
</table>`;
  return layout('Acme CRM — Pipeline', body);
}

/** The i-th address of `/demo/many`: deterministic, spread over 37 domains. */
export function manyEmail(i: number): string {
  return `person${i}@bench${i % 37}.example.com`;
}

/**
 * `GET /demo/many?n=1000&from=0`: a long table of n distinct addresses (1 ≤ n ≤ 100,000), manyEmail(from) onwards,
 * for benches and stress tests.
 */
export function manyEmailsPage(query: URLSearchParams): string {
  const n = Math.min(100_000, Math.max(1, Number(query.get('n')) || 100));
  const from = Math.max(0, Math.floor(Number(query.get('from')) || 0));
  const rows: string[] = [];
  for (let i = from; i < from + n; i++) rows.push(`<tr><td>Person ${i}</td><td>${manyEmail(i)}</td></tr>`);
  return layout(`Acme CRM — ${n} people`, `<h1>${n} people</h1>\n<table>\n${rows.join('\n')}\n</table>`);
}

/**
 * `GET /demo/large`: ~20,000 elements — 2,000 cards of 10 elements, every tenth with an address (plain, split
 * across elements, in a mailto: link, or named), and an image name in each that is not one. For the bench.
 */
export function largePage(cards = 2000): string {
  const parts: string[] = [];
  for (let i = 0; i < cards; i++) {
    const k = i / 10;
    const who =
      i % 10 !== 0 ? '' : [`person${k}@bench.example.com`, `<span>split${k}</span>@<b>bench.example.com</b>`,
        `<a href="mailto:link${k}@bench.example.com?subject=Hi">write</a>`, `Name ${k} &lt;named${k}@bench.example.com&gt;`][k % 4];
    parts.push(
      `<div class="card"><h3>Card ${i}</h3><p>Lorem ipsum dolor sit amet, <em>consectetur</em> adipiscing elit ${who}</p>` +
        `<ul><li>Stage <b>${i % 7}</b></li><li>Owner <i>team ${i % 13}</i></li></ul><span class="tag">v${i}@2x.png</span><small>updated</small></div>`,
    );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench</title></head><body><main>${parts.join('')}</main></body></html>`;
}

export const DEMO_PAGES: Record<string, (query: URLSearchParams) => string> = {
  '/demo': demoPage,
  '/demo/empty': emptyDemoPage,
  '/demo/portal': portalDemoPage,
  '/demo/many': manyEmailsPage,
  '/demo/large': () => largePage(),
};
