/**
 * The endpoint's configuration, read from environment variables (Node's process.env, or a Worker's env
 * bindings). Every problem is reported as a sentence that names the variable, never its value: the token
 * and the secret must not reach a log.
 */
import { REGION_HOSTS, checkApiUrl } from '../core/regions';

export interface EndpointConfig {
  /** The Intercom access token. Stays on the endpoint. */
  intercomToken: string;
  /** Intercom's REST API base URL, without a trailing slash. */
  apiBaseUrl: string;
  /** The HS256 secret the team's backend signs JWTs with (at least 32 bytes). */
  secret: string;
  /** Exact origins (`https://tools.acme.test`) whose pages may call the endpoint from a browser. */
  allowedOrigins: string[];
  /** Request bodies past this many bytes are refused (413). Default 64 KB. */
  maxBodyBytes?: number;
  /** How many calls run at once across all colleagues (the fair scheduler's slots). Default 4. */
  maxInFlight?: number;
  /** How many calls one colleague may have waiting before the next is refused with 429. Default 32. */
  maxQueuedPerSub?: number;
  /** Addresses asked for by several colleagues within this many ms go to Intercom in one search. Default 10. */
  lookupBatchMs?: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_PORT = 8788;
export const MIN_SECRET_BYTES = 32;

/** Environment variables as strings (process.env, or a Worker's text bindings). */
export type Env = Record<string, string | undefined>;

const REGIONS = Object.keys(REGION_HOSTS) as Array<keyof typeof REGION_HOSTS>;

export function configFromEnv(env: Env): EndpointConfig {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const intercomToken = text('INTERCOM_TOKEN');
  if (!intercomToken) problems.push('INTERCOM_TOKEN is missing: set it to the Intercom access token the endpoint acts with.');
  else if (!/^[\x21-\x7e]+$/.test(intercomToken)) problems.push('INTERCOM_TOKEN has spaces or characters a token never has.');

  let apiBaseUrl = '';
  const apiUrl = text('INTERCOM_API_URL');
  const region = text('INTERCOM_REGION')?.toLowerCase();
  if (apiUrl) {
    try {
      // http is accepted only on this machine (the local sandbox); anything else must be https.
      apiBaseUrl = checkApiUrl(apiUrl, true);
    } catch {
      problems.push('INTERCOM_API_URL must be an https URL without a query or credentials (http only for 127.0.0.1 or localhost).');
    }
  } else if (region && !(REGIONS as string[]).includes(region)) {
    problems.push(`INTERCOM_REGION must be one of ${REGIONS.join(', ')}.`);
  } else {
    apiBaseUrl = REGION_HOSTS[(region ?? 'us') as keyof typeof REGION_HOSTS];
  }

  const secret = text('SIDEKICK_SECRET');
  if (!secret) problems.push('SIDEKICK_SECRET is missing: set it to a random string of at least 32 bytes that your backend signs tokens with.');
  else if (new TextEncoder().encode(secret).length < MIN_SECRET_BYTES) problems.push(`SIDEKICK_SECRET is too short: use at least ${MIN_SECRET_BYTES} bytes (for example \`openssl rand -base64 48\`).`);

  const allowedOrigins: string[] = [];
  for (const raw of (text('SIDEKICK_ALLOWED_ORIGINS') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const origin = originOf(raw);
    if (origin) allowedOrigins.push(origin);
    else problems.push(`SIDEKICK_ALLOWED_ORIGINS has an entry that is not an origin (scheme://host[:port], no path): ${raw.slice(0, 100)}`);
  }

  if (problems.length) throw new ConfigError(`The endpoint cannot start:\n- ${problems.join('\n- ')}`);
  return { intercomToken: intercomToken!, apiBaseUrl, secret: secret!, allowedOrigins };
}

/** The port from PORT, else the default. */
export function portFromEnv(env: Env): number {
  const raw = env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be a whole number between 0 and 65535.');
  return port;
}

/** `https://tools.acme.test` as the browser sends it in `Origin`, or null for anything else. */
function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
    if (raw.replace(/\/+$/, '') !== url.origin) return null;
    return url.origin;
  } catch {
    return null;
  }
}
