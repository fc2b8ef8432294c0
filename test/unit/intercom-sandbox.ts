/** Shared by the client tests: one sandbox per file, and clients wired to it. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { IntercomHttp } from '../../src/core/intercom/http';
import { RateLimiter } from '../../src/core/intercom/limiter';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { SANDBOX_TOKEN } from '../sandbox/seed';

/** One sandbox for the test file, reseeded before each test; `bind` receives it once it is up. */
export function sandboxPerFile(bind: (s: Sandbox) => void, opts?: SandboxOptions): void {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(opts);
    bind(sandbox);
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => sandbox?.reset());
}

export function useSandbox(): { readonly sandbox: Sandbox; client(opts?: { token?: string; timeoutMs?: number }): IntercomHttp } {
  let sandbox: Sandbox | undefined;
  sandboxPerFile((s) => (sandbox = s));
  return {
    get sandbox() {
      return sandbox!;
    },
    // Backoff between retries is skipped; the rate limiter really waits (the sandbox's Retry-After is 1 s).
    client: (opts = {}) =>
      new IntercomHttp({ baseUrl: sandbox!.url, token: opts.token ?? SANDBOX_TOKEN }, new RateLimiter(), async () => undefined, opts.timeoutMs),
  };
}

/** The sandbox's record of requests to a path (and method), in order. */
export function calls(sandbox: Sandbox, method: string, path: string | RegExp) {
  return sandbox.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
}
