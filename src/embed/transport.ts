/**
 * The element's `call`: the HTTP transport to the team's endpoint, plus what the card says while a read waits
 * out Intercom's rate limit. Each call gets its own transport so a wait is known to belong to that call and
 * ends with it, however many calls are in flight.
 */
import { httpTransport, type AuthSource, type Call } from '../protocol/client';

export interface EmbedCallOptions {
  endpoint: string;
  /** The page's JWT (string or function), read again before every request. */
  auth: () => AuthSource;
  /** The longest wait in progress, in seconds, or null once none is. */
  onWaiting: (seconds: number | null) => void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export function embedCall(opts: EmbedCallOptions): Call {
  const waits = new Map<symbol, number>();
  const report = () => opts.onWaiting(waits.size ? Math.max(...waits.values()) : null);
  return async (type, input) => {
    const id = Symbol(type);
    const { call } = httpTransport({
      endpoint: opts.endpoint,
      auth: opts.auth,
      fetch: opts.fetch,
      sleep: opts.sleep,
      onWait: (seconds) => {
        waits.set(id, seconds);
        report();
      },
    });
    try {
      return await call(type, input);
    } finally {
      if (waits.delete(id)) report();
    }
  };
}
