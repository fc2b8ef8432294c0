/**
 * Fault runs: user actions (add a note, tag a contact, create a lead) through the worker's client while the
 * sandbox injects one fault per action. Counts, per fault, actions lost (reported done but not applied),
 * doubled (applied twice), and the honest outcomes: done, or "may have been sent" / failed, said to the user.
 */
import { AppError } from '../../src/core/errors';
import { IntercomHttp } from '../../src/core/intercom/http';
import { RateLimiter } from '../../src/core/intercom/limiter';
import { addNote, createLead, sameText, tagContact } from '../../src/core/intercom/contacts';
import { createTag } from '../../src/core/intercom/tags';
import type { FaultInput } from '../sandbox/faults';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SANDBOX_TOKEN } from '../sandbox/seed';

export interface FaultRow {
  fault: string;
  actions: number;
  done: number;
  toldUser: number;
  lost: number;
  doubled: number;
}

type Fault = { name: string; faults: (method: string) => FaultInput };

export const FAULTS: Fault[] = [
  { name: 'none', faults: () => ({}) },
  { name: '429 rate limited', faults: (method) => ({ failNext: { count: 1, status: 429, method } }) },
  { name: '503 before applying', faults: (method) => ({ failNext: { count: 1, status: 503, method } }) },
  { name: '502 after applying', faults: (method) => ({ failNext: { count: 1, status: 502, method, afterApply: true } }) },
  { name: 'connection dropped after applying', faults: (method) => ({ failNext: { count: 1, status: 502, method, afterApply: true, dropConnection: true } }) },
  { name: 'connection dropped before applying', faults: (method) => ({ failNext: { count: 1, status: 502, method, dropConnection: true } }) },
];

interface Action {
  kind: string;
  method: string;
  run(http: IntercomHttp, i: number): Promise<unknown>;
  /** How many times the action's effect is present in the workspace. */
  applied(s: Sandbox, i: number): number;
}

export async function measureFaults(perAction = 5): Promise<FaultRow[]> {
  const sandbox = await startSandbox();
  try {
    const rows: FaultRow[] = [];
    for (const fault of FAULTS) {
      sandbox.reset();
      const http = new IntercomHttp({ baseUrl: sandbox.url, token: SANDBOX_TOKEN }, new RateLimiter(), async () => undefined);
      const admin = sandbox.state.meAdminId;
      const people = sandbox.state.contacts;
      const tags = await Promise.all(Array.from({ length: perAction }, (_, i) => createTag(http, `bench-${i}`)));
      const noteText = (i: number) => `Fault run note ${i}`;
      const actions: Action[] = [
        {
          kind: 'note',
          method: 'POST',
          run: (h, i) => addNote(h, people[i]!.id, noteText(i), admin),
          applied: (s, i) => s.state.notes.filter((n) => n.contact_id === people[i]!.id && sameText(n.body, noteText(i))).length,
        },
        {
          kind: 'tag',
          method: 'POST',
          run: (h, i) => tagContact(h, people[i]!.id, tags[i]!.id),
          applied: (s, i) => s.state.contacts.find((c) => c.id === people[i]!.id)!.tags.filter((t) => t.id === tags[i]!.id).length,
        },
        {
          kind: 'lead',
          method: 'POST',
          run: (h, i) => createLead(h, `fault.lead.${i}@example.org`),
          applied: (s, i) => s.state.contacts.filter((c) => c.email === `fault.lead.${i}@example.org`).length,
        },
      ];
      const row: FaultRow = { fault: fault.name, actions: 0, done: 0, toldUser: 0, lost: 0, doubled: 0 };
      for (const action of actions) {
        for (let i = 0; i < perAction; i++) {
          sandbox.faults.set({ failNext: null, ...fault.faults(action.method) });
          row.actions++;
          let ok = false;
          try {
            await action.run(http, i);
            ok = true;
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
          }
          const times = action.applied(sandbox, i);
          if (ok) row.done++;
          else row.toldUser++;
          if (ok && times === 0) row.lost++;
          if (times > 1) row.doubled++;
        }
      }
      rows.push(row);
    }
    return rows;
  } finally {
    await sandbox.close();
  }
}
