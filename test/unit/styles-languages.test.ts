// @vitest-environment node
/**
 * The stylesheets let every language's words wrap (issue 12): Thai and Japanese have no spaces between words and
 * rely on the browser's line breaking, so no rule may keep words together (`word-break: keep-all`), and only
 * data (a name, an address, a company: the same in every language) may be kept on one line or cut with an
 * ellipsis; a label that is longer in another language must wrap. test/e2e/pseudo.test.ts checks the result in
 * Chromium (pseudo-locale and Thai at the panel's narrowest).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const sheets: string[] = [];
const walk = (dir: string) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.css')) sheets.push(p);
  }
};
walk(SRC);

/** Every innermost rule (inside @media too): its selectors and declarations. */
const rules = sheets.flatMap((file) =>
  [...fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    file: path.relative(SRC, file),
    selectors: m[1]!.trim().split(',').map((s) => s.trim()),
    body: m[2]!,
  })),
);

/** What may stay on one line: data, key names, and text only screen readers get. */
const ONE_LINE = new Set(['.contact-name', '.contact-email', '.contact-company', '.keys-cell kbd', '.visually-hidden']);

describe('stylesheets, for languages whose words are longer or unspaced', () => {
  it('has rules to read', () => {
    expect(rules.length).toBeGreaterThan(50);
  });

  it('never keeps words together (word-break: keep-all breaks Thai)', () => {
    expect(rules.filter((r) => /word-break\s*:\s*keep-all/.test(r.body)).map((r) => `${r.file}: ${r.selectors.join(', ')}`)).toEqual([]);
  });

  it('keeps only data, key names and screen-reader text on one line or cut with an ellipsis', () => {
    const oneLine = rules.filter((r) => /white-space\s*:\s*(nowrap|pre)(?![-\w])|text-overflow\s*:\s*ellipsis|line-clamp/.test(r.body));
    expect(oneLine.flatMap((r) => r.selectors.filter((s) => !ONE_LINE.has(s)).map((s) => `${r.file}: ${s}`))).toEqual([]);
  });
});
