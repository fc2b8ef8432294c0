/**
 * Shared by the `<sidekick-contact>` component tests: a fake endpoint behind a stubbed `fetch` (route →
 * answer, with the HTTP status and headers a real endpoint would send), unsigned JWTs with a given scope, and
 * queries into the element's shadow root.
 */
import { within } from '@testing-library/preact';
import { vi } from 'vitest';
import { defineSidekickContact, type SidekickContact } from '../../src/embed/element';
import type { ErrorInfo } from '../../src/protocol/schemas';
import { resetWorkspace } from '../../src/widget/useWorkspace';

export const ENDPOINT = 'https://tools.acme.test/sidekick';

export type Reply = { status?: number; body: unknown; headers?: Record<string, string> } | 'network-error';
export type Handler = (input: any, auth: string | null) => Reply | Promise<Reply>;

export interface FakeEndpoint {
  routes: Record<string, Handler>;
  /** Every request: route, input, and the Authorization header. */
  requests: Array<{ route: string; input: unknown; auth: string | null; idempotencyKey: string | null }>;
}

export const ok = (data: unknown): Reply => ({ status: 200, body: { ok: true, data } });
export const fail = (status: number, error: ErrorInfo, headers?: Record<string, string>): Reply => ({ status, body: { ok: false, error }, headers });

/** A JWT-shaped string the element can read the scope of (the fake endpoint does not check signatures). */
export function jwt(scope: string, sub = 'colleague-1'): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, scope, exp: Math.floor(Date.now() / 1000) + 600 })}.c2lnbmF0dXJl`;
}

export function installEndpoint(): FakeEndpoint {
  defineSidekickContact();
  resetWorkspace();
  const fake: FakeEndpoint = { routes: {}, requests: [] };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const route = url.slice(`${ENDPOINT}/rpc/`.length);
    const headers = new Headers(init.headers);
    const auth = headers.get('Authorization')?.replace(/^Bearer /, '') ?? null;
    const { input } = JSON.parse(String(init.body)) as { input: unknown };
    fake.requests.push({ route, input, auth, idempotencyKey: headers.get('Idempotency-Key') });
    const handler = fake.routes[route];
    const reply: Reply = handler ? await handler(input, auth) : fail(404, { code: 'invalid_message' });
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: { 'Content-Type': 'application/json', ...reply.headers } });
  });
  return fake;
}

/** Adds `<sidekick-contact>` to the document with these attributes. */
export function addElement(attrs: Record<string, string>, parent: HTMLElement = document.body): SidekickContact {
  const el = document.createElement('sidekick-contact');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.append(el);
  return el;
}

/** Testing Library's queries over the element's shadow root. */
export function inside(el: SidekickContact) {
  return within(el.shadowRoot! as unknown as HTMLElement);
}
