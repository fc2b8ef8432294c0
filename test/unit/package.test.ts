// @vitest-environment node
/**
 * `npm run package`: a real production build (into a directory of its own) passes every check and becomes a
 * zip that holds exactly the build; copies of it broken in one way each are refused with that reason.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackage, packageBuild, readDir, type PackageResult } from '../../scripts/package';
import { readZip, writeZip, type Files } from '../../scripts/zip';
import { markdownToHtml } from '../../scripts/privacy-page';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
let tmp: string;
let good: Files;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekick-package-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SIDEKICK_OUT_DIR: path.join(tmp, 'dist') };
  // Vite's config leaves the extension plugins out under vitest: the child build must not look like a test.
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  delete env.NODE_ENV;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, env, stdio: 'pipe' });
  good = readDir(path.join(tmp, 'dist'));
}, 120_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the good build with one change. */
function broken(change: (files: Files, manifest: Record<string, unknown>) => void): Files {
  const files: Files = new Map(good);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
  change(files, manifest);
  if (!files.has('manifest.json.deleted')) files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  files.delete('manifest.json.deleted');
  return files;
}
const text = (s: string) => Buffer.from(s, 'utf8');
const firstJs = () => [...good.keys()].find((f) => f.startsWith('assets/') && f.endsWith('.js'))!;

