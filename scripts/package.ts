/**
 * `npm run package`: the store package. Reads the production build (dist/, or SIDEKICK_OUT_DIR), checks it,
 * writes release/sidekick-for-intercom-<version>.zip, reads the zip back and checks that too. Any problem is
 * printed and the command fails: a package that a store reviewer (or a user) should not get is never written.
 *
 * The checks: a valid MV3 manifest whose files exist, every locale with every English key and every __MSG_…__
 * resolved, no source maps, nothing from the tests or the sandbox, no development host in any permission or in
 * the content security policy, and the privacy page that Settings links to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip, writeZip, type Files } from './zip';

export const LOCALES = ['en', 'de', 'fr', 'ja', 'th', 'fa'] as const;
export const PACKAGE_NAME = 'sidekick-for-intercom';
/** Pages the package must carry beside what the manifest names. */
export const REQUIRED_FILES = ['privacy.html'];

const TEXT = /\.(js|mjs|css|html|json|txt|svg)$/i;

/**
 * Strings only test or sandbox code has. Bare `localhost` / `127.0.0.1` are checked separately (they have two
 * reviewed uses in production code, see ALLOWED_LOOPBACK_MENTIONS).
 */
const SANDBOX_MARKERS: Array<[RegExp, string]> = [
  [/__sandbox/i, 'the sandbox’s control paths (__sandbox)'],
  [/__SANDBOX__/, 'an unreplaced __SANDBOX__ flag'],
  [/sandbox-token/i, 'the sandbox’s token'],
  [/\(sandbox\)/i, 'the sandbox flavour’s name'],
  [/test\/(sandbox|e2e|unit|fixtures)\//, 'a path into the tests'],
  [/\/demo\/(crm|tool)/, 'the demo pages'],
  [/\b(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0):\d+/, 'a development host with a port'],
  [/https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)\b/, 'a development URL'],
];

/**
 * The only kinds of mention production code may make of a loopback host, each reviewed: a list of top-level
 * names that are not public, `localhost` then `local` (the address detector's, so `user@localhost` is not taken
 * for an address; People at this site's, so such a host has no domain to search), and the custom API URL check's
 * loopback list (which the production build never allows: __SANDBOX__ is false).
 */
