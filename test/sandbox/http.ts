/** Plumbing shared by the server and the route files: routing, bodies, CORS. No Intercom logic here. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, invalid } from './errors';
import type { Json } from './present';
import type { SandboxState } from './state';

export interface Ctx {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
  state: SandboxState;
  /** Current time, Unix seconds. */
  now(): number;
  /** The sandbox's own origin, e.g. `http://127.0.0.1:54321` (for links it hands out). */
  baseUrl: string;
  /** Answer-shaping switches from the faults (see FaultSnapshot). */
  options: { mergedContactStatus: 404 | 410; companyLookup: 'company' | 'list' };
}

export interface Reply {
  status?: number;
  /** undefined: an empty body (e.g. `202 Accepted` for events). */
  body?: Json | Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. `/contacts/:id/tags` */
  path: string;
  handler(ctx: Ctx): Reply;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((r) => {
      const names: string[] = [];
      const source = r.path.replace(/:([a-z_]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...r, regex: new RegExp(`^${source}/?$`), names };
    });
  }

  /** The route for a request, or null when no route has that path (404) — 405s are reported as 404 too. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      try {
        r.names.forEach((name, i) => {
          params[name] = decodeURIComponent(m[i + 1] ?? '');
        });
      } catch {
        return null; // malformed %-escape: no such resource
      }
      return { route: r, params };
    }
    return null;
  }
}

const MAX_BODY = 1024 * 1024;

export async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw invalid('Request body is too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body. Empty → null. Non-JSON content types and malformed JSON → 400. */
export function parseJsonBody(raw: string, contentType: string | undefined): unknown {
  if (raw.trim() === '') return null;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(400, [{ code: 'parameter_invalid', message: 'Content-Type must be application/json' }]);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw invalid('Request body is not valid JSON');
  }
}

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Intercom-Version, Accept',
  'Access-Control-Expose-Headers': 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-Id, Retry-After, Link',
  'Access-Control-Max-Age': '600',
};

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** An answer without a body (e.g. `202 Accepted` for events). */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS_HEADERS, 'Content-Length': '0', 'Cache-Control': 'no-store', ...headers });
  res.end();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

export function intParam(query: URLSearchParams, name: string, dflt: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(`${name} must be an integer between ${min} and ${max}`, name);
  return n;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The request body as an object, or 400. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw invalid('The request body must be a JSON object');
  return body;
}

/**
 * An id parameter. Intercom's ids are strings, but its own examples send many of them as JSON numbers
 * (`{"id": 81}`, `"admin_id": 991267583`), and it accepts both. undefined/null → undefined.
 */
export function optId(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return String(v);
  throw invalid(`${key} must be an id (a string or an integer)`, key);
}

export function optText(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`${key} must be a string`, key);
  return v;
}

export function optInteger(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalid(`${key} must be an integer`, key);
  return v;
}
