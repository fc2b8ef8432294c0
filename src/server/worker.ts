/**
 * The endpoint under Cloudflare Workers / workerd: the same handler, built once per isolate from the env
 * bindings (INTERCOM_TOKEN, INTERCOM_REGION or INTERCOM_API_URL, SIDEKICK_SECRET, SIDEKICK_ALLOWED_ORIGINS).
 * `npm run build:server` bundles this file into dist-server/handler.mjs.
 */
import { ConfigError, configFromEnv, type Env } from './config';
import { createHandler, type FetchHandler } from './handler';
import { refuseRedirectsInWorkerd } from './workerd-compat';

let handler: FetchHandler | null = null;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      if (!handler) {
        refuseRedirectsInWorkerd();
        handler = createHandler(configFromEnv(env));
      }
    } catch (e) {
      // Said in the Worker's log, never in the answer: the page learns only that the endpoint is not ready.
      console.error(e instanceof ConfigError ? e.message : 'The endpoint cannot start: its configuration could not be read.');
      return new Response(JSON.stringify({ ok: false, error: { code: 'server', detail: 'The endpoint is not configured.' } }), {
        status: 503,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
    }
    return handler(request);
  },
};
