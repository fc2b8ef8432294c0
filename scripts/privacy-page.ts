/**
 * docs/PRIVACY.md as a static page of the extension (privacy.html + privacy.css), written at build time so
 * Settings can open it offline and a reviewer reads the same text that is in the repository. A small Markdown
 * subset: headings, paragraphs, lists, tables, fenced code, inline code, bold, italics and links. Everything
 * is escaped first; no script, no inline style (the extension pages' CSP allows neither).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(raw: string): string {
  const codes: string[] = [];
  let s = escape(raw).replace(/`([^`]+)`/g, (_, c: string) => `\u0000${codes.push(c) - 1}\u0000`);
  s = s
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, text: string, href: string) => {
      // Only web links and links within the document; a relative link into the repository is shown as text.
      const safe = /^(https:\/\/|#)/.test(href) ? href : null;
      return safe ? `<a href="${safe}" rel="noopener noreferrer">${text}</a>` : text;
    });
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => `<code>${codes[Number(i)]}</code>`);
}

const slug = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');

export function markdownToHtml(md: string): string {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      i++;
      out.push(`<pre><code>${escape(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level} id="${slug(heading[2]!)}">${inline(heading[2]!)}</h${level}>`);
      i++;
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i]!.trim().startsWith('|'); i++) rows.push(cells(lines[i]!));
      const [head, , ...body] = rows;
      out.push(
        '<table>',
        `<thead><tr>${(head ?? []).map((c) => `<th scope="col">${inline(c)}</th>`).join('')}</tr></thead>`,
        `<tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody>`,
        '</table>',
      );
      continue;
    }
    const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]!);
      const items: string[] = [];
      while (i < lines.length) {
        const m = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(lines[i]!);
        if (m) items.push(m[3]!);
        else if (lines[i]!.trim() && /^\s+/.test(lines[i]!) && items.length) items[items.length - 1] += ` ${lines[i]!.trim()}`;
        else break;
        i++;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((t) => `<li>${inline(t)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const para: string[] = [];
    for (; i < lines.length && lines[i]!.trim() && !/^(#{1,6}\s|```|\s*\||\s*([-*]|\d+\.)\s)/.test(lines[i]!); i++) para.push(lines[i]!.trim());
    out.push(`<p>${inline(para.join(' '))}</p>`);
  }
  return out.join('\n');
}

export const PRIVACY_CSS = `:root{color-scheme:light dark;font:16px/1.55 system-ui,sans-serif}
body{max-inline-size:48rem;margin-block:2rem;margin-inline:auto;padding-inline:1.25rem;color:light-dark(#1a1a1a,#e8e8e8);background:light-dark(#fff,#1c1c1e)}
h1,h2,h3{line-height:1.25;margin-block-start:1.75em}
code{font-family:ui-monospace,monospace;font-size:.92em;background:light-dark(#f1f1f3,#2c2c2e);padding-inline:.25em;border-radius:3px}
pre{overflow:auto;padding:.75rem;background:light-dark(#f1f1f3,#2c2c2e)}
table{border-collapse:collapse;inline-size:100%;margin-block:1rem}
th,td{border:1px solid light-dark(#d0d0d5,#48484a);padding:.4rem .55rem;text-align:start;vertical-align:top}
a{color:light-dark(#0b57d0,#8ab4f8)}
`;

export function privacyPage(md: string): string {
  const title = /^#\s+(.*)$/m.exec(md)?.[1] ?? 'Privacy';
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="stylesheet" href="privacy.css">
</head>
<body>
<main>
${markdownToHtml(md)}
</main>
</body>
</html>
`;
}

/** The Vite plugin: privacy.html and privacy.css at the root of the extension build. */
export function privacyPagePlugin(root: string): Plugin {
  const source = path.join(root, 'docs/PRIVACY.md');
  return {
    name: 'sidekick:privacy-page',
    buildStart() {
      this.addWatchFile(source);
    },
    generateBundle() {
      const md = fs.readFileSync(source, 'utf8');
      this.emitFile({ type: 'asset', fileName: 'privacy.html', source: privacyPage(md) });
      this.emitFile({ type: 'asset', fileName: 'privacy.css', source: PRIVACY_CSS });
    },
  };
}