const ALLOWED_LOOPBACK_MENTIONS = [
  /(["'`])localhost\1,\s*(["'`])local\2/g,
  /(["'`])127\.0\.0\.1\1,\s*(["'`])localhost\2,\s*(["'`])\[::1\]\3/g,
];
const LOOPBACK = /localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0/;

/** Hosts no published permission or policy may name. */
function devHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/:\d+$/, '');
  return (
    LOOPBACK.test(h) || h === '::1' || /^127\./.test(h) || /^10\./.test(h) || /^192\.168\./.test(h) || /^172\.(1[6-9]|2\d|3[01])\./.test(h) ||
    /\.(local|localhost|test|internal|invalid|example)$/.test(h) || /sandbox/.test(h)
  );
}

function hostOfPattern(pattern: string): string | null {
  if (pattern === '<all_urls>') return null;
  const m = /^(?:\*|https?|wss?|ftp|file):\/\/([^/]*)/.exec(pattern);
  return m ? m[1]!.replace(/^\*\.?/, '') : pattern;
}

interface Manifest {
  manifest_version?: unknown;
  name?: unknown;
  version?: unknown;
  description?: unknown;
  default_locale?: unknown;
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
  background?: { service_worker?: string };
  side_panel?: { default_path?: string };
  options_ui?: { page?: string };
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches?: string[]; js?: string[]; css?: string[] }>;
  web_accessible_resources?: Array<{ resources?: string[]; matches?: string[] }>;
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  externally_connectable?: { matches?: string[] };
}

type Catalogue = Record<string, { message?: unknown }>;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Every problem with the package's files, as sentences; none means it may be published. */
export function checkPackage(files: Files, expectedVersion: string): string[] {
  const problems: string[] = [];
  const text = (name: string) => files.get(name)?.toString('utf8');
  const json = <T>(name: string): T | null => {
    const raw = text(name);
    if (raw === undefined) return null;
    try {
      return JSON.parse(raw) as T;
    } catch (e) {
      problems.push(`${name} is not valid JSON (${(e as Error).message})`);
      return null;
    }
  };
  const needFile = (name: unknown, what: string) => {
    if (typeof name !== 'string' || !name) problems.push(`manifest: ${what} is missing`);
    else if (!files.has(name.replace(/^\//, ''))) problems.push(`manifest: ${what} names ${name}, which is not in the package`);
  };

  // ---- the manifest ----
  const manifest = json<Manifest>('manifest.json');
  if (!files.has('manifest.json')) problems.push('manifest.json is missing');
  if (manifest) {
    if (manifest.manifest_version !== 3) problems.push(`manifest: manifest_version is ${String(manifest.manifest_version)}, not 3`);
    for (const key of ['name', 'version', 'description'] as const) {
      if (typeof manifest[key] !== 'string' || !manifest[key]) problems.push(`manifest: ${key} is missing`);
    }
    if (typeof manifest.version === 'string') {
      if (!/^\d{1,9}(\.\d{1,9}){0,3}$/.test(manifest.version)) problems.push(`manifest: version ${manifest.version} is not 1–4 dot-separated numbers`);
      if (manifest.version !== expectedVersion) problems.push(`manifest: version ${manifest.version} is not package.json's ${expectedVersion}`);
    }
    const icons = manifest.icons ?? {};
    for (const size of ['16', '48', '128']) if (!icons[size]) problems.push(`manifest: no ${size}×${size} icon`);
    for (const [size, file] of [...Object.entries(icons), ...Object.entries(manifest.action?.default_icon ?? {})]) {
      needFile(file, `the ${size}px icon`);
      const data = files.get(file.replace(/^\//, ''));
      if (data && !data.subarray(0, 8).equals(PNG)) problems.push(`${file} is not a PNG`);
    }
    needFile(manifest.background?.service_worker, 'background.service_worker');
    if (manifest.side_panel) needFile(manifest.side_panel.default_path, 'side_panel.default_path');
    if (manifest.options_ui) needFile(manifest.options_ui.page, 'options_ui.page');
    for (const cs of manifest.content_scripts ?? []) for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) needFile(f, 'a content script');
    for (const war of manifest.web_accessible_resources ?? []) {
      for (const f of war.resources ?? []) if (!f.includes('*')) needFile(f, 'a web-accessible resource');
    }

    // ---- development hosts in what the extension may reach ----
    const patterns = [
      ...(manifest.host_permissions ?? []).map((p) => ['host_permissions', p] as const),
      ...(manifest.optional_host_permissions ?? []).map((p) => ['optional_host_permissions', p] as const),
      ...(manifest.permissions ?? []).filter((p) => p.includes('/')).map((p) => ['permissions', p] as const),
      ...(manifest.content_scripts ?? []).flatMap((c) => (c.matches ?? []).map((p) => ['content_scripts.matches', p] as const)),
      ...(manifest.web_accessible_resources ?? []).flatMap((w) => (w.matches ?? []).map((p) => ['web_accessible_resources.matches', p] as const)),
      ...(manifest.externally_connectable?.matches ?? []).map((p) => ['externally_connectable', p] as const),
    ];
    for (const [where, pattern] of patterns) {
      const host = hostOfPattern(pattern);
      if (host && devHost(host)) problems.push(`manifest: ${where} names a development host (${pattern})`);
    }
    for (const p of manifest.host_permissions ?? []) {
      if (!p.startsWith('https://')) problems.push(`manifest: host_permissions entry ${p} is not https`);
    }
    for (const [key, policy] of Object.entries(manifest.content_security_policy ?? {})) {
      for (const source of String(policy).split(/[;\s]+/)) {
        const host = /^(?:[a-z]+:\/\/)?([^/'\s]+)/i.exec(source)?.[1];
        if (source.startsWith("'") || !host) continue;
        if (devHost(host)) problems.push(`manifest: content_security_policy.${key} names a development host (${source})`);
      }
      if (/'unsafe-eval'|'unsafe-inline'/.test(String(policy))) problems.push(`manifest: content_security_policy.${key} allows unsafe-eval or unsafe-inline`);
    }

    // ---- locales ----
    if (manifest.default_locale !== 'en') problems.push(`manifest: default_locale is ${String(manifest.default_locale)}, not en`);
    const en = json<Catalogue>('_locales/en/messages.json');
    const present = new Set([...files.keys()].map((f) => /^_locales\/([^/]+)\//.exec(f)?.[1]).filter(Boolean));
    for (const lang of LOCALES) if (!present.has(lang)) problems.push(`locale ${lang} is missing`);
    for (const lang of present) {
      const name = `_locales/${lang}/messages.json`;
      if (!files.has(name)) {
        problems.push(`${name} is missing`);
        continue;
      }
      const cat = json<Catalogue>(name);
      if (!cat || !en) continue;
      // A plural form the language does not have (Japanese and Thai have no `_one`) falls back to `_other`.
      const categories = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[]);
      const unneeded = (k: string) => {
        const m = /^(.*)_(zero|one|two|few|many)$/.exec(k);
        return !!m && !categories.has(m[2]!) && typeof cat[`${m[1]}_other`]?.message === 'string';
      };
      const missing = Object.keys(en).filter((k) => typeof cat[k]?.message !== 'string' && !unneeded(k));
      if (missing.length) problems.push(`${name} lacks ${missing.length} of English's messages (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})`);
    }
    const refs = JSON.stringify(manifest).match(/__MSG_[A-Za-z0-9_@]+?__/g) ?? [];
    for (const ref of new Set(refs)) {
      const key = ref.slice(6, -2);
      if (!en || !Object.keys(en).some((k) => k.toLowerCase() === key.toLowerCase())) problems.push(`manifest: ${ref} has no message in _locales/en`);
    }
  }

  // ---- files ----
  for (const name of REQUIRED_FILES) if (!files.has(name)) problems.push(`${name} is missing (Settings links to it)`);
  for (const [name, data] of files) {
    if (name.endsWith('.map')) problems.push(`${name}: a source map`);
    if (/(^|\/)(test|tests|__tests__)\//.test(name) || /\.(test|spec)\.[jt]sx?$/.test(name) || /\.(tsx?|md)$/.test(name)) {
      problems.push(`${name}: source or test file`);
    }
    if (/sandbox/i.test(name)) problems.push(`${name}: a sandbox file`);
    if (!TEXT.test(name)) continue;
    const body = data.toString('utf8');
    if (/[#@]\s*sourceMappingURL=/.test(body)) problems.push(`${name}: points to a source map`);
    for (const [re, what] of SANDBOX_MARKERS) if (re.test(body)) problems.push(`${name}: ${what} (${re.exec(body)![0]})`);
    let rest = body;
    for (const allowed of ALLOWED_LOOPBACK_MENTIONS) rest = rest.replace(allowed, '');
    const loop = LOOPBACK.exec(rest);
    if (loop) problems.push(`${name}: names a development host (${rest.slice(Math.max(0, loop.index - 30), loop.index + 30)})`);
  }
  return problems;
}

export function readDir(dir: string): Files {
  const files: Files = new Map();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) files.set(rel, fs.readFileSync(path.join(dir, rel)));
    }
  };
  walk('');
  return files;
}

export interface PackageResult {
  zip: string | null;
  problems: string[];
}

/** Checks `dir`, writes the zip into `outDir` and checks what the zip holds. Nothing is written if the build fails a check. */
export function packageBuild(dir: string, outDir: string, version: string): PackageResult {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) return { zip: null, problems: [`${dir} has no build (run npm run build first)`] };
  const files = readDir(dir);
  const problems = checkPackage(files, version);
  if (problems.length) return { zip: null, problems };
  const zip = writeZip(files);
  const back = readZip(zip);
  const lost = [...files.keys()].filter((f) => !back.get(f)?.equals(files.get(f)!));
  if (lost.length || back.size !== files.size) return { zip: null, problems: [`the zip does not hold the build as it is (${lost.join(', ')})`] };
  const again = checkPackage(back, version);
  if (again.length) return { zip: null, problems: again };
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${PACKAGE_NAME}-${version}.zip`);
  fs.writeFileSync(file, zip);
  return { zip: file, problems: [] };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const dir = path.resolve(root, process.env.SIDEKICK_OUT_DIR ?? 'dist');
  const out = path.resolve(root, process.env.SIDEKICK_RELEASE_DIR ?? 'release');
  const result = packageBuild(dir, out, version);
  if (result.problems.length) {
    console.error(`npm run package: ${result.problems.length} problem(s) in ${path.relative(root, dir) || dir}; no package was written:`);
    for (const p of result.problems) console.error(`  ✗ ${p}`);
    process.exit(1);
  }
  const size = fs.statSync(result.zip!).size;
  console.log(`✓ ${path.relative(root, result.zip!)} (${(size / 1024).toFixed(1)} KB), checked: manifest, ${LOCALES.length} locales, no source maps, no sandbox or test code, no development hosts`);
}
