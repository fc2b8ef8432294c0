/**
 * workerd refuses `redirect: 'error'` (in `new Request` and in `fetch`: "use 'manual' and check the response
 * status code"), and the shared Intercom client (src/core/intercom/http.ts) asks for exactly that, so no
 * redirect can carry the token to another host. Inside a Worker isolate, which runs only this endpoint, ask
 * for 'manual' instead and refuse any redirect answer as a network error, which is what 'error' means in a
 * browser or in Node. The shared client stays as it is for the extension.
 */
export function refuseRedirectsInWorkerd(): void {
  const g = globalThis as { Request: typeof Request; fetch: typeof fetch; __sidekickRedirects?: boolean };
  if (g.__sidekickRedirects) return;
  g.__sidekickRedirects = true;
  const manual = <T extends RequestInit | undefined>(init: T): T => (init?.redirect === 'error' ? { ...init, redirect: 'manual' } : init);
  const NativeRequest = g.Request;
  g.Request = class extends NativeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input, manual(init));
    }
  };
  const nativeFetch = g.fetch.bind(globalThis);
  g.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await nativeFetch(input, manual(init));
    // Nothing in this endpoint follows a redirect: every 3xx is refused like `redirect: 'error'` would.
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      throw new TypeError('A redirect was refused.');
    }
    return res;
  };
}
