// @vitest-environment node
/**
 * The same handler, bundled (npm run build:server), under Cloudflare's workerd runtime: configured by env
 * bindings, reaching the sandbox on 127.0.0.1, answering a lookup with a minted JWT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../src/server/build';
import { DEMO_EMAILS, SANDBOX_TOKEN } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { sandboxPerFile } from './intercom-sandbox';
import { jwt, ORIGIN, SECRET } from './server-rig';

let sandbox: Sandbox;
sandboxPerFile((s) => (sandbox = s));
let dir: string;
let workerd: ChildProcess | undefined;
let url: string;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const capnpText = (s: string) => JSON.stringify(s); // a capnp text literal is a JSON-style quoted string

function config(port: number, bindings: Record<string, string>): string {
  const list = Object.entries(bindings).map(([name, text]) => `(name = ${capnpText(name)}, text = ${capnpText(text)})`).join(', ');
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (
      modules = [(name = "handler.mjs", esModule = embed "handler.mjs")],
      compatibilityDate = "2025-01-01",
      globalOutbound = "internet",
      bindings = [${list}],
    )),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
`;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sidekick-workerd-'));
  const bundle = await buildServer(path.join(dir, 'build'), true);
  copyFileSync(bundle, path.join(dir, 'handler.mjs'));
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'config.capnp'),
    config(port, { INTERCOM_TOKEN: SANDBOX_TOKEN, INTERCOM_API_URL: sandbox.url, SIDEKICK_SECRET: SECRET, SIDEKICK_ALLOWED_ORIGINS: ORIGIN }),
  );
  workerd = spawn(path.resolve('node_modules/.bin/workerd'), ['serve', path.join(dir, 'config.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
  workerd.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  workerd.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  url = `http://127.0.0.1:${port}`;
  // Ready when /health answers (workerd takes a moment to compile the module).
  for (let i = 0; i < 200; i++) {
    if (workerd.exitCode !== null) throw new Error(`workerd stopped: ${output}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`workerd did not answer /health: ${output}`);
}, 60_000);

afterAll(() => {
  workerd?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('answers a lookup of a sandbox contact through workerd, with CORS for the allowed origin', async () => {
  const known = DEMO_EMAILS.known[0]!;
  const res = await fetch(`${url}/sidekick/rpc/contacts/lookup`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await jwt()}`, 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify({ input: { emails: [known] } }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(JSON.parse(text).data.contacts[known]).toMatchObject({ email: known });
  expect(sandbox.requests.some((r) => r.path === '/contacts/search')).toBe(true);
  expect(text).not.toContain(SANDBOX_TOKEN);
});

it('refuses a malformed JWT with 401, under workerd too', async () => {
  const res = await fetch(`${url}/rpc/contacts/lookup`, {
    method: 'POST',
    headers: { Authorization: 'Bearer e30.e30.x', 'Content-Type': 'application/json' },
    body: JSON.stringify({ input: { emails: [] } }),
  });
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'auth_refused' } });
});
