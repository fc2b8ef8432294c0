// @vitest-environment node
/** The endpoint under node:http: the same answers over a real socket, a streamed body capped, one log line per request. */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndpoint, type EndpointServer } from '../../src/server/node';
import { DEMO_EMAILS, SANDBOX_TOKEN } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { sandboxPerFile } from './intercom-sandbox';
import { configFor, jwt, ORIGIN } from './server-rig';

let sandbox: Sandbox;
sandboxPerFile((s) => (sandbox = s));
let endpoint: EndpointServer;
const lines: string[] = [];
beforeAll(async () => {
  endpoint = await startEndpoint(configFor(sandbox), { port: 0, log: (l) => lines.push(l) });
});
afterAll(() => endpoint?.close());

const known = DEMO_EMAILS.known[0]!;

/** A raw request with chunked transfer (no Content-Length), as a client that does not say the size would send it. */
function streamed(path: string, token: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, endpoint.url);
    const req = httpRequest(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (e) => (e.message.includes('EPIPE') || e.message.includes('ECONNRESET') ? undefined : reject(e)));
    const chunk = Buffer.alloc(8 * 1024, 'x');
    req.write('{"input":{"emails":[],"pad":"');
    for (let sent = 0; sent < bytes; sent += chunk.length) req.write(chunk);
    req.end('"}}');
  });
}

describe('startEndpoint', () => {
  it('serves health and a lookup over HTTP, with CORS for the allowed origin', async () => {
    expect(await (await fetch(`${endpoint.url}/health`)).json()).toEqual({ ok: true, data: { ok: true } });
    const res = await fetch(`${endpoint.url}/rpc/contacts/lookup`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await jwt()}`, 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify({ input: { emails: [known] } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await res.json()) as { data: { contacts: Record<string, { email: string }> } };
    expect(body.data.contacts[known]?.email).toBe(known);
  });

  it('refuses a streamed body past 64 KB with 413 without reading all of it', async () => {
    const answer = await streamed('/rpc/contacts/lookup', await jwt(), 512 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('logs one line per request — method, path, status, time — and never a JWT or the token', async () => {
    const token = await jwt();
    lines.length = 0;
    await fetch(`${endpoint.url}/sidekick/rpc/contacts/lookup?x=1`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ input: { emails: [known] } }) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^POST \/sidekick\/rpc\/contacts\/lookup 200 \d+ms$/);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain(SANDBOX_TOKEN);
  });
});
