/**
 * Test controls under `/__sandbox/` — no auth, not recorded, not rate-limited:
 *   POST /__sandbox/reset     reseed, clear recorded requests and faults
 *   GET  /__sandbox/requests  the recorded API requests
 *   GET  /__sandbox/faults    the current faults
 *   POST /__sandbox/faults    merge faults (FaultInput in faults.ts): {latencyMs?, failNext?: {count, status?, path?, method?,
 *                             afterApply?, dropConnection?}, rateLimit?: {limit, windowSeconds?}, revokeToken?, forbidPaths?,
 *                             mergedContactStatus?, companyLookup?, mergeContact?: {from, into}}
 *   GET  /__sandbox/state     summary: counts, app, token owner
 *   GET  /__sandbox/events    the data events accepted by POST /events
 *   GET  /__sandbox/messages  the messages sent with POST /messages
 */
import { FaultError, type FaultSnapshot, type FaultInput } from '../faults';
import type { SandboxState } from '../state';

export interface ControlHost {
  reset(): void;
  readonly state: SandboxState;
  readonly requests: readonly unknown[];
  faults: { set(input: FaultInput): void; readonly current: FaultSnapshot };
}

export interface ControlReply {
  status: number;
  body: unknown;
}

export function handleControl(host: ControlHost, method: string, path: string, body: unknown): ControlReply {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'POST /__sandbox/reset':
      host.reset();
      return { status: 200, body: { ok: true } };
    case 'GET /__sandbox/requests':
      return { status: 200, body: host.requests };
    case 'GET /__sandbox/faults':
      return { status: 200, body: host.faults.current };
    case 'POST /__sandbox/faults':
      try {
        host.faults.set((body ?? {}) as FaultInput);
      } catch (e) {
        if (e instanceof FaultError) return { status: 400, body: { ok: false, error: e.message } };
        throw e;
      }
      return { status: 200, body: host.faults.current };
    case 'GET /__sandbox/events':
      return { status: 200, body: host.state.events };
    case 'GET /__sandbox/messages':
      return { status: 200, body: host.state.messages };
    case 'GET /__sandbox/state': {
      const s = host.state;
      return {
        status: 200,
        body: {
          app: s.app,
          me: s.meAdminId,
          counts: {
            admins: s.admins.length,
            contacts: s.contacts.length,
            companies: s.companies.length,
            tags: s.tags.length,
            ticketTypes: s.ticketTypes.length,
            conversations: s.conversations.length,
            teams: s.teams.length,
            tickets: s.tickets.length,
            notes: s.notes.length,
            messages: s.messages.length,
            events: s.events.length,
          },
          merged: s.merged,
        },
      };
    }
    default:
      return { status: 404, body: { ok: false, error: `no control ${route}` } };
  }
}
