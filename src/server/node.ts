/**
 * The endpoint under Node: node:http in front of the Web-standard handler. `npm run server` reads the
 * configuration from the environment (see config.ts) and listens on PORT (default 8788) on 127.0.0.1,
 * or on HOST when it is given. One log line per request: method, path, status, milliseconds — never headers
 * or bodies (they carry JWTs and contact data).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ConfigError, configFromEnv, portFromEnv, type EndpointConfig } from './config';
import { createHandler, DEFAULT_MAX_BODY_BYTES, type FetchHandler } from './handler';

export interface EndpointServer {
  /** `http://127.0.0.1:8788` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  host?: string;
  /** Where the per-request lines go (default: stdout). */
  log?: (line: string) => void;
}

export async function startEndpoint(config: EndpointConfig, opts: ListenOptions = {}): Promise<EndpointServer> {
  const handler = createHandler(config);
  const maxBody = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = opts.log ?? ((line: string) => console.log(line));
  const server = createServer((req, res) => void serve(handler, maxBody, req, res, log));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(handler: FetchHandler, maxBody: number, req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const path = (req.url ?? '/').split('?')[0]!.slice(0, 200);
  let status = 500;
  try {
    const response = await handler(toRequest(req, maxBody));
    status = response.status;
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    // A body we stopped reading (too large) is not drained: the connection closes after the answer.
    if (!req.complete) headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(body);
  } catch {
    res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ ok: false, error: { code: 'internal' } }));
  } finally {
    res.once('finish', () => {
      if (!req.complete) req.destroy();
    });
    log(`${req.method ?? '?'} ${path} ${status} ${Math.round(performance.now() - started)}ms`);
  }
}

/** node:http → Request, the body streamed; past `maxBody` bytes the stream ends there and the handler refuses it. */
function toRequest(req: IncomingMessage, maxBody: number): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return new Request(url, { method, headers });
  let size = 0;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = (error?: unknown) => {
        if (!open) return;
        open = false;
        if (error) controller.error(error);
        else controller.close();
      };
      req.on('data', (chunk: Buffer) => {
        if (!open) return;
        size += chunk.byteLength;
        controller.enqueue(new Uint8Array(chunk));
        if (size > maxBody) {
          req.pause();
          finish();
        }
      });
      req.on('end', () => finish());
      req.on('error', (e) => finish(e));
    },
    cancel() {
      open = false;
      req.pause();
    },
  });
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
}

async function main(): Promise<void> {
  let config: EndpointConfig;
  let port: number;
  try {
    config = configFromEnv(process.env);
    port = portFromEnv(process.env);
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : 'The endpoint cannot start: its configuration could not be read.');
    process.exit(1);
  }
  const endpoint = await startEndpoint(config, { port, host: process.env.HOST?.trim() || '127.0.0.1' });
  console.log(`Sidekick endpoint on ${endpoint.url} (Intercom at ${new URL(config.apiBaseUrl).host}; origins: ${config.allowedOrigins.join(', ') || 'none'})`);
  const stop = () => void endpoint.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
