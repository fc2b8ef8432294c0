/** Shared by the endpoint's tests: a handler on the per-file sandbox, JWTs, and calls with Web-standard Requests. */
import { SignJWT } from 'jose';
import { createHandler, type FetchHandler, type HandlerDeps } from '../../src/server/handler';
import type { EndpointConfig } from '../../src/server/config';
import { mintSidekickToken, type SidekickScope } from '../../src/server/mint';
import { SANDBOX_TOKEN } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';

export const SECRET = 'test-secret-for-the-endpoint-0123456789abcdef';
export const ORIGIN = 'https://tools.acme.test';
export const BASE = 'https://endpoint.acme.test/sidekick';

/** Every answer the tests saw (status line, headers, body), to check the token never appears in any. */
export const seen: string[] = [];

export function configFor(sandbox: Sandbox, extra: Partial<EndpointConfig> = {}): EndpointConfig {
  return { intercomToken: SANDBOX_TOKEN, apiBaseUrl: sandbox.url, secret: SECRET, allowedOrigins: [ORIGIN], ...extra };
}

/** Resends after a 5xx happen at once here (the limiter still waits what Intercom asks). */
export function handlerFor(sandbox: Sandbox, extra: Partial<EndpointConfig> = {}, deps: HandlerDeps = { sleep: async () => undefined }): FetchHandler {
  const handle = createHandler(configFor(sandbox, extra), deps);
  return async (request) => record(await handle(request));
}

export async function record(res: Response): Promise<Response> {
  const text = await res.clone().text();
  const headers: string[] = [];
  res.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
  seen.push(`${res.status}\n${headers.join('\n')}\n\n${text}`);
  return res;
}

export const jwt = (sub = 'ana@acme.test', scope: SidekickScope = 'read', ttlSeconds = 900, now?: number) =>
  mintSidekickToken(SECRET, { sub, scope, ttlSeconds, ...(now === undefined ? {} : { now }) });

/** A JWT with claims mintSidekickToken would never write (no sub, an exp too far ahead, another secret). */
export function rawJwt(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

export interface RpcInit {
  jwt?: string | null;
  origin?: string;
  headers?: Record<string, string>;
  /** Sent as is instead of `{ input }`. */
  body?: BodyInit;
  method?: string;
}

export function rpcRequest(route: string, input: unknown, init: RpcInit = {}): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  if (init.jwt) headers.Authorization = `Bearer ${init.jwt}`;
  if (init.origin) headers.Origin = init.origin;
  const method = init.method ?? 'POST';
  return new Request(`${BASE}/rpc/${route}`, {
    method,
    headers,
    ...(method === 'POST' ? { body: init.body ?? JSON.stringify({ input }), duplex: 'half' } : {}),
  } as RequestInit);
}

export async function answer(res: Response): Promise<{ status: number; ok: boolean; data?: any; error?: any }> {
  const body = (await res.json()) as { ok: boolean; data?: unknown; error?: unknown };
  return { status: res.status, ...body } as { status: number; ok: boolean; data?: any; error?: any };
}