describe('npm run package', () => {
  it('passes the production build and writes a zip that holds exactly it', () => {
    expect(checkPackage(good, VERSION)).toEqual([]);
    const result: PackageResult = packageBuild(path.join(tmp, 'dist'), path.join(tmp, 'release'), VERSION);
    expect(result.problems).toEqual([]);
    expect(path.basename(result.zip!)).toBe(`sidekick-for-intercom-${VERSION}.zip`);
    const back = readZip(fs.readFileSync(result.zip!));
    expect([...back.keys()].sort()).toEqual([...good.keys()].sort());
    for (const [name, data] of good) expect(back.get(name)!.equals(data), name).toBe(true);
    for (const lang of ['en', 'de', 'fr', 'ja', 'th', 'fa']) expect(back.has(`_locales/${lang}/messages.json`), lang).toBe(true);
    expect(back.has('privacy.html')).toBe(true);
  });

  it('gives the same bytes for the same build', () => {
    expect(writeZip(good).equals(writeZip(new Map([...good].reverse())))).toBe(true);
  });

  it('writes nothing when the build fails a check', () => {
    const dir = path.join(tmp, 'bad');
    fs.cpSync(path.join(tmp, 'dist'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'assets/extra.js.map'), '{}');
    const result = packageBuild(dir, path.join(tmp, 'bad-release'), VERSION);
    expect(result.zip).toBeNull();
    expect(result.problems.join('\n')).toMatch(/source map/);
    expect(fs.existsSync(path.join(tmp, 'bad-release'))).toBe(false);
  });

  const cases: Array<[string, (files: Files, m: Record<string, unknown>) => void, RegExp]> = [
    ['an MV2 manifest', (_, m) => (m.manifest_version = 2), /manifest_version is 2/],
    ['a manifest that is not JSON', (f) => {
      f.set('manifest.json', text('{ nope'));
      f.set('manifest.json.deleted', text(''));
    }, /manifest.json is not valid JSON/],
    ['no manifest', (f) => {
      f.delete('manifest.json');
      f.set('manifest.json.deleted', text(''));
    }, /manifest.json is missing/],
    ['a missing version', (_, m) => delete m.version, /version is missing/],
    ['a version that is not package.json’s', (_, m) => (m.version = '9.9.9'), /not package.json's/],
    ['a malformed version', (_, m) => (m.version = '1.0-beta'), /not 1–4 dot-separated numbers/],
    ['a missing icon file', (f) => f.delete('icons/icon-128.png'), /icon-128.png, which is not in the package/],
    ['an icon that is not a PNG', (f) => f.set('icons/icon-48.png', text('GIF89a')), /icon-48.png is not a PNG/],
    ['no 128px icon', (_, m) => delete (m.icons as Record<string, string>)['128'], /no 128×128 icon/],
    ['a missing service worker', (f, m) => f.delete((m.background as { service_worker: string }).service_worker), /background.service_worker names/],
    ['another default locale', (_, m) => (m.default_locale = 'de'), /default_locale is de/],
    ['a missing locale', (f) => f.delete('_locales/th/messages.json'), /locale th is missing/],
    ['a locale without a message English has', (f) => {
      const fr = JSON.parse(f.get('_locales/fr/messages.json')!.toString()) as Record<string, unknown>;
      delete fr.extDescription;
      f.set('_locales/fr/messages.json', text(JSON.stringify(fr)));
    }, /fr\/messages.json lacks 1 of English's messages \(extDescription\)/],
    ['a locale directory without messages.json', (f) => f.set('_locales/pt/readme.txt', text('x')), /_locales\/pt\/messages.json is missing/],
    ['an unresolved __MSG_ reference', (_, m) => (m.description = '__MSG_noSuchMessage__'), /__MSG_noSuchMessage__ has no message/],
    ['a source map file', (f) => f.set('assets/index.js.map', text('{}')), /assets\/index.js.map: a source map/],
    ['a sourceMappingURL comment', (f) => f.set(firstJs(), Buffer.concat([good.get(firstJs())!, text('\n//# sourceMappingURL=x.js.map')])), /points to a source map/],
    ['the sandbox’s control path', (f) => f.set(firstJs(), text('fetch("/__sandbox/faults")')), /__sandbox/],
    ['the sandbox’s token', (f) => f.set(firstJs(), text('const t = "sandbox-token-0123456789";')), /the sandbox’s token/],
    ['a loopback URL in code', (f) => f.set(firstJs(), text('const api = "http://127.0.0.1:8787";')), /development (URL|host)/],
    ['a bare localhost in code', (f) => f.set(firstJs(), text('const h = "localhost";')), /names a development host/],
    ['a test file', (f) => f.set('test/e2e/panel.test.js', text('')), /source or test file/],
    ['a TypeScript source', (f) => f.set('src/background/vault.ts', text('')), /source or test file/],
    ['a sandbox file', (f) => f.set('assets/sandbox-seed.js', text('')), /a sandbox file/],
    ['a loopback host permission', (_, m) => (m.host_permissions as string[]).push('http://localhost/*'), /host_permissions names a development host/],
    ['a plain-http host permission', (_, m) => (m.host_permissions as string[]).push('http://api.example.org/*'), /is not https/],
    ['a private address in optional permissions', (_, m) => (m.optional_host_permissions as string[]).push('https://192.168.1.2/*'), /optional_host_permissions names a development host/],
    ['a loopback host in the CSP', (_, m) => {
      const csp = m.content_security_policy as { extension_pages: string };
      csp.extension_pages = csp.extension_pages.replace('connect-src', 'connect-src http://127.0.0.1:*');
    }, /content_security_policy.extension_pages names a development host/],
    ['unsafe-eval in the CSP', (_, m) => {
      const csp = m.content_security_policy as { extension_pages: string };
      csp.extension_pages = csp.extension_pages.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'");
    }, /unsafe-eval/],
    ['a missing privacy page', (f) => f.delete('privacy.html'), /privacy.html is missing/],
  ];

  it.each(cases)('refuses %s', (_, change, problem) => {
    const problems = checkPackage(broken(change), VERSION);
    expect(problems.join('\n')).toMatch(problem);
  });

  it('allows only the reviewed kinds of loopback mention in production code', () => {
    const js = firstJs();
    const ok = broken((f) => f.set(js, text('new Set([`localhost`,`local`,`localdomain`]); [`localhost`,`local`,`internal`].includes(t); new Set([`127.0.0.1`,`localhost`,`[::1]`])')));
    expect(checkPackage(ok, VERSION)).toEqual([]);
    for (const bad of ['[`localhost`,`example`]', 'new Set([`localhost`,`[::1]`])', 'fetch(`//localhost/x`)']) {
      expect(checkPackage(broken((f) => f.set(js, text(bad))), VERSION).join('\n'), bad).toMatch(/development (host|URL)/);
    }
  });
});

describe('privacy page', () => {
  it('escapes everything and keeps only https and in-page links', () => {
    const html = markdownToHtml('# T\n\nA <script>x</script> **b** `c<d>` [web](https://x.test/) [local](../README.md) [js](javascript:alert(1))\n\n| a | b |\n| --- | --- |\n| 1 | `2` |\n\n- one\n  more\n- two');
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<strong>b</strong>');
    expect(html).toContain('<code>c&lt;d&gt;</code>');
    expect(html).toContain('<a href="https://x.test/"');
    expect(html).not.toMatch(/href="(\.\.|javascript)/);
    expect(html).toContain('<th scope="col">a</th>');
    expect(html).toContain('<li>one more</li>');
  });
});
