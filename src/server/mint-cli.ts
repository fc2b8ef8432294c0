/**
 * Mints one JWT for trying the endpoint out: prints only the token.
 *   SIDEKICK_SECRET=… npm run mint-token -- --sub ana@acme.test --scope "read write" [--ttl 900]
 */
import { parseArgs } from 'node:util';
import { MIN_SECRET_BYTES } from './config';
import { DEFAULT_TTL_SECONDS, mintSidekickToken, type SidekickScope } from './mint';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sub: { type: 'string' }, scope: { type: 'string', default: 'read' }, ttl: { type: 'string', default: String(DEFAULT_TTL_SECONDS) } },
  });
  const secret = process.env.SIDEKICK_SECRET?.trim();
  if (!secret || new TextEncoder().encode(secret).length < MIN_SECRET_BYTES) {
    throw new Error(`Set SIDEKICK_SECRET (at least ${MIN_SECRET_BYTES} bytes), the same one the endpoint uses.`);
  }
  if (!values.sub) throw new Error('Say who acts: --sub ana@acme.test');
  const scope = values.scope.trim().split(/\s+/).join(' ');
  if (scope !== 'read' && scope !== 'read write') throw new Error('--scope must be "read" or "read write".');
  const ttlSeconds = Number(values.ttl);
  console.log(await mintSidekickToken(secret, { sub: values.sub, scope: scope as SidekickScope, ttlSeconds }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : 'The token could not be minted.');
  process.exit(1);
});
