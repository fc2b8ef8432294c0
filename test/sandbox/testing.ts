/** Small helpers for tests that talk to a sandbox over HTTP with fetch. */
import { SANDBOX_TOKEN } from './seed';
import type { Sandbox } from './server';

export interface CallInit {
  method?: string;
  body?: unknown;
  /** null: no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
}

/** `api(path, init)`: fetch with the bearer token, Intercom-Version 2.14 and a JSON body; POST when there is a body. */
export function apiOf(sandbox: () => Sandbox) {
  return (path: string, init: CallInit = {}): Promise<Response> => {
    const headers: Record<string, string> = { 'Intercom-Version': '2.14', ...init.headers };
    if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? SANDBOX_TOKEN}`;
    if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
    return fetch(`${sandbox().url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
  };
}

export interface ErrorSummary {
  status: number;
  code?: string;
  message?: string;
  field?: string;
  requestId: string;
}

/** The first error of an `error.list` answer (fails the test when the body is not one). */
export async function errorOf(res: Response): Promise<ErrorSummary> {
  const body = (await res.json()) as { type?: string; request_id: string; errors?: { code: string; message: string; field?: string }[] };
  if (body.type !== 'error.list' || !Array.isArray(body.errors)) throw new Error(`expected an error.list, got ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return { status: res.status, requestId: body.request_id, ...body.errors[0] };
}

/** The JSON body of a 2xx answer (fails the test otherwise). */
export async function ok<T = Record<string, unknown>>(res: Response): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`expected a 2xx, got ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
