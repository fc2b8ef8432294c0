/**
 * Runs the Intercom sandbox until Ctrl+C:  tsx test/sandbox/cli.ts [--port 8787] [--host 127.0.0.1] [--empty]
 */
import { parseArgs } from 'node:util';
import { DEMO_EMAILS } from './seed';
import { startSandbox } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    empty: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: tsx test/sandbox/cli.ts [--port 8787] [--host 127.0.0.1] [--empty]');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`Invalid --port ${values.port}`);
  process.exit(2);
}

const sandbox = await startSandbox({ port, host: values.host, seed: !values.empty });
const s = sandbox.state;
console.log(`Intercom sandbox (API 2.14) listening on ${sandbox.url}`);
console.log(`  token:      ${sandbox.token}`);
console.log(`  workspace:  ${s.app.name} (id_code ${s.app.id_code})`);
console.log(`  data:       ${s.contacts.length} contacts, ${s.companies.length} companies, ${s.conversations.length} conversations, ${s.tickets.length} tickets, ${s.teams.length} teams`);
console.log(`  demo page:  ${sandbox.url}/demo  (${DEMO_EMAILS.known.length} known + ${DEMO_EMAILS.unknown.length} unknown emails)`);
console.log(`  empty page: ${sandbox.url}/demo/empty`);
console.log(`  controls:   POST ${sandbox.url}/__sandbox/reset · GET /__sandbox/requests · POST /__sandbox/faults`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
